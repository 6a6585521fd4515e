package dev.cosinerepro.app.runtime;

import dev.cosinerepro.storage.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The note a running {@code repro up} leaves in the data folder ({@code stack.json}), so that other
 * commands on the same machine find its endpoints without being told.
 *
 * @param pid the process serving the stack
 * @param temporalTarget the Temporal frontend
 * @param s3Endpoint the S3 endpoint
 * @param bucket the bucket
 * @param metricsUrl the Prometheus endpoint
 */
public record StackFile(
    long pid, String temporalTarget, String s3Endpoint, String bucket, String metricsUrl) {
  private static final String NAME = "stack.json";

  /** Reads the note of a live {@code repro up}, if there is one. */
  public static Optional<StackFile> readLive(Path dataHome) {
    Path file = dataHome.resolve(NAME);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      StackFile note = Json.read(Files.readAllBytes(file), StackFile.class);
      boolean alive = ProcessHandle.of(note.pid()).map(ProcessHandle::isAlive).orElse(false);
      return alive && note.pid() != ProcessHandle.current().pid()
          ? Optional.of(note)
          : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Writes this note atomically. */
  public void write(Path dataHome) throws IOException {
    Files.createDirectories(dataHome);
    Path temp = Files.createTempFile(dataHome, "stack", ".tmp");
    Files.write(temp, Json.write(this));
    Files.move(temp, dataHome.resolve(NAME), StandardCopyOption.ATOMIC_MOVE);
  }

  /** Removes the note if it is this process's. */
  public static void removeOwn(Path dataHome) {
    try {
      Path file = dataHome.resolve(NAME);
      if (Files.isRegularFile(file)) {
        StackFile note = Json.read(Files.readAllBytes(file), StackFile.class);
        if (note.pid() == ProcessHandle.current().pid()) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // Best effort: a stale note is ignored by readLive because its process is gone.
    }
  }
}
