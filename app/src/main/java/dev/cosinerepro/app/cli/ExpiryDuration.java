package dev.cosinerepro.app.cli;

import dev.cosinerepro.app.exit.UserError;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads how long a presigned URL stays valid: a whole number and a unit, {@code 30s} to {@code 7d}.
 */
final class ExpiryDuration {
  private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,6})([smhd])");
  private static final Duration LONGEST = Duration.ofDays(7);

  private ExpiryDuration() {}

  /**
   * Parses {@code text} such as {@code 45s}, {@code 15m}, {@code 1h} or {@code 7d}.
   *
   * @throws UserError naming the option when the text is malformed or outside 1 second to 7 days
   */
  static Duration parse(String option, String text) {
    Matcher matcher = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      throw UserError.input(
          option + " '" + text + "' is not a duration: write a number and s, m, h or d, e.g. 1h.");
    }
    long amount = Long.parseLong(matcher.group(1));
    Duration duration =
        switch (matcher.group(2)) {
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
    if (duration.compareTo(LONGEST) > 0) {
      throw UserError.input(
          option + " '" + text + "' is longer than S3 allows: presigned URLs last at most 7d.");
    }
    return duration;
  }
}
