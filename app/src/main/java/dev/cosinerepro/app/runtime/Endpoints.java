package dev.cosinerepro.app.runtime;

import dev.cosinerepro.app.exit.UserError;
import dev.cosinerepro.storage.S3Settings;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the service addresses a user gives before anything connects: a bad one is named in one
 * sentence instead of a DNS lookup, gRPC warnings or a complaint about something else.
 */
public final class Endpoints {
  private static final Pattern HOST_PORT =
      Pattern.compile(
          "(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?):([0-9]{1,5})");

  private Endpoints() {}

  /**
   * Checks a Temporal frontend address.
   *
   * @param target {@code HOST:PORT}, the host a name, an IPv4 address or a bracketed IPv6 one
   * @throws UserError (usage) naming the target and the form to use
   */
  public static void checkTemporalTarget(String target) {
    Matcher matcher = HOST_PORT.matcher(target);
    int port = matcher.matches() ? Integer.parseInt(matcher.group(3)) : -1;
    if (port < 1 || port > 65535) {
      throw UserError.input(
          "The Temporal target '"
              + target
              + "' is not valid: give it as HOST:PORT with a port from 1 to 65535, for example"
              + " 127.0.0.1:7233.");
    }
  }

  /**
   * Checks an S3 endpoint URL.
   *
   * @param endpoint the URL as given
   * @throws UserError (usage) naming the URL and the form to use
   */
  public static void checkS3Endpoint(String endpoint) {
    try {
      S3Settings.validEndpoint(endpoint);
    } catch (IllegalArgumentException e) {
      throw UserError.input(e.getMessage());
    }
  }
}
