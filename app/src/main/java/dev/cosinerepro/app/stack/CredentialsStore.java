package dev.cosinerepro.app.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the S3 credentials come from.
 *
 * <ol>
 *   <li>The environment, when both {@value #ACCESS_KEY_VARIABLE} and {@value #SECRET_KEY_VARIABLE}
 *       are set (setting only one of them is an error).
 *   <li>Otherwise the properties file {@code <dataHome>/credentials}, with the same two names as
 *       keys. On first start it is created with random keys, readable and writable by its owner
 *       only ({@code rw-------}). An existing file is never overwritten: if it is unreadable or
 *       malformed, loading fails with a sentence that names the file and the fix.
 * </ol>
 *
 * <p>The embedded S3 server accepts exactly these credentials; its data are plain files, so
 * deleting the credentials file (to get new keys) loses nothing.
 */
public final class CredentialsStore {

  /** The environment variable (and file key) holding the access key. */
  public static final String ACCESS_KEY_VARIABLE = "REPRO_S3_ACCESS_KEY";

  /** The environment variable (and file key) holding the secret key. */
  public static final String SECRET_KEY_VARIABLE = "REPRO_S3_SECRET_KEY";

  /** The file name of the credentials file inside the data home. */
  public static final String FILE_NAME = "credentials";

  private static final Logger LOG = LoggerFactory.getLogger(CredentialsStore.class);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final String ACCESS_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String SECRET_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private CredentialsStore() {}

  /**
   * Returns the credentials from the environment, or from the data home's credentials file,
   * creating that file with random keys if it does not exist.
   *
   * @param dataHome the data folder, for example {@code ~/.repro}; created if missing
   * @param env the environment, usually {@code System.getenv()}
   * @return the credentials
   * @throws StackException if only one variable is set, or the file exists but is unreadable or
   *     malformed, or it cannot be created
   */
  public static S3Credentials loadOrCreate(Path dataHome, Map<String, String> env) {
    Objects.requireNonNull(dataHome, "dataHome");
    Objects.requireNonNull(env, "env");
    String access = blankToNull(env.get(ACCESS_KEY_VARIABLE));
    String secret = blankToNull(env.get(SECRET_KEY_VARIABLE));
    if (access != null && secret != null) {
      return new S3Credentials(access, secret);
    }
    Path file = file(dataHome);
    if (access != null || secret != null) {
      throw new StackException(
          (access != null ? ACCESS_KEY_VARIABLE : SECRET_KEY_VARIABLE)
              + " is set but "
              + (access != null ? SECRET_KEY_VARIABLE : ACCESS_KEY_VARIABLE)
              + " is not: set both, or neither to use "
              + file
              + ".");
    }
    if (Files.exists(file)) {
      return read(file);
    }
    return create(file);
  }

  /**
   * Returns where the credentials file of a data home is.
   *
   * @param dataHome the data folder
   * @return {@code <dataHome>/credentials}
   */
  public static Path file(Path dataHome) {
    return dataHome.toAbsolutePath().resolve(FILE_NAME);
  }

  private static S3Credentials read(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new StackException(
          "Cannot read the credentials file "
              + file
              + " ("
              + StackException.reason(e)
              + "): fix its permissions or contents, or delete it to have new keys generated.",
          e);
    }
    String access = blankToNull(properties.getProperty(ACCESS_KEY_VARIABLE));
    String secret = blankToNull(properties.getProperty(SECRET_KEY_VARIABLE));
    if (access == null || secret == null) {
      throw new StackException(
          "The credentials file "
              + file
              + " is malformed (it needs non-empty "
              + ACCESS_KEY_VARIABLE
              + " and "
              + SECRET_KEY_VARIABLE
              + " lines): fix it, or delete it to have new keys generated.");
    }
    warnIfShared(file);
    return new S3Credentials(access, secret);
  }

  private static S3Credentials create(Path file) {
    S3Credentials credentials =
        new S3Credentials(random(ACCESS_ALPHABET, 20), random(SECRET_ALPHABET, 40));
    Path temp = null;
    try {
      Files.createDirectories(file.getParent());
      temp = createPrivateFile(file.getParent());
      Files.writeString(temp, format(credentials), StandardCharsets.UTF_8);
      // A hard link publishes the complete file atomically and fails if the name is taken, so a
      // concurrent start (or an existing file) is never overwritten.
      Files.createLink(file, temp);
      LOG.info("Created S3 credentials in {}", file);
      return credentials;
    } catch (FileAlreadyExistsException e) {
      return read(file);
    } catch (IOException | UnsupportedOperationException e) {
      throw new StackException(
          "Cannot create the credentials file "
              + file
              + " ("
              + StackException.reason(e)
              + "): make the data folder writable, or set "
              + ACCESS_KEY_VARIABLE
              + " and "
              + SECRET_KEY_VARIABLE
              + ".",
          e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          LOG.warn("Could not remove the temporary file {}", temp, e);
        }
      }
    }
  }

  private static Path createPrivateFile(Path folder) throws IOException {
    try {
      return Files.createTempFile(
          folder, ".credentials-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } catch (UnsupportedOperationException e) {
      return Files.createTempFile(folder, ".credentials-", ".tmp"); // not a POSIX file system
    }
  }

  private static String format(S3Credentials credentials) throws IOException {
    Properties properties = new Properties();
    properties.setProperty(ACCESS_KEY_VARIABLE, credentials.accessKey());
    properties.setProperty(SECRET_KEY_VARIABLE, credentials.secretKey());
    StringWriter out = new StringWriter();
    properties.store(
        out, "S3 credentials of the embedded object store (repro). Keep this file private.");
    return out.toString();
  }

  private static void warnIfShared(Path file) {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (!OWNER_ONLY.containsAll(permissions)) {
        LOG.warn(
            "The credentials file {} is readable by others ({}): run chmod 600 on it",
            file,
            PosixFilePermissions.toString(permissions));
      }
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("Cannot check the permissions of {}", file, e);
    }
  }

  private static String random(String alphabet, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
