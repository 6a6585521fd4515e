package dev.cosinerepro.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cosinerepro.app.Offline;
import dev.cosinerepro.app.exit.ExitCodes;
import dev.cosinerepro.app.stack.EmbeddedS3;
import dev.cosinerepro.app.stack.S3Credentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's contract: exit codes and one-line messages for user mistakes, through
 * picocli's execute().
 */
class CommandLineTest {
  @TempDir Path home;

  @BeforeAll
  static void offline() {
    Offline.enforce();
  }

  private static void assertOneLineError(Cli cli, int code, String... fragments) {
    assertThat(cli.exitCode).as(cli.toString()).isEqualTo(code);
    assertThat(cli.err).as(cli.toString()).startsWith("repro: ").doesNotContain("\tat ");
    for (String fragment : fragments) {
      assertThat(cli.err).as(cli.toString()).contains(fragment);
    }
  }

  @Test
  void helpListsTheCommandsAndExitCodes() {
    Cli cli = Cli.run("--help");
    assertThat(cli.exitCode).isZero();
    assertThat(cli.out)
        .contains("quickstart", "reproduce", "up", "worker", "status", "fetch")
        .contains("Exit codes:")
        .contains("130");
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    Cli cli = Cli.run("bogus");
    assertOneLineError(cli, ExitCodes.USAGE, "Unmatched argument", "Try 'repro --help'");
  }

  @Test
  void anUnknownPlanIsNamedWithTheKnownOnes() {
    Cli cli = Cli.run("reproduce", "--plan", "nope", "--data-home", home.toString());
    assertOneLineError(
        cli,
        ExitCodes.USAGE,
        "The plan 'nope' is not known: use one of fig3-fmnist, paper, quick.");
    assertThat(cli.err.lines()).hasSize(1);
  }

  @Test
  void aPlanIsRequired() {
    Cli cli = Cli.run("reproduce", "--data-home", home.toString());
    assertOneLineError(cli, ExitCodes.USAGE, "Name one plan: --plan NAME or --plan-file FILE.");
  }

  @Test
  void aPlanFileThatIsNotJsonIsRejected() throws IOException {
    Path file = home.resolve("plan.json");
    Files.writeString(file, "name: not json");
    Cli cli = Cli.run("reproduce", "--plan-file", file.toString(), "--data-home", home.toString());
    assertOneLineError(
        cli, ExitCodes.USAGE, "The plan file " + file + " is not valid YAML or JSON");
  }

  @Test
  void aPlanWithAnUnknownArchitectureIsRejectedBeforeAnythingStarts() throws IOException {
    Path file = home.resolve("plan.json");
    Files.writeString(
        file,
        """
        {"name":"bad","description":"","epochsPerChunk":1,"groups":[{"name":"g","learningRates":[0.1],"template":
         {"data":{"dataset":"fashion-mnist","samplesPerClass":5},"network":{"architecture":"resnet999"},
          "objective":{"loss":"xent"},"optimizer":{"batchSize":10},"schedule":{"cycles":1,"baseEpochs":1}}}]}
        """);
    Cli cli = Cli.run("reproduce", "--plan-file", file.toString(), "--data-home", home.toString());
    assertOneLineError(cli, ExitCodes.USAGE, "network.architecture is 'resnet999'", "resnet20");
    assertThat(home.resolve("s3")).doesNotExist();
  }

  @Test
  void aPlanFieldWithAnImpossibleValueIsNamed() throws IOException {
    Path file = home.resolve("plan.json");
    Files.writeString(
        file,
        """
        {"name":"bad","description":"","epochsPerChunk":1,"groups":[{"name":"g","learningRates":[0.1],"template":
         {"data":{"dataset":"fashion-mnist","samplesPerClass":5},"network":{"architecture":"resnet8",
          "batchNormMomentum":1.5},"objective":{"loss":"xent"},"optimizer":{"batchSize":10}}}]}
        """);
    Cli cli = Cli.run("reproduce", "--plan-file", file.toString(), "--data-home", home.toString());
    assertOneLineError(
        cli, ExitCodes.USAGE, "at groups[0].template.network", "network.batchNormMomentum");
  }

