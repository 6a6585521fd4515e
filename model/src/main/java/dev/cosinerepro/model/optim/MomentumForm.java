package dev.cosinerepro.model.optim;

import java.util.Arrays;
import java.util.List;

/**
 * Where SGD's momentum buffer meets the learning rate, by its name in configs. The two forms agree
 * while the rate is constant and differ whenever it changes, which SGDR does at every step or
 * epoch.
 */
public enum MomentumForm {
  /**
   * {@code keras}: {@code v = m v + lr d; w -= v}. The buffer holds steps already scaled by the
   * rate of their time, so after a fall in the rate the weights keep moving by the old rate's steps
   * for about {@code 1 / (1 - m)} updates. Keras 2 and the authors' code; the default.
   */
  KERAS("keras"),
  /**
   * {@code pytorch}: {@code b = m b + d; w -= lr b}, as {@code torch.optim.SGD} (dampening 0, no
   * Nesterov). The current rate scales the whole buffer, so a fall in the rate takes effect at
   * once.
   */
  PYTORCH("pytorch");

  private final String id;

  MomentumForm(String id) {
    this.id = id;
  }

  /**
   * The name in configs.
   *
   * @return {@code keras} or {@code pytorch}
   */
  public String id() {
    return id;
  }

  /**
   * All names.
   *
   * @return the ids in declaration order
   */
  public static List<String> names() {
    return Arrays.stream(values()).map(MomentumForm::id).toList();
  }

  /**
   * Looks a form up by name.
   *
   * @param id one of {@link #names()}
   * @return the form
   * @throws IllegalArgumentException naming the valid values
   */
  public static MomentumForm fromId(String id) {
    for (MomentumForm value : values()) {
      if (value.id.equals(id)) {
        return value;
      }
    }
    throw new IllegalArgumentException(
        "Unknown momentum form '" + id + "'; valid names are " + names() + ".");
  }
}
