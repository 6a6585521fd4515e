package dev.cosinerepro.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cosinerepro.workflows.plan.Plans;
import dev.cosinerepro.workflows.spec.GroupSpec;
import dev.cosinerepro.workflows.spec.PlanSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plan files under {@code docs/results/} still read with this code, and the converged Fig. 3
 * results are runs of the built-in {@code fig3-fmnist} plan: the same templates and grids, so a
 * user who runs the built-in plan in the same data folder reuses them.
 */
class ResultPlansTest {
  private static final Path RESULTS = Path.of("..", "docs", "results");

  @Test
  void everyPlanFileOfTheResultsReads() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(RESULTS)) {
      files = walk.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(8);
    for (Path file : files) {
      assertThat(read(file).groups()).as("%s", file).isNotEmpty();
    }
  }

  @Test
  void theConvergedFig3ResultsAreGroupsOfTheBuiltInPlan() {
    PlanSpec results = read(RESULTS.resolve("fig3-fmnist").resolve("plan.yaml"));
    PlanSpec builtIn = Plans.byName("fig3-fmnist");
    Set<String> builtInTemplates =
        builtIn.groups().stream().map(group -> group.template().id()).collect(Collectors.toSet());
    for (GroupSpec group : results.groups()) {
      assertThat(builtInTemplates).as("%s", group.name()).contains(group.template().id());
    }
    assertThat(results.search()).isEqualTo(builtIn.search());
    assertThat(results.group("grid/xent").learningRates())
        .isEqualTo(builtIn.group("fashion-mnist/grid/xent").learningRates());
  }

  private static PlanSpec read(Path file) {
    PlanOptions options = new PlanOptions();
    options.file = file;
    return options.resolve();
  }
}
