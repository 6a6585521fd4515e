package dev.cosinerepro.datasets.io;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Deleting folder trees: partial extractions, temporary caches, scratch folders. */
public final class FileTrees {
  private FileTrees() {}

  /**
   * Deletes a file or folder tree without following symbolic links; absent is fine.
   *
   * @param path the file or folder
   * @throws IOException when something cannot be deleted (what could be is gone)
   */
  public static void delete(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        path,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /**
   * Deletes a tree like {@link #delete}, for scratch and temporary folders whose leftovers are
   * harmless.
   *
   * @param path the file or folder
   * @return whether everything is gone
   */
  public static boolean deleteQuietly(Path path) {
    try {
      delete(path);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
