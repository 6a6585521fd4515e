package dev.cosinerepro.workflows.spec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Short, stable identifiers: the first 16 hex digits of the SHA-256 of a canonical text. */
public final class CanonicalHash {
  private static final int HEX_DIGITS = 16;

  private CanonicalHash() {}

  /**
   * Returns the identifier of a canonical text.
   *
   * @param canonical the canonical form; equal texts give equal identifiers on every machine
   * @return 16 lower-case hex digits
   */
  public static String of(String canonical) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HEX_DIGITS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }
}
