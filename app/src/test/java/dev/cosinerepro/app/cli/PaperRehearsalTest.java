package dev.cosinerepro.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cosinerepro.app.Offline;
import dev.cosinerepro.datasets.catalog.DatasetMirror;
import dev.cosinerepro.datasets.catalog.LocalServer;
import dev.cosinerepro.datasets.catalog.PaperFixtures;
import dev.cosinerepro.storage.Json;
import dev.cosinerepro.workflows.plan.Plans;
import dev.cosinerepro.workflows.spec.GroupSpec;
import dev.cosinerepro.workflows.spec.PlanSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code repro reproduce --plan paper --rehearse} on generated stand-ins of the five paper
 * datasets: CUB, Flowers-102 and CIFAR-100 downloaded from a loopback mirror of their official
 * addresses, NABirds and Cars as the user's files; every group of the paper plan through the real
 * code on the embedded stack (download, verification, extraction, image cache, embeddings, training
 * chunks, checkpoints, report). Every group must produce a result — the CUB hierarchy defect failed
 * every CUB semantic group here — and the report holds Tables 2 and 3 and Fig. 3, marked as a
 * rehearsal.
 */
class PaperRehearsalTest {
  @TempDir Path home;

  @BeforeAll
  static void offline() {
    Offline.enforce();
  }

  @AfterEach
  void clearMirror() {
    System.clearProperty(DatasetMirror.PROPERTY);
  }

  /**
   * The paper plan's kinds of groups — every dataset, every semantic hierarchy, Table 3, and Fig. 3
   * groups that take their rate from a Table 2 group and repeat their subset — rehearsed through
   * {@code --plan-file ... --rehearse}: about 20 runs, minutes on two cores.
   */
  @Test
  void aRehearsalOfEveryKindOfPaperGroupRunsEndToEnd() throws IOException {
    PlanSpec paper = Plans.byName("paper");
    List<String> names =
        List.of(
            "table2/cub200/cosine",
            "table2/cub200/cosine/cub-deep",
            "table3/cub200/cosine+xent/cub-wikispecies",
            "table2/nabirds/cosine+xent/nabirds",
            "table2/cars/xent-ls",
            "table2/flowers102/xent",
            "table2/cifar100/cosine/cifar100",
            "fig3/cub200/k2/cosine",
            "fig3/cifar100/k10/cosine/cifar100");
    PlanSpec sample =
        new PlanSpec(
            "paper-sample",
            "One group of every kind of the paper plan",
            names.stream().map(paper::group).toList(),
            paper.epochsPerChunk());
    Path planFile = home.resolve("paper-sample.json");
    Files.write(planFile, Json.write(sample));
    Cli cli = rehearse("--plan-file", planFile.toString());
    assertEveryGroupHasAResult(cli, sample, 4);
  }

  /**
   * The whole paper plan rehearsed: 135 runs, about an hour on two busy cores, so it runs only with
   * {@code -Drehearse.paper=true}.
   */
  @Test
  @EnabledIfSystemProperty(named = "rehearse.paper", matches = "true")
  void thePaperPlanRehearsesEndToEndWithEveryGroupProducingAResult() throws IOException {
    Cli cli = rehearse("--plan", "paper");
    assertEveryGroupHasAResult(cli, Plans.byName("paper"), 5);
  }

  private Cli rehearse(String... plan) throws IOException {
    PaperFixtures.Generated fixtures = PaperFixtures.write(home);
    long started = System.nanoTime();
    try (LocalServer server = LocalServer.start()) {
      fixtures.served().forEach(server::put);
      Path mirror = home.resolve("mirror.properties");
      Files.writeString(mirror, fixtures.mirror(server.uri("/")));
      System.setProperty(DatasetMirror.PROPERTY, mirror.toString());
      List<String> args = new java.util.ArrayList<>(List.of("reproduce"));
      args.addAll(List.of(plan));
      args.addAll(List.of("--rehearse", "--data-home", home.toString()));
      Cli cli = Cli.run(args.toArray(String[]::new));
      System.out.printf(
          "Rehearsal %s on the fixtures: %.1f minutes%n%s%n",
          String.join(" ", plan), (System.nanoTime() - started) / 60e9, cli);
      assertThat(server.requests())
          .as("downloads of CUB, Flowers-102 (3 files) and CIFAR-100")
          .isEqualTo(5);
      return cli;
    }
  }

  private void assertEveryGroupHasAResult(Cli cli, PlanSpec plan, int embeddings)
      throws IOException {
    assertThat(cli.exitCode).as(cli.toString()).isZero();
    assertThat(cli.out)
        .contains("Rehearsal of plan '" + plan.name() + "', each run shrunk:")
        .contains("network: resnet50, resnet110-wide -> resnet8")
        .contains("# REHEARSAL report: plan '" + plan.name() + "'")
        .contains("Table 2")
        .contains("Table 3")
        .contains("Fig. 3")
        .contains("Rehearsal passed: every one of the " + plan.groups().size() + " groups");

    JsonNode report = Json.mapper().readTree(storedReport());
    assertThat(report.get("rehearsal").asBoolean()).isTrue();
    assertThat(report.get("table2")).isNotEmpty();
    assertThat(report.get("table3")).isNotEmpty();
    assertThat(report.get("fig3")).isNotEmpty();
    Set<String> withResult = new HashSet<>();
    report
        .get("request")
        .get("groups")
        .forEach(
            group -> {
              if (!group.get("chosenLearningRate").isNull() && group.get("failures").isEmpty()) {
                withResult.add(group.get("name").asText());
              }
            });
    assertThat(withResult)
        .containsExactlyInAnyOrderElementsOf(plan.groups().stream().map(GroupSpec::name).toList());
    assertThat(report.get("missingRuns")).isEmpty();
    assertThat(report.get("departures").toString()).contains("network resnet8 instead of resnet50");
    JsonNode provenance = report.get("provenance");
    assertThat(provenance.get("planHash").asText()).hasSize(16);
    assertThat(provenance.get("codeCommit").asText()).isNotBlank();
    assertThat(provenance.get("versions").get("djl").asText()).isEqualTo("0.36.0");
    assertThat(provenance.get("datasetFiles").size()).isEqualTo(10);
    List<Path> html =
        storedObjects("plans/").stream().filter(p -> p.endsWith("report.html")).toList();
    assertThat(html).hasSize(1);
    assertThat(Files.readString(html.get(0))).contains("REHEARSAL");
    System.out.printf(
        "report.html of the rehearsed plan '%s': %,d bytes%n",
        plan.name(), Files.size(html.get(0)));
    assertThat(storedObjects("embeddings/"))
        .as("the semantic embeddings, each checked against its dataset's classes in label order")
        .hasSize(embeddings);
  }

  private byte[] storedReport() throws IOException {
    List<Path> reports =
        storedObjects("plans/").stream().filter(p -> p.endsWith("report.json")).toList();
    assertThat(reports).hasSize(1);
    return Files.readAllBytes(reports.get(0));
  }

  private List<Path> storedObjects(String prefix) throws IOException {
    try (Stream<Path> files = Files.walk(home.resolve("s3"))) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> p.toString().contains("/" + prefix))
          .toList();
    }
  }
}
