package dev.cosinerepro.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cosinerepro.app.Offline;
import dev.cosinerepro.app.exit.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad inputs a new user met (issue 13): each gets exit code 2 and one sentence naming the input,
 * before any service starts or anything is written.
 */
class BadInputTest {
  @TempDir Path home;

  @BeforeAll
  static void offline() {
    Offline.enforce();
  }

  private static void assertOneSentence(Cli cli, int code, String... fragments) {
    assertThat(cli.exitCode).as(cli.toString()).isEqualTo(code);
    assertThat(cli.err).as(cli.toString()).startsWith("repro: ").doesNotContain("\tat ");
    assertThat(cli.err.lines()).as(cli.toString()).hasSize(1);
    for (String fragment : fragments) {
      assertThat(cli.err).as(cli.toString()).contains(fragment);
    }
  }

  private Path plan(String name, String text) throws IOException {
    Path file = home.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private static String planWithSchedule(String schedule) {
    return """
        name: long
        epochsPerChunk: 1
        groups:
          - name: g
            learningRates: [0.1]
            template:
              data: {dataset: fashion-mnist, samplesPerClass: 5}
              network: {architecture: resnet8}
              objective: {loss: xent}
              optimizer: {batchSize: 10}
              schedule: %s
        """
        .formatted(schedule);
  }

  @Test
  void aBillionBaseEpochsIsRefusedByPlanShow() throws IOException {
    Path file = plan("long.yaml", planWithSchedule("{cycles: 1, baseEpochs: 1000000000}"));
    Cli cli = Cli.run("plan", "show", "--plan-file", file.toString());
    assertOneSentence(cli, ExitCodes.USAGE, "schedule.baseEpochs", "100000");
    assertThat(cli.out).doesNotContain("GPU-hours");
  }

  @Test
  void cyclesThatWouldOverflowTheEpochCountAreRefused() throws IOException {
    Path file =
        plan("overflow.yaml", planWithSchedule("{cycles: 20, baseEpochs: 1, multiplier: 10}"));
    Cli cli = Cli.run("plan", "show", "--plan-file", file.toString());
    assertOneSentence(cli, ExitCodes.USAGE, "schedule", "more than 100000");
  }

  @Test
  void theLongestAllowedScheduleIsSizedWithoutOverflow() throws IOException {
    Path file = plan("max.yaml", planWithSchedule("{cycles: 1, baseEpochs: 100000}"));
    Cli cli = Cli.run("plan", "show", "--plan-file", file.toString(), "--runs");
    assertThat(cli.exitCode).as(cli.toString()).isZero();
    assertThat(cli.out).contains("100,000 GPU-epochs").doesNotContainPattern(" -[0-9]");
  }

  @Test
  void anEmptyPlanFileIsNamed() throws IOException {
    for (String name : new String[] {"empty.yaml", "empty.json"}) {
      Path file = plan(name, "");
      Cli cli = Cli.run("plan", "show", "--plan-file", file.toString());
      assertOneSentence(cli, ExitCodes.USAGE, "The plan file " + file + " holds no plan");
    }
  }

  @Test
  void aPlanFileHoldingOnlyNullIsNamed() throws IOException {
    for (String name : new String[] {"null.yaml", "null.json"}) {
      Path file = plan(name, "null\n");
      Cli cli = Cli.run("plan", "show", "--plan-file", file.toString());
      assertOneSentence(cli, ExitCodes.USAGE, "The plan file " + file + " holds no plan");
    }
    Path list = plan("list.yaml", "- a\n- b\n");
    assertOneSentence(
        Cli.run("plan", "show", "--plan-file", list.toString()),
        ExitCodes.USAGE,
        "holds a array, not a plan");
  }

  @Test
  void anEndlessPlanFileIsRefusedBySize() {
    assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero");
    Cli cli = Cli.run("plan", "show", "--plan-file", "/dev/zero");
    assertOneSentence(cli, ExitCodes.USAGE, "The plan file /dev/zero is larger than 1024 KiB");
  }

  @Test
  void aYamlSyntaxErrorHasLineAndColumn() throws IOException {
    Path file = plan("broken.yaml", "name: x\ngroups:\n  - name: [unclosed\n    seeds: 1\n");
    Cli cli = Cli.run("plan", "show", "--plan-file", file.toString());
    assertOneSentence(cli, ExitCodes.USAGE, "is not valid YAML or JSON at line ", ", column ");
  }

  @Test
  void thePlanMayBeAPositionalWord() throws IOException {
    Cli named = Cli.run("plan", "show", "paper");
    assertThat(named.exitCode).as(named.toString()).isZero();
    assertThat(named.out).contains("Plan 'paper'");
    Path file = plan("long.yaml", planWithSchedule("{cycles: 1, baseEpochs: 2}"));
    Cli fromFile = Cli.run("plan", "show", file.toString());
    assertThat(fromFile.exitCode).as(fromFile.toString()).isZero();
    assertThat(fromFile.out).contains("Plan 'long'");
    assertOneSentence(
        Cli.run("plan", "show", "paper", "--plan", "quick"), ExitCodes.USAGE, "Name one plan");
    assertOneSentence(
        Cli.run("plan", "show", "nope"),
        ExitCodes.USAGE,
        "The plan 'nope' is not known: use one of fig3-fmnist, paper, quick.");
  }

  @Test
  void aKeyThatClimbsOutOfTheStoreIsAUsageError() {
    Cli cli =
        Cli.run(
            "fetch",
            "../../etc/passwd",
            home.resolve("out").toString(),
            "--data-home",
            home.toString());
    assertOneSentence(cli, ExitCodes.USAGE, "'../../etc/passwd' is not a store key");
    assertThat(home.resolve("s3")).doesNotExist();
  }

  @Test
  void aDestinationThatCannotBeWrittenIsAUsageError() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self")), "no /proc");
    Cli cli = Cli.run("fetch", "runs/x/result.json", "/proc/x", "--data-home", home.toString());
    assertOneSentence(cli, ExitCodes.USAGE, "Cannot write to /proc/x", "choose another");
    assertThat(home.resolve("s3")).doesNotExist();
  }

