package dev.cosinerepro.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import dev.cosinerepro.app.Offline;
import dev.cosinerepro.app.cli.ReproCommand;
import dev.cosinerepro.app.runtime.Services;
import dev.cosinerepro.app.runtime.TemporalSecurity;
import dev.cosinerepro.app.runtime.TestCertificates;
import dev.cosinerepro.app.runtime.TlsTemporalServer;
import dev.cosinerepro.app.runtime.WorkerHost;
import dev.cosinerepro.app.stack.CredentialsStore;
import dev.cosinerepro.app.stack.EmbeddedStack;
import dev.cosinerepro.app.stack.StackPorts;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.workflows.TaskQueues;
import dev.cosinerepro.workflows.plan.ReproductionWorkflow;
import dev.cosinerepro.workflows.spec.PlanResult;
import dev.cosinerepro.workflows.spec.PlanSpec;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Known S3 credentials and a Temporal API key go in through the environment, a tiny plan runs on
 * the embedded stack's S3 store with its workflows on a Temporal test server that takes mutual TLS
 * and records the API key it is sent (an API key implies TLS, which the embedded server lacks), and
 * then everything the run produced is searched for them: every log event (the project's loggers and
 * the Temporal SDK's at DEBUG, as {@code REPRO_LOG_LEVEL=DEBUG} gives for the former), stdout and
 * stderr, what {@code repro status} prints, a scrape of the metrics endpoint (the Temporal client's
 * series included), the plan's workflow history, every object in the store and every file in the
 * data folder.
 */
class SecretsTest {
  static final String ACCESS = "AKI13LEAKCHECKACCESS7";
  static final String SECRET = "sEcReT-i13-leakcheck-0123456789ABCdef";
  static final String API_KEY = "tmprl-i13-apikey-LEAKCHECK-5f0e9d8c7b6a";

  @TempDir Path home;
  @TempDir Path certificates;

  @BeforeAll
  static void offline() {
    Offline.enforce();
  }

  @Test
  void theCredentialsAppearInNoLogMetricStoredObjectHistoryOrFile() throws Exception {
    Map<String, String> env =
        Map.of(
            CredentialsStore.ACCESS_KEY_VARIABLE,
            ACCESS,
            CredentialsStore.SECRET_KEY_VARIABLE,
            SECRET,
            TemporalSecurity.API_KEY_VARIABLE,
            API_KEY);
    TestCertificates certs = TestCertificates.create(certificates);
    List<String> logged = new ArrayList<>();
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    Logger project = context.getLogger("dev.cosinerepro");
    Level projectLevel = project.getLevel();
    Logger temporalSdk = context.getLogger("io.temporal");
    Level temporalSdkLevel = temporalSdk.getLevel();
    AppenderBase<ILoggingEvent> capture =
        new AppenderBase<>() {
          @Override
          protected void append(ILoggingEvent event) {
            StringBuilder line = new StringBuilder(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
              line.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
            synchronized (logged) {
              logged.add(line.toString());
            }
          }
        };
    capture.setContext(context);
    capture.start();
    root.addAppender(capture);
    project.setLevel(Level.DEBUG);
    temporalSdk.setLevel(Level.DEBUG);
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream tee = new PrintStream(printed, true, StandardCharsets.UTF_8);
    System.setOut(tee);
    System.setErr(tee);
    Map<String, String> texts = new HashMap<>();
    PlanSpec plan = FaultPlans.oneRun("secrets", 0.1, 2);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (EmbeddedStack stack = EmbeddedStack.start(home, registry, StackPorts.ephemeral(), env);
        ObjectStore store = ObjectStore.connect(stack.s3Settings());
        TlsTemporalServer temporal = TlsTemporalServer.start(certs)) {
      assertThat(stack.s3Settings().accessKey())
          .as("the stack uses the given keys")
          .isEqualTo(ACCESS);
      FaultPlans.ensureData(home);
      TemporalSecurity security =
          TemporalSecurity.of(false, certs.caCert, certs.clientCert, certs.clientKey, env);
      WorkflowServiceStubs stubs = Services.temporalStubs(temporal.target(), security, registry);
      try {
        WorkflowClient client = WorkflowClient.newInstance(stubs);
        try (WorkerHost worker =
            WorkerHost.start(
                client, store, home, registry, TaskQueues.ALL, 1, FaultPlans.catalog(home))) {
          PlanResult result =
              client
                  .newWorkflowStub(
                      ReproductionWorkflow.class,
                      WorkflowOptions.newBuilder()
                          .setTaskQueue(TaskQueues.CPU)
                          .setWorkflowId(plan.workflowId())
                          .build())
                  .reproduce(plan);
          assertThat(result.failures()).isEmpty();
          // queries of a closed workflow replay it on a worker, so status runs before it stops
          texts.put("history", client.fetchHistory(plan.workflowId()).toJson(true));
          StringWriter cliOut = new StringWriter();
          StringWriter cliErr = new StringWriter();
          CommandLine line = ReproCommand.commandLine(env);
          line.setOut(new PrintWriter(cliOut, true));
          line.setErr(new PrintWriter(cliErr, true));
          int code =
              line.execute(
                  "status",
                  plan.workflowId(),
                  "--temporal",
                  temporal.target(),
                  "--temporal-ca",
                  certs.caCert.toString(),
                  "--temporal-cert",
                  certs.clientCert.toString(),
                  "--temporal-key",
                  certs.clientKey.toString(),
                  "--s3",
                  stack.s3Settings().endpoint(),
                  "--data-home",
                  home.toString());
          texts.put("repro status", "exit " + code + "\n" + cliOut + cliErr);
          assertThat(code).as(texts.get("repro status")).isZero();
          assertThat(cliOut.toString()).contains(plan.workflowId());
        }
      } finally {
        stubs.shutdownNow();
      }
      assertThat(temporal.authorizations())
          .as("the worker, the client and repro status sent the API key")
          .hasSizeGreaterThan(10)
          .allMatch(("Bearer " + API_KEY)::equals);
      HttpResponse<String> scrape =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(stack.metricsUrl())).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(scrape.body()).contains("repro_").contains("temporal_request");
      texts.put("metrics scrape", scrape.body());
      List<String> keys = store.list("");
      assertThat(keys)
          .as("specs, results, metrics and reports were written")
          .anyMatch(k -> k.endsWith("/spec.json"))
          .anyMatch(k -> k.endsWith("result.json"))
          .anyMatch(k -> k.endsWith("metrics.jsonl"))
          .anyMatch(k -> k.endsWith("report.html"))
          .anyMatch(k -> k.endsWith("manifest.json"));
      for (String key : keys) {
        texts.put(
            "object " + key, new String(store.get(key).orElseThrow(), StandardCharsets.ISO_8859_1));
      }
    } finally {
      System.setOut(out);
      System.setErr(err);
      root.detachAppender(capture);
      project.setLevel(projectLevel);
      temporalSdk.setLevel(temporalSdkLevel);
    }
    synchronized (logged) {
      assertThat(logged).as("the project logged at DEBUG").isNotEmpty();
      texts.put("log events", String.join("\n", logged));
    }
    texts.put("stdout and stderr", printed.toString(StandardCharsets.UTF_8));
    int files = 0;
    try (Stream<Path> walk = Files.walk(home)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        if (file.getFileName().toString().equals(CredentialsStore.FILE_NAME)) {
          continue;
        }
        texts.put(
            "file " + home.relativize(file),
            new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        files++;
      }
    }
    assertThat(files).isGreaterThan(10);
    for (Map.Entry<String, String> text : texts.entrySet()) {
      assertThat(text.getValue())
          .as("%s must not contain the S3 credentials or the Temporal API key", text.getKey())
          .doesNotContain(ACCESS)
          .doesNotContain(SECRET)
          .doesNotContain(API_KEY);
    }
    System.out.printf(
        "SecretsTest: searched %d texts (%d log events, %d files, %d characters printed)%n",
        texts.size(), logged.size(), files, texts.get("stdout and stderr").length());
  }
}
