package dev.cosinerepro.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cosinerepro.app.Offline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code repro doctor} on the default (CPU) build: the natives are inside, nothing downloads. */
class DoctorCommandTest {

  @BeforeAll
  static void offline() {
    Offline.enforce();
  }

  @Test
  void reportsTheBundledCpuNativesTheDevicesAndTheThreads() {
    Cli doctor = Cli.run("doctor");

    assertThat(doctor.exitCode).as(doctor.toString()).isZero();
    assertThat(doctor.out)
        .containsPattern("engine: +PyTorch 2\\.7\\.1")
        .containsPattern("natives: +inside the application \\(cpu, 2\\.7\\.1-")
        .containsPattern("flavour: +cpu")
        .containsPattern("devices: +cpu\\(\\)")
        .containsPattern("threads: +[1-9][0-9]* intra-op")
        .containsPattern("offline: +yes")
        .containsPattern("memory: +freed memory kept for reuse");
  }
}