  @Test
  void aPlanInTheOldFlatFormIsNamedWithTheFix() throws IOException {
    Path file = home.resolve("plan.json");
    Files.writeString(
        file,
        """
        {"name":"old","description":"","epochsPerChunk":1,"groups":[{"name":"g","learningRates":[0.1],"template":
         {"dataset":"fashion-mnist","samplesPerClass":5,"subsetSeed":0,"subsetRepeats":1,
          "architecture":"resnet8","objective":"xent","embedding":"onehot","maxLearningRate":0.1,
          "minLearningRate":0,"sgdrCycles":1,"sgdrBaseEpochs":1,"weightDecay":0,"batchSize":10,
          "augmentation":"none","evalEvery":1,"seed":0}}]}
        """);
    Cli cli = Cli.run("plan", "show", "--plan-file", file.toString());
    assertOneLineError(
        cli, ExitCodes.USAGE, "Group 'g' has a template in the flat form", "write it in sections");
  }

  @Test
  void anUnreachableObjectStoreIsAServiceError() {
    Cli cli =
        Cli.run(
            Map.of("REPRO_S3_ACCESS_KEY", "a", "REPRO_S3_SECRET_KEY", "b"),
            "reproduce",
            "--plan",
            "quick",
            "--temporal",
            "127.0.0.1:1",
            "--s3",
            "http://127.0.0.1:1",
            "--data-home",
            home.toString());
    assertOneLineError(cli, ExitCodes.SERVICE, "Cannot reach the S3 endpoint http://127.0.0.1:1");
  }

  @Test
  void externalServicesNeedCredentials() {
    Cli cli =
        Cli.run(
            "reproduce",
            "--plan",
            "quick",
            "--temporal",
            "127.0.0.1:1",
            "--s3",
            "http://127.0.0.1:1",
            "--data-home",
            home.toString());
    assertOneLineError(cli, ExitCodes.USAGE, "REPRO_S3_ACCESS_KEY and REPRO_S3_SECRET_KEY");
  }

  @Test
  void wrongCredentialsAndAnUnreachableTemporalAreServiceErrors() {
    S3Credentials real = new S3Credentials("REALKEY", "real-secret");
    try (EmbeddedS3 s3 = EmbeddedS3.start(home.resolve("s3"), real, 0)) {
      Cli wrong =
          Cli.run(
              Map.of("REPRO_S3_ACCESS_KEY", "REALKEY", "REPRO_S3_SECRET_KEY", "guessed"),
              "reproduce",
              "--plan",
              "quick",
              "--temporal",
              "127.0.0.1:1",
              "--s3",
              s3.endpoint(),
              "--data-home",
              home.toString());
      assertOneLineError(wrong, ExitCodes.SERVICE, "rejected the access key");

      Cli noTemporal =
          Cli.run(
              Map.of("REPRO_S3_ACCESS_KEY", "REALKEY", "REPRO_S3_SECRET_KEY", "real-secret"),
              "reproduce",
              "--plan",
              "quick",
              "--temporal",
              "127.0.0.1:1",
              "--s3",
              s3.endpoint(),
              "--data-home",
              home.toString());
      assertOneLineError(
          noTemporal, ExitCodes.SERVICE, "Cannot reach the Temporal service at 127.0.0.1:1");
    }
  }

  @Test
  void onlyOneOfTheExternalServicesIsAUsageError() {
    Cli cli =
        Cli.run(
            "reproduce",
            "--plan",
            "quick",
            "--temporal",
            "127.0.0.1:1",
            "--data-home",
            home.toString());
    assertOneLineError(cli, ExitCodes.USAGE, "Give both --temporal and --s3");
  }

  @Test
  void aWorkerNamesAnUnknownQueue() {
    Cli cli = Cli.run("worker", "--queues", "tpu", "--data-home", home.toString());
    assertOneLineError(cli, ExitCodes.USAGE, "The task queue 'tpu' is not known: use cpu, gpu.");
  }

