package dev.cosinerepro.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code repro doctor} and {@code repro bench} say about the process's malloc settings. */
class MallocTunablesTest {

  @Test
  void theLaunchersSettingsReadAsKept() {
    Map<String, String> environment = Map.of("GLIBC_TUNABLES", MallocTunables.RECOMMENDED);

    assertThat(MallocTunables.describe(environment))
        .startsWith("freed memory kept for reuse")
        .doesNotContain("slower");
    assertThat(MallocTunables.current(environment)).isEqualTo(MallocTunables.RECOMMENDED);
  }

  @Test
  void noSettingsNameGlibcsDefaultsAndSayWhatToSet() {
    assertThat(MallocTunables.describe(Map.of()))
        .startsWith("glibc's defaults (GLIBC_TUNABLES unset)")
        .contains("./repro")
        .contains("GLIBC_TUNABLES=" + MallocTunables.RECOMMENDED);
    assertThat(MallocTunables.current(Map.of())).isEqualTo("unset");
    assertThat(MallocTunables.describe(Map.of("GLIBC_TUNABLES", "")))
        .startsWith("glibc's defaults (GLIBC_TUNABLES empty)");
  }

  @Test
  void settingsOfTheUsersOwnNameWhatTheyLack() {
    Map<String, String> environment = Map.of("GLIBC_TUNABLES", "glibc.malloc.mmap_max=0");

    assertThat(MallocTunables.describe(environment))
        .startsWith(
            "GLIBC_TUNABLES=glibc.malloc.mmap_max=0 lacks"
                + " glibc.malloc.trim_threshold=17179869184, glibc.malloc.arena_max=1;")
        .contains("GLIBC_TUNABLES=" + MallocTunables.RECOMMENDED);
  }

  @Test
  void theLaunchersSettingsInAnotherOrderAndWithMoreReadAsKept() {
    Map<String, String> environment =
        Map.of(
            "GLIBC_TUNABLES",
            "glibc.malloc.arena_max=1:glibc.malloc.tcache_count=0:glibc.malloc.mmap_max=0"
                + ":glibc.malloc.trim_threshold=17179869184");

    assertThat(MallocTunables.describe(environment)).startsWith("freed memory kept for reuse");
  }

  @Test
  void theRecommendationKeepsOneArenaWithoutMappingsOrTrimming() {
    assertThat(MallocTunables.RECOMMENDED.split(":"))
        .containsExactlyInAnyOrder(
            "glibc.malloc.mmap_max=0",
            "glibc.malloc.trim_threshold=17179869184",
            "glibc.malloc.arena_max=1");
  }
}
