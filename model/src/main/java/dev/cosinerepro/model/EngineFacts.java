package dev.cosinerepro.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Utils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * What this process trains with: the engine, the libtorch version and flavour, the devices, the
 * thread counts, and whether libtorch came inside the application (a native jar on the class path)
 * or would have to be downloaded (which the offline setting forbids).
 *
 * @param engine the engine's name ({@code PyTorch})
 * @param libtorchVersion the libtorch version the engine reports
 * @param bundledVersion the version of the native jar on the class path, or empty without one
 * @param flavor the native jar's flavour ({@code cpu}, {@code cu124}), or empty without one
 * @param devices the devices the engine can use, GPUs first
 * @param gpus the number of CUDA devices
 * @param intraOpThreads libtorch's threads within one operation
 * @param interOpThreads libtorch's threads across operations
 * @param nativeCache where the natives are unpacked
 * @param offline whether DJL may not download anything
 */
public record EngineFacts(
    String engine,
    String libtorchVersion,
    String bundledVersion,
    String flavor,
    List<String> devices,
    int gpus,
    int intraOpThreads,
    int interOpThreads,
    Path nativeCache,
    boolean offline) {

  /** Where a DJL PyTorch native jar describes itself. */
  static final String NATIVE_PROPERTIES = "native/lib/pytorch.properties";

  /** Whether the natives came inside the application. */
  public boolean nativesBundled() {
    return !flavor.isEmpty();
  }

  /** Loads the engine (unpacking the natives on first use) and reads its facts. */
  public static EngineFacts probe() {
    Properties bundled = bundledNatives();
    Engine engine = Engine.getEngine("PyTorch");
    return new EngineFacts(
        engine.getEngineName(),
        engine.getVersion(),
        bundled.getProperty("version", ""),
        bundled.getProperty("flavor", ""),
        Arrays.stream(engine.getDevices()).map(Device::toString).toList(),
        engine.getGpuCount(),
        JniUtils.getNumThreads(),
        JniUtils.getNumInteropThreads(),
        Utils.getEngineCacheDir("pytorch"),
        Boolean.parseBoolean(Utils.getEnvOrSystemProperty("ai.djl.offline", "false"))
            || Boolean.parseBoolean(Utils.getEnvOrSystemProperty("DJL_OFFLINE", "false")));
  }

  /**
   * The flavour and version of the native jar on the class path ({@code cu124 2.5.1-20241113}),
   * without loading the engine; empty when there is none.
   */
  public static String bundledNativesDescription() {
    Properties bundled = bundledNatives();
    return bundled.isEmpty()
        ? ""
        : bundled.getProperty("flavor", "?") + " " + bundled.getProperty("version", "?");
  }

  /** The native jar's description, empty when no native jar is on the class path. */
  static Properties bundledNatives() {
    Properties properties = new Properties();
    try (InputStream in =
        EngineFacts.class.getClassLoader().getResourceAsStream(NATIVE_PROPERTIES)) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + NATIVE_PROPERTIES, e);
    }
    return properties;
  }
}