  @Test
  void statusWithoutAnyPlanSaysSo() {
    Cli cli = Cli.run("status", "--data-home", home.toString());
    assertOneLineError(cli, ExitCodes.USAGE, "No plan was started from the data folder");
  }

  @Test
  void fetchingAMissingKeyNamesIt() {
    Cli cli =
        Cli.run(
            "fetch",
            "plans/nothing/report.md",
            home.resolve("out.md").toString(),
            "--data-home",
            home.toString());
    assertOneLineError(cli, ExitCodes.USAGE, "No object 'plans/nothing/report.md' in bucket repro");
    assertThat(home.resolve("out.md")).doesNotExist();
  }

  @Test
  void planShowSizesThePaperPlan() {
    Cli cli = Cli.run("plan", "show", "--plan", "paper", "--throughput", "resnet50=220");
    assertThat(cli.exitCode).as(cli.toString()).isZero();
    assertThat(cli.out)
        .contains("Plan 'paper'")
        .contains("GPU-epochs")
        .contains("GPU-hours")
        .contains("table2/cub200/cosine")
        .contains("table3/cub200/cosine/cub-flat")
        .contains("fig3/cifar100/k250/cosine+xent")
        .contains("from table2/cub200/xent")
        .contains("resnet50         220");
  }

  @Test
  void planShowSizesARehearsalOfThePaperPlan() {
    Cli cli = Cli.run("plan", "show", "--plan", "paper", "--rehearse");
    assertThat(cli.exitCode).as(cli.toString()).isZero();
    assertThat(cli.out)
        .contains("Plan 'paper': Rehearsal of: ")
        .contains("105 groups, 135 runs, 270 GPU-epochs")
        .contains("fig3/cub200/k5/cosine/cub-deep")
        .contains("resnet8")
        .doesNotContain("resnet50 ");
  }

  @Test
  void aYamlPlanWithAWrongTypeNamesTheField() throws IOException {
    Path file = home.resolve("plan.yaml");
    Files.writeString(
        file,
        """
        name: mine
        epochsPerChunk: 1
        groups:
          - name: g
            learningRates: [0.1]
            template:
              data: {dataset: fashion-mnist, samplesPerClass: lots}
        """);
    Cli cli = Cli.run("plan", "show", "--plan-file", file.toString());
    assertOneLineError(cli, ExitCodes.USAGE, "at groups[0].template.data.samplesPerClass");
  }

  @Test
  void aYamlPlanRunsThroughTheSameChecks() throws IOException {
    Path file = home.resolve("plan.yml");
    Files.writeString(
        file,
        """
        name: mine
        epochsPerChunk: 1
        groups:
          - name: g
            learningRates: [0.1]
            template:
              data: {dataset: fashion-mnist, samplesPerClass: 7000}
              network: {architecture: resnet8}
              objective: {loss: xent}
              optimizer: {batchSize: 10}
        """);
    Cli cli = Cli.run("plan", "show", "--plan-file", file.toString());
    assertOneLineError(cli, ExitCodes.USAGE, "smallest class of fashion-mnist has 6000");
  }

  @Test
  void aDatasetTheUserMustSupplyIsNamedBeforeAnythingStarts() throws IOException {
    Path file = home.resolve("nab.yaml");
    Files.writeString(
        file,
        """
        name: nab
        epochsPerChunk: 1
        groups:
          - name: g
            learningRates: [0.1]
            template:
              data: {dataset: nabirds, augmentation: crop-flip-erase, imageSide: 512, inputSide: 448}
              network: {architecture: resnet50}
              objective: {loss: xent}
              optimizer: {batchSize: 8}
              schedule: {cycles: 1, baseEpochs: 1}
        """);
    Cli cli = Cli.run("reproduce", "--plan-file", file.toString(), "--data-home", home.toString());
    assertOneLineError(cli, ExitCodes.USAGE, "nabirds needs", "nabirds.tar.gz");
  }
}
