package dev.cosinerepro.app.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cosinerepro.app.Offline;
import dev.cosinerepro.app.cli.ReproCommand;
import dev.cosinerepro.app.stack.EmbeddedStack;
import dev.cosinerepro.app.stack.StackPorts;
import dev.cosinerepro.storage.ObjectStore;
import dev.cosinerepro.storage.S3Settings;
import dev.cosinerepro.storage.StoreKeys;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The embedded S3 endpoint speaks S3 to clients other than MinIO's: Debian's awscli lists and
 * downloads a run's result, and curl downloads it through the presigned URL {@code repro fetch
 * --url} prints (and is refused once the URL has expired).
 */
class S3ClientsTest {
  private static final String RUN_ID = "0123456789abcdef";
  private static final byte[] RESULT =
      "{\"bestTestAccuracy\":0.71,\"finalTestAccuracy\":0.69}".getBytes(StandardCharsets.UTF_8);

  @TempDir static Path home;
  private static EmbeddedStack stack;

  @BeforeAll
  static void startStackWithAResult() {
    Offline.enforce();
    stack =
        EmbeddedStack.start(
            home,
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            StackPorts.ephemeral(),
            Map.of());
    try (ObjectStore store = ObjectStore.connect(stack.s3Settings())) {
      store.put(StoreKeys.runResult(RUN_ID), RESULT, "application/json");
    }
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void awscliListsAndDownloadsARunsResult(@TempDir Path out) throws Exception {
    ExternalTool.require("awscli", "aws");
    S3Settings s3 = stack.s3Settings();
    Map<String, String> env = new HashMap<>();
    env.put("AWS_ACCESS_KEY_ID", s3.accessKey());
    env.put("AWS_SECRET_ACCESS_KEY", s3.secretKey());
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    // no instance-metadata lookups, no user configuration: only the loopback endpoint is contacted
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("AWS_CONFIG_FILE", out.resolve("none").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", out.resolve("none").toString());

    ExternalTool.Outcome list =
        ExternalTool.run(
            env,
            60,
            List.of(
                "aws",
                "--endpoint-url",
                s3.endpoint(),
                "s3",
                "ls",
                "--recursive",
                "s3://" + s3.bucket() + "/runs/" + RUN_ID + "/"));
    assertThat(list.exitCode()).as(list.output()).isZero();
    assertThat(list.output()).contains("runs/" + RUN_ID + "/result.json");

    Path copy = out.resolve("result.json");
    ExternalTool.Outcome download =
        ExternalTool.run(
            env,
            60,
            List.of(
                "aws",
                "--endpoint-url",
                s3.endpoint(),
                "s3",
                "cp",
                "s3://" + s3.bucket() + "/" + StoreKeys.runResult(RUN_ID),
                copy.toString()));
    assertThat(download.exitCode()).as(download.output()).isZero();
    assertThat(copy).hasBinaryContent(RESULT);
  }

  @Test
  void curlDownloadsThroughThePresignedUrlUntilItExpires(@TempDir Path out) throws Exception {
    ExternalTool.require("curl", "curl");
    String url = fetchUrl("1h");
    assertThat(url).startsWith(stack.s3Settings().endpoint() + "/repro/runs/" + RUN_ID);
    assertThat(url).doesNotContain(stack.s3Settings().secretKey());

    Path copy = out.resolve("result.json");
    ExternalTool.Outcome download =
        ExternalTool.run(
            Map.of(), 30, List.of("curl", "--silent", "--fail", "--output", copy.toString(), url));
    assertThat(download.exitCode()).as(download.output()).isZero();
    assertThat(copy).hasBinaryContent(RESULT);

    String shortLived = fetchUrl("1s");
    Thread.sleep(2_500);
    ExternalTool.Outcome expired =
        ExternalTool.run(
            Map.of(),
            30,
            List.of(
                "curl",
                "--silent",
                "--output",
                "/dev/null",
                "--write-out",
                "%{http_code}",
                shortLived));
    assertThat(expired.output()).isEqualTo("403");
    assertThat(Files.exists(out.resolve("expired"))).isFalse();
  }

  /** {@code repro fetch --url} against the stack, as a user types it; returns the printed URL. */
  private static String fetchUrl(String expires) {
    S3Settings s3 = stack.s3Settings();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line =
        ReproCommand.commandLine(
            Map.of(
                "REPRO_S3_ACCESS_KEY", s3.accessKey(),
                "REPRO_S3_SECRET_KEY", s3.secretKey()));
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    int code =
        line.execute(
            "fetch",
            "--url",
            StoreKeys.runResult(RUN_ID),
            "--expires",
            expires,
            "--temporal",
            stack.temporalTarget(),
            "--s3",
            s3.endpoint(),
            "--data-home",
            home.toString());
    assertThat(code).as(err.toString()).isZero();
    return out.toString().strip();
  }
}
