package dev.cosinerepro.app.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cosinerepro.app.cli.ReproCommand;
import dev.cosinerepro.app.runtime.MallocTunables;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Checks docker/compose.yaml against the code, since no container engine runs here: pinned images,
 * loopback ports, secrets from the env file, worker commands that the CLI accepts, worker variables
 * the CLI reads, service names and ports that the configuration files point at, and Grafana's
 * datasource uid in every dashboard panel.
 */
class ComposeFileTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path DOCKER = ROOT.resolve("docker");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z_]+)(:?[-?][^}]*)?}");
  private static final List<String> WORKERS = List.of("cpu-worker", "gpu-worker");

  private final JsonNode compose = read(DOCKER.resolve("compose.yaml"));
  private final JsonNode services = compose.get("services");

  @Test
  void everyImageIsPinnedToAVersion() {
    services
        .properties()
        .forEach(
            service -> {
              String image = service.getValue().get("image").asText();
              assertThat(image)
                  .as(service.getKey())
                  .matches("[^:]+:[^:]+")
                  .doesNotEndWith(":latest");
            });
    for (String dockerfile : List.of("worker.Dockerfile", "worker-cuda.Dockerfile")) {
      for (String from : lines(DOCKER.resolve(dockerfile), "FROM ")) {
        assertThat(from.split("\\s+")[1]).as(dockerfile).matches("[^:]+:[0-9][^:]*");
      }
    }
  }

  @Test
  void everyPublishedPortListensOnTheBindAddressWhichDefaultsToLoopback() {
    services
        .properties()
        .forEach(
            service -> {
              JsonNode ports = service.getValue().get("ports");
              if (ports != null) {
                ports.forEach(
                    port ->
                        assertThat(port.asText())
                            .as(service.getKey())
                            .matches("\\$\\{REPRO_BIND:-127\\.0\\.0\\.1}:(\\d+):\\1"));
              }
            });
    assertThat(services.get("cpu-worker").get("ports")).isNull();
  }

  @Test
  void everySecretComesFromTheEnvFileThatTheReadmeSaysHowToMake() throws IOException {
    Set<String> used = new TreeSet<>();
    Matcher matcher = VARIABLE.matcher(Files.readString(DOCKER.resolve("compose.yaml")));
    while (matcher.find()) {
      used.add(matcher.group(1));
    }
    Map<String, String> example = envFile(DOCKER.resolve("env.example"));
    assertThat(example.keySet()).containsAll(used);
    assertThat(Files.readString(DOCKER.resolve("README.md")))
        .contains("cp docker/env.example docker/.env");
    assertThat(Files.readString(ROOT.resolve(".dockerignore"))).contains("docker/.env");
  }

  @Test
  void workerCommandsAreValidReproCommandsAndTheirVariablesAreOnesTheCliReads() {
    for (String worker : WORKERS) {
      JsonNode service = services.get(worker);
      List<String> args = new ArrayList<>();
      service.get("command").forEach(arg -> args.add(arg.asText()));
      CommandLine.ParseResult parsed =
          ReproCommand.commandLine(Map.of()).parseArgs(args.toArray(String[]::new));
      assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("worker");

      String help =
          ReproCommand.commandLine(Map.of()).getSubcommands().get("worker").getUsageMessage();
      service
          .get("environment")
          .fieldNames()
          .forEachRemaining(name -> assertThat(help).as(worker + " sets " + name).contains(name));
    }
    for (String dockerfile : List.of("worker.Dockerfile", "worker-cuda.Dockerfile")) {
      List<String> entry = jsonArray(lines(DOCKER.resolve(dockerfile), "ENTRYPOINT ").get(0));
      assertThat(entry).containsSubsequence("java", "-jar", "/opt/repro/repro.jar");
      // the application jar finds its libraries through its manifest's Class-Path: lib/
      assertThat(lines(DOCKER.resolve(dockerfile), "COPY --from=build"))
          .contains(
              "COPY --from=build /src/app/target/repro.jar /opt/repro/repro.jar",
              "COPY --from=build /src/app/target/lib /opt/repro/lib");
      List<String> cmd = jsonArray(lines(DOCKER.resolve(dockerfile), "CMD ").get(0));
      assertThat(
              ReproCommand.commandLine(Map.of()).parseArgs(cmd.toArray(String[]::new)).subcommand())
          .isNotNull();
    }
  }

  @Test
  void theWorkerImagesKeepFreedMemoryForReuseAsTheLauncherDoes() throws IOException {
    Matcher launcher =
        Pattern.compile("GLIBC_TUNABLES=\"\\$\\{GLIBC_TUNABLES-([^}]+)}\"")
            .matcher(Files.readString(ROOT.resolve("repro")));
    assertThat(launcher.find()).as("the repro launcher sets GLIBC_TUNABLES").isTrue();
    assertThat(launcher.group(1)).isEqualTo(MallocTunables.RECOMMENDED);
    for (String dockerfile : List.of("worker.Dockerfile", "worker-cuda.Dockerfile")) {
      assertThat(lines(DOCKER.resolve(dockerfile), "ENV GLIBC_TUNABLES="))
          .as(dockerfile)
          .containsExactly("ENV GLIBC_TUNABLES=" + launcher.group(1));
    }
    assertThat(Files.readString(ROOT.resolve("pom.xml")))
        .as("the tests' JVMs (surefire) start with the same settings")
        .contains("<GLIBC_TUNABLES>" + launcher.group(1) + "</GLIBC_TUNABLES>");
  }

  @Test
  void addressesInTheConfigurationPointAtServicesAndPortsThatExist() {
    Map<String, String> cpuEnv = environment("cpu-worker");
    assertThat(services.has(cpuEnv.get("REPRO_TEMPORAL").split(":")[0])).isTrue();
    assertThat(cpuEnv.get("REPRO_TEMPORAL")).endsWith(":7233");
    assertThat(published("temporal")).contains("7233");
    URI s3 = URI.create(cpuEnv.get("REPRO_S3_ENDPOINT"));
    assertThat(services.has(s3.getHost())).isTrue();
    assertThat(services.get(s3.getHost()).get("command").toString()).contains("server");
    assertThat(s3.getPort()).isEqualTo(9000);
    assertThat(environment("temporal-ui").get("TEMPORAL_ADDRESS")).isEqualTo("temporal:7233");

    JsonNode prometheus = read(DOCKER.resolve("prometheus/prometheus.yml"));
    List<String> targets = new ArrayList<>();
    prometheus
        .get("scrape_configs")
        .get(0)
        .get("static_configs")
        .get(0)
        .get("targets")
        .forEach(target -> targets.add(target.asText()));
    for (String worker : WORKERS) {
      String port = option(services.get(worker).get("command"), "--metrics-port");
      assertThat(targets).contains(worker + ":" + port);
    }
    JsonNode datasource =
        read(ROOT.resolve("dashboards/grafana/provisioning/datasources/prometheus.yml"));
    URI url = URI.create(datasource.get("datasources").get(0).get("url").asText());
    assertThat(services.has(url.getHost())).isTrue();
    assertThat(published(url.getHost())).contains(Integer.toString(url.getPort()));

    for (String service : List.of("prometheus", "grafana")) {
      services
          .get(service)
          .get("volumes")
          .forEach(
              volume -> {
                String source = volume.asText().split(":")[0];
                if (source.startsWith(".")) {
                  assertThat(DOCKER.resolve(source).normalize()).as(service).exists();
                }
              });
    }
  }

  @Test
  void grafanasDatasourceUidIsTheOneEveryDashboardPanelUses() throws IOException {
    JsonNode datasource =
        read(ROOT.resolve("dashboards/grafana/provisioning/datasources/prometheus.yml"));
    String uid = datasource.get("datasources").get(0).get("uid").asText();
    JsonNode dashboard =
        new ObjectMapper().readTree(ROOT.resolve("dashboards/grafana/cosine-repro.json").toFile());
    assertThat(dashboard.get("panels")).isNotEmpty();
    for (JsonNode panel : dashboard.get("panels")) {
      assertThat(panel.get("datasource").get("uid").asText())
          .as(panel.get("title").asText())
          .isEqualTo(uid);
      for (JsonNode target : panel.get("targets")) {
        assertThat(target.get("datasource").get("uid").asText()).isEqualTo(uid);
      }
    }
  }

  private Map<String, String> environment(String service) {
    Map<String, String> env = new HashMap<>();
    services
        .get(service)
        .get("environment")
        .properties()
        .forEach(e -> env.put(e.getKey(), e.getValue().asText()));
    return env;
  }

  /** The container ports a service publishes. */
  private List<String> published(String service) {
    List<String> ports = new ArrayList<>();
    JsonNode mapping = services.get(service).get("ports");
    if (mapping != null) {
      mapping.forEach(
          port -> ports.add(port.asText().substring(port.asText().lastIndexOf(':') + 1)));
    }
    return ports;
  }

  private static String option(JsonNode command, String name) {
    for (int i = 0; i + 1 < command.size(); i++) {
      if (command.get(i).asText().equals(name)) {
        return command.get(i + 1).asText();
      }
    }
    throw new AssertionError("no " + name + " in " + command);
  }

  private static List<String> jsonArray(String instruction) {
    try {
      JsonNode array = new ObjectMapper().readTree(instruction.substring(instruction.indexOf('[')));
      List<String> items = new ArrayList<>();
      array.forEach(item -> items.add(item.asText()));
      return items;
    } catch (IOException e) {
      throw new AssertionError("not the exec form: " + instruction, e);
    }
  }

  private static List<String> lines(Path file, String prefix) {
    try {
      List<String> found =
          Files.readAllLines(file).stream().filter(l -> l.startsWith(prefix)).toList();
      assertThat(found).as(prefix + "in " + file).isNotEmpty();
      return found;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static Map<String, String> envFile(Path file) throws IOException {
    Map<String, String> values = new HashMap<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        values.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
      }
    }
    return values;
  }

  private static JsonNode read(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
