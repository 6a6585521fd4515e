package dev.cosinerepro.model;

import java.util.Arrays;
import java.util.List;

/** The training objectives compared in the paper, by their names in plans and configs. */
public enum Objective {
  /** {@code xent}: softmax cross-entropy; prediction = argmax of the logits. */
  XENT("xent", false, false),
  /**
   * {@code xent-ls}: softmax cross-entropy against smoothed targets, {@code 1 - eps} on the true
   * class and {@code eps / (C - 1)} on each other class.
   */
  XENT_LS("xent-ls", false, false),
  /**
   * {@code cosine}: {@code 1 - <f / ||f||, phi(y)>}; prediction = the class whose embedding has the
   * largest cosine to {@code f}.
   */
  COSINE("cosine", true, false),
  /**
   * {@code cosine+xent}: {@code L_cos + lambda L_xent} with the cross-entropy on a softmax head
   * (ReLU, BatchNorm, Dense) over the L2-normalised embedding; prediction from the softmax head.
   */
  COSINE_XENT("cosine+xent", true, true);

  private final String id;
  private final boolean usesEmbeddings;
  private final boolean hasSoftmaxHead;

  Objective(String id, boolean usesEmbeddings, boolean hasSoftmaxHead) {
    this.id = id;
    this.usesEmbeddings = usesEmbeddings;
    this.hasSoftmaxHead = hasSoftmaxHead;
  }

  /**
   * The objective's name in configs.
   *
   * @return for example {@code cosine+xent}
   */
  public String id() {
    return id;
  }

  /**
   * Whether the network output is an embedding compared to class embeddings.
   *
   * @return true for the cosine objectives
   */
  public boolean usesEmbeddings() {
    return usesEmbeddings;
  }

  /**
   * Whether a softmax classifier head sits on the embedding.
   *
   * @return true for {@code cosine+xent}
   */
  public boolean hasSoftmaxHead() {
    return hasSoftmaxHead;
  }

  /**
   * All names.
   *
   * @return the ids in declaration order
   */
  public static List<String> ids() {
    return Arrays.stream(values()).map(Objective::id).toList();
  }

  /**
   * All names, the same list as {@link #ids()}: the one list other modules should read.
   *
   * @return the ids in declaration order
   */
  public static List<String> names() {
    return ids();
  }

  /**
   * Looks an objective up by name.
   *
   * @param id one of {@link #ids()}
   * @return the objective
   * @throws IllegalArgumentException naming the valid values
   */
  public static Objective fromId(String id) {
    for (Objective objective : values()) {
      if (objective.id.equals(id)) {
        return objective;
      }
    }
    throw new IllegalArgumentException(
        "Unknown objective '" + id + "'; valid objectives are " + ids() + ".");
  }
}
