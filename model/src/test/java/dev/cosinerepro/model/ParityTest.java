package dev.cosinerepro.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cosinerepro.model.loss.CosineCrossEntropyLoss;
import dev.cosinerepro.model.loss.CosineLoss;
import dev.cosinerepro.model.loss.SmoothedCrossEntropyLoss;
import dev.cosinerepro.model.nets.CifarResNet;
import dev.cosinerepro.model.optim.MomentumSgd;
import dev.cosinerepro.model.optim.SgdrSchedule;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Compares the Java implementation with reference values computed by PyTorch (CPU, float32) in
 * {@code src/test/python/make_fixtures.py}; the fixtures are committed under {@code
 * src/test/resources/parity}.
 *
 * <p>Error measure per tensor: {@code max |java - reference| / max |reference|} (relative to the
 * tensor's largest magnitude, so entries near 0 do not blow it up); for scalars {@code |java -
 * reference| / |reference|}. Every comparison must stay below {@link #TOLERANCE}.
 */
class ParityTest {

  private static final double TOLERANCE = 1e-5;
  private static final Map<String, Double> WORST = new LinkedHashMap<>();
  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  @AfterAll
  static void report() {
    WORST.forEach(
        (fixture, error) -> System.out.printf("parity %-22s max error %.3e%n", fixture, error));
  }

  @Test
  void lossValuesAndGradients() throws IOException {
    for (JsonNode c : fixture("losses.json").get("cases")) {
      String name = c.get("name").asText();
      List<NDArray> inputs = new ArrayList<>();
      for (JsonNode input : c.get("inputs")) {
        NDArray array = array(input);
        array.setRequiresGradient(true);
        inputs.add(array);
      }
      NDArray labels = manager.create(ints(c.get("labels")));
      Loss loss =
          switch (name) {
            case "xent" ->
                new SmoothedCrossEntropyLoss(Math.toIntExact(inputs.get(0).getShape().get(1)), 0f);
            case "xent-ls" ->
                new SmoothedCrossEntropyLoss(
                    Math.toIntExact(inputs.get(0).getShape().get(1)),
                    (float) c.get("labelSmoothing").asDouble());
            case "cosine", "cosine-embedded" -> new CosineLoss(array(c.get("embeddings")));
            case "cosine+xent" ->
                new CosineCrossEntropyLoss(
                    array(c.get("embeddings")), (float) c.get("lambda").asDouble());
            default -> throw new AssertionError("unknown loss case " + name);
          };
      double value;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray result = loss.evaluate(new NDList(labels), new NDList(inputs));
        value = result.getFloat();
        collector.backward(result);
      }
      check("losses", name + " value", value, c.get("value").asDouble());
      for (int i = 0; i < inputs.size(); i++) {
        check(
            "losses",
            name + " gradient " + i,
            inputs.get(i).getGradient(),
            c.get("gradients").get(i));
      }
    }
  }

  @Test
  void sgdStepWithClippingAndWeightDecay() throws IOException {
    for (JsonNode c : fixture("sgd.json").get("cases")) {
      String name = c.get("name").asText();
      List<MomentumSgd.Target> targets = new ArrayList<>();
      Map<String, NDArray> velocities = new LinkedHashMap<>();
      List<NDArray> weights = new ArrayList<>();
      for (int i = 0; i < c.get("names").size(); i++) {
        NDArray weight = array(c.get("weights").get(i));
        weight.setRequiresGradient(true);
        weights.add(weight);
        String param = c.get("names").get(i).asText();
        targets.add(
            new MomentumSgd.Target(param, weight, (float) c.get("weightDecays").get(i).asDouble()));
        velocities.put(param, array(c.get("velocities").get(i)));
      }
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray total = null;
        for (int i = 0; i < weights.size(); i++) {
          NDArray term = weights.get(i).mul(array(c.get("gradients").get(i))).sum();
          total = total == null ? term : total.add(term);
        }
        collector.backward(total);
      }
      MomentumSgd sgd =
          new MomentumSgd((float) c.get("momentum").asDouble(), c.get("clipNorm").asDouble());
      sgd.replaceVelocities(velocities);
      MomentumSgd.StepResult result = sgd.step(targets, c.get("learningRate").asDouble());
      check("sgd", name + " norm", result.gradientNorm(), c.get("expectedNorm").asDouble());
      check("sgd", name + " scale", result.scale(), c.get("expectedScale").asDouble());
      for (int i = 0; i < weights.size(); i++) {
        check("sgd", name + " weight " + i, weights.get(i), c.get("expectedWeights").get(i));
        String param = targets.get(i).name();
        check(
            "sgd",
            name + " velocity " + i,
            sgd.velocities().get(param),
            c.get("expectedVelocities").get(i));
      }
    }
  }

  @Test
  void sgdrRatesForAll372Epochs() throws IOException {
    for (JsonNode s : fixture("sgdr.json").get("schedules")) {
      SgdrSchedule schedule =
          new SgdrSchedule(
              s.get("maxRate").asDouble(),
              s.get("minRate").asDouble(),
              s.get("cycles").asInt(),
              s.get("baseCycleEpochs").asInt(),
              s.get("cycleMultiplier").asInt());
      JsonNode rates = s.get("rates");
      assertThat(schedule.totalEpochs()).isEqualTo(rates.size()).isEqualTo(372);
      for (int epoch = 0; epoch < rates.size(); epoch++) {
        check(
            "sgdr",
            "max " + schedule.maxRate() + " epoch " + epoch,
            schedule.rate(epoch),
            rates.get(epoch).asDouble());
      }
    }
  }

  @Test
  void tinyResnet8ForwardWithGivenWeights() throws IOException {
    JsonNode f = fixture("resnet8_forward.json");
    Block block =
        CifarResNet.build(
            f.get("blocksPerStage").asInt(), f.get("baseWidth").asInt(), f.get("outputs").asInt());
    NDArray input = array(f.get("input"));
    block.initialize(manager, DataType.FLOAT32, input.getShape());
    Map<String, Parameter> parameters = new HashMap<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      parameters.put(p.getKey(), p.getValue());
    }
    JsonNode weights = f.get("parameters");
    TreeSet<String> fixtureNames = new TreeSet<>();
    weights.fieldNames().forEachRemaining(fixtureNames::add);
    assertThat(new TreeSet<>(parameters.keySet())).isEqualTo(fixtureNames);
    for (String name : fixtureNames) {
      NDArray array = parameters.get(name).getArray();
      assertThat(array.getShape()).as(name).isEqualTo(shape(weights.get(name)));
      array.set(floats(weights.get(name).get("values")));
    }
    ParameterStore store = new ParameterStore(manager, false);
    check(
        "resnet8 forward",
        "eval output",
        block.forward(store, new NDList(input), false).singletonOrThrow(),
        f.get("evalOutput"));
    check(
        "resnet8 forward",
        "train output",
        block.forward(store, new NDList(input), true).singletonOrThrow(),
        f.get("trainOutput"));
    check(
        "resnet8 forward",
        "running mean",
        parameters.get("02BatchNorm_runningMean").getArray(),
        f.get("runningMeanAfterTrainForward"));
    check(
        "resnet8 forward",
        "running var",
        parameters.get("02BatchNorm_runningVar").getArray(),
        f.get("runningVarAfterTrainForward"));
  }

  private static void check(String fixture, String what, double actual, double expected) {
    double error = Math.abs(actual - expected) / Math.max(Math.abs(expected), Double.MIN_NORMAL);
    if (expected == 0) {
      error = Math.abs(actual);
    }
    record(fixture, what, error);
  }

  private static void check(String fixture, String what, NDArray actual, JsonNode expected) {
    assertThat(actual.getShape()).as(what).isEqualTo(shape(expected));
    float[] a = actual.toFloatArray();
    float[] e = floats(expected.get("values"));
    double maxDiff = 0;
    double maxRef = 0;
    for (int i = 0; i < e.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs((double) a[i] - e[i]));
      maxRef = Math.max(maxRef, Math.abs((double) e[i]));
    }
    record(fixture, what, maxRef == 0 ? maxDiff : maxDiff / maxRef);
  }

  private static void record(String fixture, String what, double error) {
    WORST.merge(fixture, error, Math::max);
    assertThat(error).as("%s: %s relative error", fixture, what).isLessThan(TOLERANCE);
  }

  private NDArray array(JsonNode tensor) {
    return manager.create(floats(tensor.get("values")), shape(tensor));
  }

  private static Shape shape(JsonNode tensor) {
    long[] dims = new long[tensor.get("shape").size()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = tensor.get("shape").get(i).asLong();
    }
    return new Shape(dims);
  }

  private static float[] floats(JsonNode values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) values.get(i).asDouble();
    }
    return out;
  }

  private static int[] ints(JsonNode values) {
    int[] out = new int[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i).asInt();
    }
    return out;
  }

  private static JsonNode fixture(String name) throws IOException {
    try (InputStream in = ParityTest.class.getResourceAsStream("/parity/" + name)) {
      assertThat(in).as("fixture " + name + " (run src/test/python/make_fixtures.py)").isNotNull();
      return new ObjectMapper().readTree(in);
    }
  }
}
