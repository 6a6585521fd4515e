package dev.cosinerepro.datasets.io;

import dev.cosinerepro.datasets.DatasetException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Extracts tar, tar.gz and zip archives (recognised by content) with a member filter. Rejected,
 * each with one sentence naming the archive and the member: absolute paths, {@code ..} components,
 * symbolic or hard links pointing outside the destination, writes through a symbolic link, special
 * files (devices, FIFOs) and expansion beyond a byte limit.
 *
 * <p>The archive is extracted into {@code <destination>.partial} next to the destination, which is
 * renamed onto the destination only when everything succeeded; so an existing destination always
 * holds a complete extraction, and a failure leaves nothing behind.
 */
public final class ArchiveExtractor {
  /** Default limit on the bytes an archive may expand to: 64 GiB (NABirds is about 9 GiB). */
  public static final long DEFAULT_MAX_BYTES = 64L << 30;

  private final Path archive;
  private final Path root;
  private final long maxBytes;
  private long written;

  private ArchiveExtractor(Path archive, Path root, long maxBytes) {
    this.archive = archive;
    this.root = root;
    this.maxBytes = maxBytes;
  }

  /**
   * Extracts with the {@link #DEFAULT_MAX_BYTES} limit.
   *
   * @see #extract(Path, Path, long)
   */
  public static Path extract(Path archive, Path destination) {
    return extract(archive, destination, DEFAULT_MAX_BYTES);
  }

  /**
   * Extracts {@code archive} into the folder {@code destination}, which must not exist yet.
   *
   * @param archive a tar, tar.gz or zip file
   * @param destination the folder to create
   * @param maxBytes the most bytes the members may add up to
   * @return {@code destination}
   * @throws DatasetException if the destination exists, the archive is of an unknown type or
   *     corrupt, or a member is rejected
   */
  public static Path extract(Path archive, Path destination, long maxBytes) {
    if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
      throw new DatasetException(
          destination + " already exists; delete it to extract " + archive + " again.");
    }
    Path partial = destination.resolveSibling(destination.getFileName() + ".partial");
    try {
      FileTrees.delete(partial);
      Files.createDirectories(partial);
      new ArchiveExtractor(archive, partial.toRealPath(), maxBytes).run();
      try {
        Files.move(partial, destination, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, destination);
      }
      return destination;
    } catch (IOException e) {
      cleanUp(partial, e);
      throw new DatasetException(
          archive
              + " could not be extracted ("
              + e.getMessage()
              + "); it may be corrupt, so delete it and get it again.",
          e);
    } catch (RuntimeException e) {
      cleanUp(partial, e);
      throw e;
    }
  }

  private static void cleanUp(Path partial, Exception failure) {
    try {
      FileTrees.delete(partial);
    } catch (IOException suppressed) {
      failure.addSuppressed(suppressed);
    }
  }

  private void run() throws IOException {
    byte[] magic = new byte[262];
    int n;
    try (InputStream in = Files.newInputStream(archive)) {
      n = in.readNBytes(magic, 0, magic.length);
    }
    if (n >= 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
      extractZip();
    } else if (n >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
      try (InputStream in =
          new GZIPInputStream(
              new BufferedInputStream(Files.newInputStream(archive), 1 << 16), 1 << 16)) {
        extractTar(in);
      }
    } else if (n >= 262
        && new String(magic, 257, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("ustar")) {
      try (InputStream in = new BufferedInputStream(Files.newInputStream(archive), 1 << 16)) {
        extractTar(in);
      }
    } else {
      throw new DatasetException(
          archive + " is not a tar, tar.gz or zip archive; check that the right file is there.");
    }
  }

  private void extractTar(InputStream in) throws IOException {
    try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path target = resolve(entry.getName());
        if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
          throw reject(entry.getName(), "is a special file (device or FIFO)");
        } else if (entry.isDirectory()) {
          makeDirectories(target);
        } else if (entry.isSymbolicLink()) {
          symbolicLink(entry.getName(), target, entry.getLinkName());
        } else if (entry.isLink()) {
          Path source = resolve(entry.getLinkName());
          if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
            throw reject(entry.getName(), "is a hard link to a missing or non-regular member");
          }
          try (InputStream copy = Files.newInputStream(source)) {
            writeFile(entry.getName(), target, copy);
          }
        } else if (entry.isFile()) {
          if (entry.getSize() > maxBytes - written) {
            throw tooLarge();
          }
          writeFile(entry.getName(), target, tar);
        } else {
          throw reject(entry.getName(), "is a special file of unknown type");
        }
      }
    }
  }

  private void extractZip() throws IOException {
    try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
      Enumeration<ZipArchiveEntry> entries = zip.getEntriesInPhysicalOrder();
      while (entries.hasMoreElements()) {
        ZipArchiveEntry entry = entries.nextElement();
        Path target = resolve(entry.getName());
        if (entry.isDirectory()) {
          makeDirectories(target);
        } else if (entry.isUnixSymlink()) {
          symbolicLink(entry.getName(), target, zip.getUnixSymlink(entry));
        } else {
          if (entry.getSize() > maxBytes - written) {
            throw tooLarge();
          }
          try (InputStream in = zip.getInputStream(entry)) {
            writeFile(entry.getName(), target, in);
          }
        }
      }
    }
  }

  /** Maps a member name to a path inside the root, rejecting absolute and {@code ..} names. */
  private Path resolve(String name) {
    if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
      throw reject(name, "has an absolute path");
    }
    for (String part : name.split("[/\\\\]")) {
      if (part.equals("..")) {
        throw reject(name, "contains '..'");
      }
    }
    Path target = root.resolve(name).normalize();
    if (!target.startsWith(root)) {
      throw reject(name, "points outside the destination");
    }
    return target;
  }

  private void makeDirectories(Path dir) throws IOException {
    checkNoLinkOnTheWay(dir, dir);
    Files.createDirectories(dir);
  }

  /** Rejects writes whose existing ancestors include a symbolic link. */
  private void checkNoLinkOnTheWay(Path target, Path reportAs) {
    for (Path p = target; p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
      if (Files.isSymbolicLink(p)) {
        throw reject(root.relativize(reportAs).toString(), "would be written through a link");
      }
    }
  }

  private void symbolicLink(String name, Path target, String linkName) throws IOException {
    if (linkName.startsWith("/") || linkName.isEmpty()) {
      throw reject(name, "is a link to an absolute path");
    }
    Path pointsTo = target.getParent().resolve(linkName).normalize();
    if (!pointsTo.startsWith(root)) {
      throw reject(name, "is a link pointing outside the destination");
    }
    checkNoLinkOnTheWay(target, target);
    Files.createDirectories(target.getParent());
    Files.createSymbolicLink(target, Path.of(linkName));
  }

  private void writeFile(String name, Path target, InputStream in) throws IOException {
    checkNoLinkOnTheWay(target, target);
    Files.createDirectories(target.getParent());
    try (OutputStream out =
        Files.newOutputStream(
            target,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS)) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        written += n;
        if (written > maxBytes) {
          throw tooLarge();
        }
        out.write(buffer, 0, n);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private DatasetException reject(String member, String why) {
    return new DatasetException(
        "Archive "
            + archive
            + " was not extracted because member '"
            + member
            + "' "
            + why
            + "; get an intact copy of the archive.");
  }

  private DatasetException tooLarge() {
    return new DatasetException(
        "Archive "
            + archive
            + " expands beyond the limit of "
            + maxBytes
            + " bytes, so it was not extracted; check that it is the right file.");
  }
}
