package dev.cosinerepro.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code repro fetch --url}'s options, checked before any service is contacted. */
class FetchUrlOptionsTest {

  @Test
  void expiriesReadAsNumberAndUnitUpToSevenDays() {
    assertThat(ExpiryDuration.parse("--expires", "45s")).isEqualTo(Duration.ofSeconds(45));
    assertThat(ExpiryDuration.parse("--expires", "15m")).isEqualTo(Duration.ofMinutes(15));
    assertThat(ExpiryDuration.parse("--expires", "1h")).isEqualTo(Duration.ofHours(1));
    assertThat(ExpiryDuration.parse("--expires", "7d")).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void aBadExpiryIsOneSentenceNamingTheOption() {
    Cli weeks = Cli.run("fetch", "--url", "runs/x/result.json", "--expires", "2w");
    assertThat(weeks.exitCode).as(weeks.toString()).isEqualTo(2);
    assertThat(weeks.err.strip())
        .isEqualTo(
            "repro: --expires '2w' is not a duration: write a number and s, m, h or d, e.g. 1h.")
        .doesNotContain("\n");

    Cli tooLong = Cli.run("fetch", "--url", "runs/x/result.json", "--expires", "8d");
    assertThat(tooLong.exitCode).isEqualTo(2);
    assertThat(tooLong.err).contains("--expires '8d' is longer than S3 allows");
  }

  @Test
  void urlAndDestinationExcludeEachOther() {
    Cli both = Cli.run("fetch", "--url", "runs/x/result.json", "out.json");
    assertThat(both.exitCode).isEqualTo(2);
    assertThat(both.err).contains("--url prints a link and writes no file");

    Cli neither = Cli.run("fetch", "runs/x/result.json");
    assertThat(neither.exitCode).isEqualTo(2);
    assertThat(neither.err).contains("Give a DEST file or folder");
  }
}
