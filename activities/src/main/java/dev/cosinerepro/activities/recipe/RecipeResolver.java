package dev.cosinerepro.activities.recipe;

import dev.cosinerepro.activities.training.Embeddings;
import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.catalog.ArrayDataset;
import dev.cosinerepro.datasets.catalog.Dataset;
import dev.cosinerepro.datasets.catalog.DatasetFacts;
import dev.cosinerepro.datasets.catalog.DatasetRegistry;
import dev.cosinerepro.model.Architectures;
import dev.cosinerepro.model.Initialization;
import dev.cosinerepro.model.MemoryFormat;
import dev.cosinerepro.model.Objective;
import dev.cosinerepro.model.WeightDecayScope;
import dev.cosinerepro.model.nets.BatchNormSettings;
import dev.cosinerepro.model.optim.MomentumForm;
import dev.cosinerepro.workflows.spec.Recipe;
import dev.cosinerepro.workflows.spec.RunTemplate;
import java.util.List;
import java.util.Optional;

/**
 * The one place that turns a recipe into typed parts. Each name list it checks against lives once,
 * with the code it names: datasets in {@link DatasetRegistry}, networks in {@link Architectures},
 * losses in {@link Objective}, initialisations in {@link Initialization}, embeddings in {@link
 * Embeddings}, augmentations in {@link ImagePipelines}. Nothing here reads a file.
 */
public final class RecipeResolver {
  private RecipeResolver() {}

  /**
   * Resolves a recipe, checking every name and every combination the project cannot train.
   *
   * @throws IllegalArgumentException one sentence naming the field, its value and the fix
   */
  public static ResolvedRecipe resolve(Recipe recipe) {
    RunTemplate template = recipe.template();
    Dataset dataset = dataset(template.dataset());
    Optional<DatasetFacts> facts = dataset.facts();
    boolean inMemory = dataset instanceof ArrayDataset;
    Objective objective =
        named("objective.loss", template.loss(), Objective.names(), Objective::fromId);
    Initialization initialization =
        named(
            "network.initialization",
            template.network().initialization(),
            Initialization.names(),
            Initialization::fromId);
    WeightDecayScope scope =
        named(
            "optimizer.weightDecayScope",
            template.optimizer().weightDecayScope(),
            WeightDecayScope.names(),
            WeightDecayScope::fromId);
    MomentumForm momentumForm =
        named(
            "optimizer.momentumForm",
            template.optimizer().effectiveMomentumForm(),
            MomentumForm.names(),
            MomentumForm::fromId);
    MemoryFormat memoryFormat =
        named(
            "network.memoryFormat",
            template.network().effectiveMemoryFormat(),
            MemoryFormat.names(),
            MemoryFormat::fromId);
    requireOneOf("network.architecture", template.architecture(), Architectures.names());
    Architectures.requireSupported(
        template.architecture(),
        new BatchNormSettings(
            template.network().batchNormMomentum(), template.network().batchNormEpsilon()));
    requireOneOf("objective.embedding", template.embedding(), Embeddings.names());
    if (!template.objective().oneHot() && !objective.usesEmbeddings()) {
      throw new IllegalArgumentException(
          "The embedding '"
              + template.embedding()
              + "' is given to the loss '"
              + template.loss()
              + "', which uses none: use cosine or cosine+xent, or embedding "
              + dev.cosinerepro.workflows.spec.ObjectiveRecipe.ONE_HOT
              + ".");
    }
    requireSubsetFits(template, facts);
    ResolvedRecipe resolved =
        new ResolvedRecipe(
            template,
            facts,
            inMemory,
            objective,
            initialization,
            scope,
            momentumForm,
            memoryFormat);
    requirePipelineFits(resolved);
    return resolved;
  }

  private static Dataset dataset(String name) {
    try {
      return DatasetRegistry.byName(name);
    } catch (DatasetException e) {
      throw new IllegalArgumentException(
          "The dataset '"
              + name
              + "' is not known: use one of "
              + String.join(", ", DatasetRegistry.NAMES)
              + " or folder:PATH.",
          e);
    }
  }

  private static void requireSubsetFits(RunTemplate template, Optional<DatasetFacts> facts) {
    facts
        .filter(known -> known.smallestTrainClass() > 0)
        .filter(known -> template.samplesPerClass() > known.smallestTrainClass())
        .ifPresent(
            known -> {
              throw new IllegalArgumentException(
                  "data.samplesPerClass is "
                      + template.samplesPerClass()
                      + ", but the smallest class of "
                      + template.dataset()
                      + " has "
                      + known.smallestTrainClass()
                      + " images: use at most that many (or 0 for the whole split).");
            });
  }

  private static void requirePipelineFits(ResolvedRecipe resolved) {
    RunTemplate template = resolved.template();
    String augmentation = template.augmentation();
    if (resolved.inMemory()) {
      if (!ImagePipelines.SMALL_IMAGE.contains(augmentation)) {
        throw new IllegalArgumentException(
            "The in-memory dataset "
                + template.dataset()
                + " has the augmentation '"
                + augmentation
                + "': use one of "
                + String.join(", ", ImagePipelines.SMALL_IMAGE)
                + ".");
      }
      if (template.data().imageSide() != 0 || template.data().inputSide() != 0) {
        throw new IllegalArgumentException(
            "The in-memory dataset "
                + template.dataset()
                + " trains at its own image size: leave data.imageSide and data.inputSide at 0.");
      }
    } else if (!ImagePipelines.isCrop(template)) {
      throw new IllegalArgumentException(
          "The file dataset "
              + template.dataset()
              + " has the augmentation '"
              + augmentation
              + "': use crop-flip-erase with data.imageSide and data.inputSide (the paper: 512 and"
              + " 448).");
    }
    int side = resolved.inputSide();
    int minimum = Architectures.minimumInputSide(template.architecture());
    if (side > 0 && side < minimum) {
      throw new IllegalArgumentException(
          "The network "
              + template.architecture()
              + " needs inputs of at least "
              + minimum
              + " pixels, but this run feeds it "
              + side
              + ": raise data.inputSide or choose a CIFAR-style network.");
    }
  }

  private static void requireOneOf(String field, String value, List<String> valid) {
    if (!valid.contains(value)) {
      throw new IllegalArgumentException(
          field
              + " is '"
              + value
              + "', which is not known: use one of "
              + String.join(", ", valid)
              + ".");
    }
  }

  private static <T> T named(
      String field, String value, List<String> valid, java.util.function.Function<String, T> of) {
    requireOneOf(field, value, valid);
    return of.apply(value);
  }
}
