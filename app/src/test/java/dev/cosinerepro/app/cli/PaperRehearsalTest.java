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

  @Test
  void thePaperPlanRehearsesEndToEndWithEveryGroupProducingAResult() throws IOException {
    PaperFixtures.Generated fixtures = PaperFixtures.write(home);
    long started = System.nanoTime();
    Cli cli;
    try (LocalServer server = LocalServer.start()) {
      fixtures.served().forEach(server::put);
      Path mirror = home.resolve("mirror.properties");
      Files.writeString(mirror, fixtures.mirror(server.uri("/")));
      System.setProperty(DatasetMirror.PROPERTY, mirror.toString());
      cli = Cli.run("reproduce", "--plan", "paper", "--rehearse", "--data-home", home.toString());
      assertThat(server.requests())
          .as("downloads of CUB, Flowers-102 (3 files), CIFAR-100:\n" + cli)
          .isEqualTo(5);
    }
    double minutes = (System.nanoTime() - started) / 60e9;
    System.out.printf(
        "Rehearsal of the paper plan on fixtures: %.1f minutes%n%s%n", minutes, cli.out);

    assertThat(cli.exitCode).as(cli.toString()).isZero();
    assertThat(cli.out)
        .contains("Rehearsal of plan 'paper', each run shrunk:")
        .contains("network: resnet50, resnet110-wide -> resnet8")
        .contains("# REHEARSAL report: plan 'paper'")
        .contains("Table 2")
        .contains("Table 3")
        .contains("Fig. 3")
        .contains("Rehearsal passed: every one of the");

    JsonNode report = Json.mapper().readTree(storedReport());
    assertThat(report.get("rehearsal").asBoolean()).isTrue();
    assertThat(report.get("table2")).isNotEmpty();
    assertThat(report.get("table3")).isNotEmpty();
    Set<String> fig3Rows = new HashSet<>();
    report.get("fig3").forEach(cell -> fig3Rows.add(cell.get("row").asText()));
    assertThat(fig3Rows)
        .contains("cosine loss (semantic embeddings)", "cosine loss + cross-entropy (semantic)");
    PlanSpec paper = Plans.byName("paper");
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
        .containsExactlyInAnyOrderElementsOf(paper.groups().stream().map(GroupSpec::name).toList());
    assertThat(report.get("missingRuns")).isEmpty();
    JsonNode provenance = report.get("provenance");
    assertThat(provenance.get("planHash").asText()).hasSize(16);
    assertThat(provenance.get("datasetFiles").size()).isEqualTo(10);
    assertThat(storedObjects("embeddings/"))
        .as("cub-deep, cub-flat, cub-wikispecies, nabirds and cifar100 embeddings")
        .hasSize(5);
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
