package dev.cosinerepro.app.runtime;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;

/**
 * Stops a long-running command cleanly on Ctrl-C or SIGTERM: the registered actions (stop the
 * workers, which lets the training step in flight finish, then close the services) run before the
 * JVM exits.
 *
 * <p>A plain shutdown hook is not enough: the JVM runs all hooks at once, and DJL's own hook frees
 * native memory while a training step may still be using it, which crashes the process. Handling
 * the signal first keeps the order.
 */
public final class GracefulStop {
  private static final List<Runnable> ACTIONS = new ArrayList<>();
  private static boolean installed;

  private GracefulStop() {}

  /**
   * Registers an action to run on Ctrl-C or SIGTERM, before exiting with 130. Actions run in
   * reverse order of registration.
   */
  public static synchronized void onSignal(Runnable action) {
    ACTIONS.add(action);
    if (!installed) {
      installed = true;
      for (String name : new String[] {"INT", "TERM"}) {
        try {
          Signal.handle(new Signal(name), signal -> stop());
        } catch (IllegalArgumentException unsupported) {
          // The platform does not let us handle this signal; the default shutdown remains.
        }
      }
    }
  }

  /** Unregisters an action once its command has finished normally. */
  public static synchronized void remove(Runnable action) {
    ACTIONS.remove(action);
  }

  private static void stop() {
    List<Runnable> actions;
    synchronized (GracefulStop.class) {
      actions = new ArrayList<>(ACTIONS);
      ACTIONS.clear();
    }
    System.err.println(
        "\nrepro: stopping (checkpoints are kept; run the same command again to resume)...");
    for (int i = actions.size() - 1; i >= 0; i--) {
      try {
        actions.get(i).run();
      } catch (RuntimeException e) {
        System.err.println("repro: while stopping: " + e);
      }
    }
    System.exit(130);
  }
}