  @Test
  void aPortOutOfRangeIsAUsageError() {
    Cli cli = Cli.run("up", "--temporal-port", "70000", "--data-home", home.toString());
    assertOneSentence(cli, ExitCodes.USAGE, "--temporal-port 70000 is out of range");
    assertThat(home.resolve("s3")).doesNotExist();
  }

  @Test
  void aTemporalTargetWithoutPortIsNamedBeforeConnecting() {
    long start = System.nanoTime();
    Cli cli =
        Cli.run(
            Map.of("REPRO_S3_ACCESS_KEY", "a", "REPRO_S3_SECRET_KEY", "b"),
            "fetch",
            "runs/x/result.json",
            home.resolve("out").toString(),
            "--temporal",
            "notaport",
            "--s3",
            "http://127.0.0.1:1",
            "--data-home",
            home.toString());
    assertOneSentence(cli, ExitCodes.USAGE, "The Temporal target 'notaport' is not valid");
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(5);
  }

  @Test
  void anS3UrlThatIsNotAUrlIsNamedBeforeCredentials() {
    Cli cli =
        Cli.run(
            "fetch",
            "runs/x/result.json",
            home.resolve("out").toString(),
            "--temporal",
            "127.0.0.1:7233",
            "--s3",
            "notaurl",
            "--data-home",
            home.toString());
    assertOneSentence(cli, ExitCodes.USAGE, "The S3 endpoint \"notaurl\" is not valid");
  }

  @Test
  void anImageFolderWithOneClassIsRefusedByDataPrepare() throws IOException {
    Path folder = home.resolve("one");
    Files.createDirectories(folder.resolve("cat"));
    Files.write(folder.resolve("cat/1.jpg"), new byte[] {1});
    Cli cli =
        Cli.run("data", "prepare", "folder:" + folder, "--data-home", home.resolve("d").toString());
    assertOneSentence(cli, ExitCodes.USAGE, "has only one class sub-folder (cat)");
  }

  @Test
  void aPlanOnAOneClassFolderIsRefusedBeforeAnythingStarts() throws IOException {
    Path folder = home.resolve("one");
    Files.createDirectories(folder.resolve("cat"));
    Path file =
        plan(
            "folder.yaml",
            """
            name: one-class
            epochsPerChunk: 1
            groups:
              - name: g
                learningRates: [0.1]
                template:
                  data: {dataset: "folder:%s", augmentation: crop-flip-erase, imageSide: 40, inputSide: 32}
                  network: {architecture: resnet8}
                  objective: {loss: xent}
                  optimizer: {batchSize: 2}
                  schedule: {cycles: 1, baseEpochs: 1}
            """
                .formatted(folder));
    Cli cli =
        Cli.run(
            "reproduce",
            "--plan-file",
            file.toString(),
            "--data-home",
            home.resolve("d").toString());
    assertOneSentence(cli, ExitCodes.USAGE, "has only one class sub-folder (cat)");
    assertThat(home.resolve("d/s3")).doesNotExist();
  }
}
