package dev.cosinerepro.model;

import ai.djl.nn.Parameter;
import java.util.Arrays;
import java.util.List;

/** Which trainable parameters receive weight decay, by their names in configs. */
public enum WeightDecayScope {
  /**
   * {@code kernels}: convolution and dense kernels only (parameters of type {@link
   * Parameter.Type#WEIGHT}), as the reference's Keras L2 regularisers do; the default.
   */
  KERNELS("kernels"),
  /**
   * {@code all}: every trainable parameter, biases and BatchNorm gamma and beta included, as plain
   * PyTorch {@code SGD(weight_decay=..)} does. BatchNorm running statistics are not trained and
   * never decay.
   */
  ALL("all");

  private final String id;

  WeightDecayScope(String id) {
    this.id = id;
  }

  /**
   * The name in configs.
   *
   * @return for example {@code kernels}
   */
  public String id() {
    return id;
  }

  /**
   * Whether a trainable parameter of this type is decayed.
   *
   * @param type the parameter's role
   * @return true when weight decay applies to it
   */
  public boolean decays(Parameter.Type type) {
    return this == ALL || type == Parameter.Type.WEIGHT;
  }

  /**
   * All names.
   *
   * @return the ids in declaration order
   */
  public static List<String> names() {
    return Arrays.stream(values()).map(WeightDecayScope::id).toList();
  }

  /**
   * Looks a scope up by name.
   *
   * @param id one of {@link #names()}
   * @return the scope
   * @throws IllegalArgumentException naming the valid values
   */
  public static WeightDecayScope fromId(String id) {
    for (WeightDecayScope value : values()) {
      if (value.id.equals(id)) {
        return value;
      }
    }
    throw new IllegalArgumentException(
        "Unknown weight decay scope '" + id + "'; valid names are " + names() + ".");
  }
}
