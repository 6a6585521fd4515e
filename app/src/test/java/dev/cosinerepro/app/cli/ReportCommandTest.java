package dev.cosinerepro.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cosinerepro.app.exit.ExitCodes;
import dev.cosinerepro.app.stack.CredentialsStore;
import dev.cosinerepro.app.stack.EmbeddedS3;
import dev.cosinerepro.app.stack.EmbeddedStack;
import dev.cosinerepro.app.stack.S3Credentials;
import dev.cosinerepro.storage.Json;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.S3Settings;
import dev.cosinerepro.storage.StoreKeys;
import dev.cosinerepro.workflows.spec.GroupOutcome;
import dev.cosinerepro.workflows.spec.GroupSpec;
import dev.cosinerepro.workflows.spec.PlanSpec;
import dev.cosinerepro.workflows.spec.RateOutcome;
import dev.cosinerepro.workflows.spec.ReportRequest;
import dev.cosinerepro.workflows.spec.RunResult;
import dev.cosinerepro.workflows.spec.RunSpec;
import dev.cosinerepro.workflows.spec.RunTemplate;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code repro report}: rebuilds a stored report on the embedded stack of a data folder. */
class ReportCommandTest {
  private static final String PLAN_ID = "plan-tiny-0123abcd";

  @TempDir Path home;

  /** Runs {@code repro report ARGS --data-home HOME} with the project's error handling. */
  private Result run(String... args) {
    CommandLine line = ReproCommand.commandLine(Map.of());
    if (!line.getSubcommands().containsKey("report")) {
      line.addSubcommand(new ReportCommand());
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    String[] full = new String[args.length + 3];
    full[0] = "report";
    System.arraycopy(args, 0, full, 1, args.length);
    full[args.length + 1] = "--data-home";
    full[args.length + 2] = home.toString();
    return new Result(line.execute(full), out.toString(), err.toString());
  }

  private record Result(int exitCode, String out, String err) {}

  private static RunSpec spec(String objective) {
    return RunTemplate.builder()
        .setDataset("cub200")
        .optAugmentation("crop-flip-erase")
        .optImageSides(512, 448)
        .setArchitecture("resnet50")
        .setLoss(objective)
        .setBatchSize(96)
        .build()
        .run(0.05, 0);
  }

  private static GroupOutcome group(String objective, double best, double last) {
    RunSpec spec = spec(objective);
    RateOutcome rate = new RateOutcome(0.05, List.of(spec.id()), best, last, 0.0, 0.0, 1, 0, null);
    return new GroupOutcome(
        "table2/cub200/" + objective,
        "table2",
        spec.template(),
        List.of(rate),
        0.05,
        372,
        List.of());
  }

  private static ReportRequest request() {
    List<GroupOutcome> groups = List.of(group("xent", 0.55, 0.54), group("cosine", 0.50, 0.49));
    List<GroupSpec> specs =
        groups.stream()
            .map(g -> GroupSpec.grid(g.name(), g.table(), g.template(), List.of(0.05), List.of(0L)))
            .toList();
    return new ReportRequest(PLAN_ID, new PlanSpec("tiny", "Two CUB groups.", specs, 1), groups);
  }

  /** Writes objects into the data folder's embedded store, as a finished reproduction would. */
  private void store(Map<String, byte[]> objects) {
    S3Credentials credentials = CredentialsStore.loadOrCreate(home, Map.of());
    try (EmbeddedS3 s3 = EmbeddedS3.start(home.resolve(EmbeddedStack.S3_FOLDER), credentials, 0);
        ObjectStore store =
            ObjectStore.connect(
                new S3Settings(
                    s3.endpoint(),
                    credentials.accessKey(),
                    credentials.secretKey(),
                    EmbeddedStack.BUCKET))) {
      objects.forEach((key, data) -> store.put(key, data, "application/json"));
    }
  }

  @Test
  void rebuildsTheReportFromItsOutcomesAndCopiesTheFiles() throws IOException {
    ReportRequest request = request();
    String xentRun = request.groups().get(0).rates().get(0).runIds().get(0);
    store(
        Map.of(
            StoreKeys.report(PLAN_ID, "outcomes.json"),
            Json.write(request),
            StoreKeys.runResult(xentRun),
            Json.write(new RunResult(xentRun, spec("xent"), 0.55, 200, 0.54, 372, 100))));
    Path folder = home.resolve("out");

    Result r = run(PLAN_ID, "--out", folder.toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out())
        .contains("# Reproduction report: plan 'tiny'")
        .contains("| softmax + cross-entropy | 55.00 / 54.00 / 51.9 |")
        .contains("| cosine loss (one-hot) | 50.00 / 49.00 / 67.6 |")
        .contains("−9.1 % relative here")
        .contains("The paper's effect does not appear here.")
        .contains(StoreKeys.report(PLAN_ID, "report.md") + " -> " + folder.resolve("report.md"));
    assertThat(folder.resolve("outcomes.json")).isRegularFile();
    assertThat(folder.resolve("report.csv")).isRegularFile();
    assertThat(folder.resolve("report.json")).isRegularFile();
    assertThat(Files.readString(folder.resolve("report.md")))
        .contains("## Learning-rate grid")
        .contains("| table2/cub200/xent | **chosen** | 0.05 | 1/1 | 55.00 | 54.00 | 201 |");
    assertThat(Json.read(Files.readAllBytes(folder.resolve("outcomes.json")), ReportRequest.class))
        .isEqualTo(request);
  }

  @Test
  void openWritesTheHtmlReportIntoTheDataFolderAndPrintsItsPath() throws IOException {
    store(Map.of(StoreKeys.report(PLAN_ID, "outcomes.json"), Json.write(request())));

    Result r = run(PLAN_ID, "--open");

    Path html = home.resolve("reports").resolve(PLAN_ID).resolve("report.html");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("report.html: " + html.toAbsolutePath());
    assertThat(Files.readString(html))
        .startsWith("<!DOCTYPE html>")
        .contains("Reproduction report: plan &#39;tiny&#39;")
        .contains("<span class=\"best\">55.00</span> / <span class=\"final\">54.00</span>");
  }

  @Test
  void aMissingOutcomesFileIsOneSentenceNamingTheKey() {
    Result r = run("plan-nothing-here");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err())
        .startsWith("repro: No object 'plans/plan-nothing-here/outcomes.json' in bucket repro")
        .doesNotContain("\tat ");
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void anIdThatCannotBeAKeyIsRejectedBeforeAnythingStarts() {
    Result r = run("../etc");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).startsWith("repro: The plan run id \"../etc\" cannot be part of");
    assertThat(r.err().lines()).hasSize(1);
  }
}
