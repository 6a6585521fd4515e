package dev.cosinerepro.app;

/**
 * Keeps DJL offline. Without these settings the first use of DJL's engine calls a cloud metadata
 * address and tries to download native libraries; this project ships the natives as a dependency
 * and never needs the network.
 */
public final class Offline {
  private Offline() {}

  /** Sets the properties DJL reads; call before anything touches DJL. */
  public static void enforce() {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
  }
}
