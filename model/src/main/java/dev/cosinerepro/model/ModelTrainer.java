package dev.cosinerepro.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import dev.cosinerepro.model.loss.CosineCrossEntropyLoss;
import dev.cosinerepro.model.loss.CosineLoss;
import dev.cosinerepro.model.loss.SmoothedCrossEntropyLoss;
import dev.cosinerepro.model.nets.ParameterCounts;
import dev.cosinerepro.model.nets.SoftmaxHead;
import dev.cosinerepro.model.optim.LearningRateSchedule;
import dev.cosinerepro.model.optim.MomentumSgd;
import dev.cosinerepro.model.train.Checkpoint;
import dev.cosinerepro.model.train.GradientZeroing;
import dev.cosinerepro.model.train.GradientsOff;
import dev.cosinerepro.model.train.StagedForward;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Trains one network with one objective, epoch by epoch, as the paper's recipe prescribes: SGD with
 * momentum ({@link MomentumSgd}, in the Keras form unless {@link TrainerConfig#momentumForm()} says
 * otherwise), global-norm clipping, and a learning rate per epoch or step from the config's
 * schedule.
 *
 * <p>A step: forward in training mode, loss, backward, weight decay added to the kernels'
 * gradients, global-norm clipping, momentum update, gradients zeroed. Weight decay applies to the
 * trainable parameters in {@link TrainerConfig#weightDecayScope()} (by default the convolution and
 * dense kernels): {@link TrainerConfig#weightDecay()} for the backbone's, {@link
 * TrainerConfig#headWeightDecay()} for those of the softmax head of {@code cosine+xent}.
 *
 * <p>Every image batch enters the network in {@link TrainerConfig#memoryFormat()} (training,
 * evaluation, BatchNorm re-estimation, class scores); parameters, gradients, momentum buffers and
 * checkpoints are row-major whatever the format.
 *
 * <p>Determinism: parameters are initialised from the config seed alone; the trainer draws no
 * random numbers afterwards. Given the same batches, thread count and device, training and a
 * checkpoint round-trip are bit-identical.
 *
 * <p>Not thread-safe. Training steps of all trainers in a JVM are serialised, because DJL's PyTorch
 * engine allows one gradient collector at a time.
 */
public final class ModelTrainer implements AutoCloseable {

  private static final Object GRADIENT_COLLECTOR_LOCK = new Object();

  private final TrainerConfig config;
  private final NDManager manager;
  private final Block network;

  /** The network cut into stages once, for the passes without gradients (evaluation). */
  private final StagedForward stagedNetwork;

  private final Map<String, Parameter> parameters;
  private final List<MomentumSgd.Target> targets;
  private final List<Parameter> runningStatistics;
  private final Loss loss;
  private final CosineLoss cosine;
  private final ParameterStore parameterStore;
  private final MomentumSgd optimizer;
  private final LearningRateSchedule schedule;
  private int completedEpochs;
  private long completedSteps;

  private ModelTrainer(TrainerConfig config, NDManager manager) {
    this.config = config;
    this.manager = manager;
    this.schedule = config.schedule();
    Objective objective = config.objective();
    Block backbone =
        Architectures.build(
            config.architecture(),
            config.outputDimension(),
            config.inputChannels(),
            config.batchNorm());
    Block head =
        objective.hasSoftmaxHead()
            ? SoftmaxHead.build(config.numClasses(), config.batchNorm())
            : null;
    this.network = head == null ? backbone : SoftmaxHead.attach(backbone, head);
    this.stagedNetwork = new StagedForward(network);
    network.initialize(
        manager,
        DataType.FLOAT32,
        new Shape(1, config.inputChannels(), config.inputHeight(), config.inputWidth()));
    config.initialization().initialize(network, config.seed());

    Set<Parameter> headParameters = Collections.newSetFromMap(new IdentityHashMap<>());
    if (head != null) {
      head.getParameters().values().forEach(headParameters::add);
    }
    Map<String, Parameter> byName = new LinkedHashMap<>();
    List<MomentumSgd.Target> trainable = new ArrayList<>();
    List<Parameter> running = new ArrayList<>();
    for (Pair<String, Parameter> entry : network.getParameters()) {
      Parameter parameter = entry.getValue();
      byName.put(entry.getKey(), parameter);
      if (parameter.requiresGradient()) {
        trainable.add(
            new MomentumSgd.Target(
                entry.getKey(), parameter.getArray(), weightDecay(parameter, headParameters)));
      } else {
        running.add(parameter);
      }
    }
    this.parameters = Collections.unmodifiableMap(byName);
    this.targets = List.copyOf(trainable);
    this.runningStatistics = List.copyOf(running);

    NDArray embeddings = objective.usesEmbeddings() ? classEmbeddingsArray() : null;
    this.cosine = embeddings == null ? null : new CosineLoss(embeddings);
    this.loss =
        switch (objective) {
          case XENT -> new SmoothedCrossEntropyLoss(config.numClasses(), 0f);
          case XENT_LS ->
              new SmoothedCrossEntropyLoss(config.numClasses(), (float) config.labelSmoothing());
          case COSINE -> cosine;
          case COSINE_XENT -> new CosineCrossEntropyLoss(embeddings, (float) config.lambda());
        };
    this.parameterStore = new ParameterStore(manager, false);
    this.optimizer =
        new MomentumSgd((float) config.momentum(), config.clipNorm(), config.momentumForm());
  }

  /**
   * Builds the network and its objective head and initialises all parameters from the config seed.
   *
   * @param config the run's hyper-parameters
   * @return a trainer at epoch 0; close it to free native memory
   */
  public static ModelTrainer create(TrainerConfig config) {
    Objects.requireNonNull(config, "config");
    NDManager manager = NDManager.newBaseManager();
    try (GradientsOff noGrad = GradientsOff.enter()) {
      return new ModelTrainer(config, manager);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /**
   * The manager owning the parameters; create batch arrays under it or a sub-manager of it so they
   * live on the trainer's device.
   *
   * @return the trainer's manager
   */
  public NDManager manager() {
    return manager;
  }

  /**
   * The config this trainer was created with.
   *
   * @return the config
   */
  public TrainerConfig config() {
    return config;
  }

  /**
   * Epochs trained so far; also the number of the next epoch.
   *
   * @return between 0 and {@link #totalEpochs()}
   */
  public int completedEpochs() {
    return completedEpochs;
  }

  /**
   * Updates applied so far over all epochs.
   *
   * @return the step count
   */
  public long completedSteps() {
    return completedSteps;
  }

  /**
   * The length of the schedule (SGDR with the paper's defaults: 372).
   *
   * @return the number of epochs to train
   */
  public int totalEpochs() {
    return schedule.totalEpochs();
  }

  /**
   * The learning rate of an epoch.
   *
   * @param epoch 0-based, below {@link #totalEpochs()}
   * @return the schedule's rate
   */
  public double learningRate(int epoch) {
    return schedule.rate(epoch);
  }

  /**
   * Trains epoch number {@link #completedEpochs()} on the given batches (each batch is closed after
   * use), then increments {@link #completedEpochs()}.
   *
   * @param batches at least one batch; data float32 {@code (N, C, H, W)}, labels class ids {@code
   *     (N)} as int32, int64 or float32
   * @param listener called after every step; may be null
   * @return the epoch's statistics
   * @throws NonFiniteLossException when a loss or gradient is NaN or infinite; the failing step is
   *     not applied and the epoch is not counted
   * @throws IllegalStateException when the schedule is already complete
   */
  public EpochStats trainEpoch(Iterator<Batch> batches, StepListener listener) {
    if (completedEpochs >= totalEpochs()) {
      throw new IllegalStateException(
          "All " + totalEpochs() + " epochs of the schedule are trained; nothing is left to do.");
    }
    StepListener onStep = listener == null ? StepListener.NONE : listener;
    int epoch = completedEpochs;
    double learningRate = schedule.rate(epoch);
    long started = System.nanoTime();
    Totals totals = new Totals();
    int step = 0;
    while (batches.hasNext()) {
      try (Batch batch = batches.next()) {
        double stepRate = schedule.rate(epoch, fractionOf(batch, step));
        Totals batchTotals = trainStep(batch, epoch, step, stepRate);
        totals.add(batchTotals);
        onStep.onStep(epoch, step, batchTotals.meanLoss(), batchTotals.accuracy(), stepRate);
      }
      step++;
    }
    requireImages(totals, "trainEpoch");
    completedEpochs++;
    double seconds = Math.max((System.nanoTime() - started) / 1e9, 1e-9);
    return new EpochStats(
        epoch,
        totals.meanLoss(),
        totals.accuracy(),
        learningRate,
        totals.images,
        totals.images / seconds);
  }

  /**
   * The fraction of the epoch done before a step: the step over the batch's declared total ({@link
   * Batch#getProgressTotal()}), or 0 when the loader declares none (per-step schedules then hold
   * the epoch's first rate).
   */
  private static double fractionOf(Batch batch, int step) {
    long total = batch.getProgressTotal();
    return total > 0 ? Math.min(step / (double) total, Math.nextDown(1.0)) : 0;
  }

  /**
   * Evaluates in inference mode (BatchNorm uses its running statistics; nothing is updated).
   *
   * @param batches at least one batch, as for {@link #trainEpoch}; each is closed after use
   * @return mean loss and accuracy over all images
   */
  public EvalStats evaluate(Iterator<Batch> batches) {
    Totals totals = new Totals();
    while (batches.hasNext()) {
      try (Batch batch = batches.next();
          GradientsOff noGrad = GradientsOff.enter();
          NDManager scratch = manager.newSubManager()) {
        NDArray[] inputs = inputs(batch, scratch);
        NDList outputs =
            stagedNetwork.forward(parameterStore, new NDList(inputs[0]), false, scratch);
        NDArray value = loss.evaluate(new NDList(inputs[1]), outputs);
        totals.add(inputs[0].getShape().get(0), value.getFloat(), correct(outputs, inputs[1]));
      }
    }
    requireImages(totals, "evaluate");
    return new EvalStats(totals.meanLoss(), totals.accuracy(), totals.images);
  }

  /**
   * The scores a prediction takes the arg-max of, in inference mode: the logits of {@code xent} and
   * {@code xent-ls}, the cosine similarities to the class embeddings of {@code cosine}, the softmax
   * head's logits of {@code cosine+xent}.
   *
   * @param images float32 {@code (N, C, H, W)}, on any device; not closed
   * @return {@code N} rows of {@link TrainerConfig#numClasses()} scores
   */
  public float[][] classScores(NDArray images) {
    try (GradientsOff noGrad = GradientsOff.enter();
        NDManager scratch = manager.newSubManager()) {
      NDArray x = images.toDevice(manager.getDevice(), true);
      x.attach(scratch);
      x = config.memoryFormat().lay(x);
      NDList outputs = stagedNetwork.forward(parameterStore, new NDList(x), false, scratch);
      NDArray scores = scores(outputs);
      scores.attach(scratch);
      int n = Math.toIntExact(scores.getShape().get(0));
      int c = Math.toIntExact(scores.getShape().get(1));
      float[] flat = scores.toFloatArray();
      float[][] rows = new float[n][];
      for (int i = 0; i < n; i++) {
        rows[i] = Arrays.copyOfRange(flat, i * c, (i + 1) * c);
      }
      return rows;
    }
  }

  /**
   * Evaluates with BatchNorm statistics re-estimated on training batches first ("precise BN", Wu
   * and Johnson 2021): every running mean and variance is replaced by the plain average of the
   * batch statistics of {@code calibration} (forward passes in training mode, no update of any
   * weight), the test batches are evaluated, and the running statistics the training keeps are put
   * back. So evaluating this way changes no later training step and no checkpoint.
   *
   * <p>Each batch statistic is read off the BatchNorm layer's own update: the running arrays are
   * zeroed before the pass, so afterwards they hold {@code (1 - momentum) * batch statistic}
   * (variance unbiased, as the layer keeps it).
   *
   * @param calibration training batches, at least one; each is closed after use
   * @param batches test batches, as for {@link #evaluate}
   * @return mean loss and accuracy over all test images
   */
  public EvalStats evaluateRecalibrated(Iterator<Batch> calibration, Iterator<Batch> batches) {
    List<float[]> kept = new ArrayList<>();
    for (Parameter statistic : runningStatistics) {
      kept.add(statistic.getArray().toFloatArray());
    }
    try {
      recalibrateBatchNorm(calibration);
      return evaluate(batches);
    } finally {
      try (GradientsOff noGrad = GradientsOff.enter()) {
        for (int i = 0; i < runningStatistics.size(); i++) {
          runningStatistics.get(i).getArray().set(kept.get(i));
        }
      }
    }
  }

  /**
   * Replaces every BatchNorm running statistic by the average of its batch statistics over the
   * given batches; see {@link #evaluateRecalibrated}.
   */
  private void recalibrateBatchNorm(Iterator<Batch> calibration) {
    // The layer keeps its momentum as a float; (1 - that) is what scales the batch statistic.
    double keep = 1 - (double) (float) config.batchNorm().momentum();
    double[][] sums = new double[runningStatistics.size()][];
    int count = 0;
    while (calibration.hasNext()) {
      try (Batch batch = calibration.next();
          GradientsOff noGrad = GradientsOff.enter();
          NDManager scratch = manager.newSubManager()) {
        for (Parameter statistic : runningStatistics) {
          statistic.getArray().set(new NDIndex("..."), 0);
        }
        NDArray[] inputs = inputs(batch, scratch);
        stagedNetwork.forward(parameterStore, new NDList(inputs[0]), true, scratch);
        for (int i = 0; i < runningStatistics.size(); i++) {
          float[] values = runningStatistics.get(i).getArray().toFloatArray();
          if (sums[i] == null) {
            sums[i] = new double[values.length];
          }
          for (int j = 0; j < values.length; j++) {
            sums[i][j] += values[j] / keep;
          }
        }
        count++;
      }
    }
    if (count == 0) {
      throw new IllegalArgumentException(
          "evaluateRecalibrated received no calibration batches; give it at least one.");
    }
    try (GradientsOff noGrad = GradientsOff.enter()) {
      for (int i = 0; i < runningStatistics.size(); i++) {
        float[] mean = new float[sums[i].length];
        for (int j = 0; j < mean.length; j++) {
          mean[j] = (float) (sums[i][j] / count);
        }
        runningStatistics.get(i).getArray().set(mean);
      }
    }
  }

  /**
   * Writes parameters (by name, BatchNorm statistics included), momentum buffers (by parameter
   * name), the epoch and step counters, the seed and the config identity.
   *
   * @param out the stream; flushed, not closed
   * @throws IOException when writing fails
   */
  public void saveCheckpoint(OutputStream out) throws IOException {
    Map<String, NDArray> arrays = new LinkedHashMap<>();
    parameters.forEach((name, parameter) -> arrays.put(name, parameter.getArray()));
    Checkpoint.write(
        out,
        config.canonicalForm(),
        completedEpochs,
        completedSteps,
        config.seed(),
        arrays,
        optimizer.velocities());
  }

  /**
   * Restores a checkpoint written by {@link #saveCheckpoint} for the same config. Everything is
   * validated before anything changes, so a rejected checkpoint leaves the trainer as it was.
   *
   * @param in the stream; not closed
   * @throws IOException when the stream is not a complete checkpoint
   * @throws IllegalArgumentException when the checkpoint belongs to a different config or network
   */
  public void loadCheckpoint(InputStream in) throws IOException {
    Checkpoint checkpoint = Checkpoint.read(in);
    requireSameConfig(checkpoint.configForm());
    if (!checkpoint.parameters().keySet().equals(parameters.keySet())) {
      throw new IllegalArgumentException(
          "The checkpoint's parameter names do not match this "
              + config.architecture()
              + " network; it was written by a different build of the network.");
    }
    for (Map.Entry<String, Checkpoint.Tensor> entry : checkpoint.parameters().entrySet()) {
      requireShape(entry.getKey(), entry.getValue(), parameters.get(entry.getKey()));
    }
    for (Map.Entry<String, Checkpoint.Tensor> entry : checkpoint.velocities().entrySet()) {
      Parameter parameter = parameters.get(entry.getKey());
      if (parameter == null || !parameter.requiresGradient()) {
        throw new IllegalArgumentException(
            "The checkpoint holds momentum for '"
                + entry.getKey()
                + "', which is not a trainable parameter of this network.");
      }
      requireShape(entry.getKey(), entry.getValue(), parameter);
    }
    if (checkpoint.completedEpochs() < 0 || checkpoint.completedEpochs() > totalEpochs()) {
      throw new IllegalArgumentException(
          "The checkpoint's epoch "
              + checkpoint.completedEpochs()
              + " lies outside this schedule of "
              + totalEpochs()
              + " epochs.");
    }
    try (GradientsOff noGrad = GradientsOff.enter()) {
      for (Map.Entry<String, Checkpoint.Tensor> entry : checkpoint.parameters().entrySet()) {
        parameters.get(entry.getKey()).getArray().set(entry.getValue().values());
      }
    }
    Map<String, NDArray> velocities = new LinkedHashMap<>();
    for (Map.Entry<String, Checkpoint.Tensor> entry : checkpoint.velocities().entrySet()) {
      NDArray velocity = manager.create(entry.getValue().values(), entry.getValue().djlShape());
      velocities.put(entry.getKey(), velocity);
    }
    optimizer.replaceVelocities(velocities);
    completedEpochs = checkpoint.completedEpochs();
    completedSteps = checkpoint.completedSteps();
  }

  /**
   * The number of trainable parameters (BatchNorm running statistics excluded), objective head
   * included.
   *
   * @return the count
   */
  public long parameterCount() {
    return ParameterCounts.trainable(network);
  }

  /**
   * The parameter names in network order, the keys of checkpoints and momentum buffers.
   *
   * @return an unmodifiable list
   */
  public List<String> parameterNames() {
    return List.copyOf(parameters.keySet());
  }

  /**
   * A copy of one parameter's values (for tests and inspection).
   *
   * @param name one of {@link #parameterNames()}
   * @return the values in row-major order
   */
  public float[] parameterValues(String name) {
    Parameter parameter = parameters.get(name);
    if (parameter == null) {
      throw new IllegalArgumentException(
          "Unknown parameter '" + name + "'; see parameterNames() for the valid names.");
    }
    return parameter.getArray().toFloatArray();
  }

  /**
   * The shape of one parameter (for tests and inspection).
   *
   * @param name one of {@link #parameterNames()}
   * @return the dimensions
   */
  public long[] parameterShape(String name) {
    Parameter parameter = parameters.get(name);
    if (parameter == null) {
      throw new IllegalArgumentException(
          "Unknown parameter '" + name + "'; see parameterNames() for the valid names.");
    }
    return parameter.getArray().getShape().getShape();
  }

  /** Frees the parameters, momentum buffers and every array created under {@link #manager()}. */
  @Override
  public void close() {
    manager.close();
  }

  private Totals trainStep(Batch batch, int epoch, int step, double learningRate) {
    synchronized (GRADIENT_COLLECTOR_LOCK) {
      try (NDManager scratch = manager.newSubManager()) {
        NDArray[] inputs = inputs(batch, scratch);
        List<NDArray> savedStatistics = new ArrayList<>();
        for (Parameter statistic : runningStatistics) {
          NDArray copy = statistic.getArray().duplicate();
          copy.attach(scratch);
          savedStatistics.add(copy);
        }
        float lossValue;
        NDList outputs;
        try {
          try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
            outputs = network.forward(parameterStore, new NDList(inputs[0]), true);
            NDArray value = loss.evaluate(new NDList(inputs[1]), outputs);
            lossValue = value.getFloat();
            if (!Float.isFinite(lossValue)) {
              restoreStatistics(savedStatistics);
              throw new NonFiniteLossException(epoch, step, "the loss is " + lossValue);
            }
            collector.backward(value);
          }
          MomentumSgd.StepResult result = optimizer.step(targets, learningRate);
          if (!result.applied()) {
            restoreStatistics(savedStatistics);
            throw new NonFiniteLossException(
                epoch, step, "the gradient norm is " + result.gradientNorm());
          }
        } finally {
          zeroGradients();
        }
        completedSteps++;
        Totals totals = new Totals();
        totals.add(inputs[0].getShape().get(0), lossValue, correct(outputs, inputs[1]));
        return totals;
      }
    }
  }

  /** Data and labels of a batch, on the trainer's device, attached to {@code scratch}. */
  private NDArray[] inputs(Batch batch, NDManager scratch) {
    NDArray data = batch.getData().singletonOrThrow();
    NDArray labels = batch.getLabels().singletonOrThrow();
    Shape shape = data.getShape();
    if (shape.dimension() != 4 || shape.get(1) != config.inputChannels()) {
      throw new IllegalArgumentException(
          "Batch data must be (N, "
              + config.inputChannels()
              + ", H, W) float32, got "
              + shape
              + ".");
    }
    if (labels.size() != shape.get(0)) {
      throw new IllegalArgumentException(
          "A batch of "
              + shape.get(0)
              + " images needs "
              + shape.get(0)
              + " labels, got "
              + labels.getShape()
              + ".");
    }
    NDArray x = onDevice(data, scratch);
    NDArray y = onDevice(labels, scratch);
    if (x.getDataType() != DataType.FLOAT32) {
      x = x.toType(DataType.FLOAT32, false);
    }
    return new NDArray[] {config.memoryFormat().lay(x), y.reshape(-1)};
  }

  /**
   * The array on the trainer's device, owned by {@code scratch} until it closes: a batch array on
   * the right device is only borrowed (it returns to the batch), one elsewhere is copied.
   */
  private NDArray onDevice(NDArray array, NDManager scratch) {
    Device device = manager.getDevice();
    if (array.getDevice().equals(device)) {
      array.tempAttach(scratch);
      return array;
    }
    NDArray moved = array.toDevice(device, false);
    moved.attach(scratch);
    return moved;
  }

  private long correct(NDList outputs, NDArray labels) {
    NDArray predicted = scores(outputs).argMax(1);
    NDArray truth = labels.toType(DataType.INT64, false);
    return predicted.toType(DataType.INT64, false).eq(truth).sum().getLong();
  }

  /** The scores whose arg-max is the prediction, by objective; see {@link #classScores}. */
  private NDArray scores(NDList outputs) {
    return switch (config.objective()) {
      case XENT, XENT_LS -> outputs.get(0);
      case COSINE -> cosine.classSimilarities(outputs.get(0));
      case COSINE_XENT -> outputs.get(1);
    };
  }

  /**
   * Sets every gradient to 0 in place (PyTorch accumulates gradients; NaN-safe, unlike {@code g -
   * g}): one native call per parameter ({@link GradientZeroing}).
   */
  private void zeroGradients() {
    for (MomentumSgd.Target target : targets) {
      GradientZeroing.zero(target.weight());
    }
  }

  private void restoreStatistics(List<NDArray> savedStatistics) {
    try (GradientsOff noGrad = GradientsOff.enter()) {
      for (int i = 0; i < runningStatistics.size(); i++) {
        savedStatistics.get(i).copyTo(runningStatistics.get(i).getArray());
      }
    }
  }

  private NDArray classEmbeddingsArray() {
    NDArray array = config.classEmbeddings().toArray(manager);
    return array.toDevice(manager.getDevice(), false);
  }

  private float weightDecay(Parameter parameter, Set<Parameter> headParameters) {
    if (!config.weightDecayScope().decays(parameter.getType())) {
      return 0f;
    }
    return (float)
        (headParameters.contains(parameter) ? config.headWeightDecay() : config.weightDecay());
  }

  private void requireSameConfig(String checkpointForm) {
    String ours = config.canonicalForm();
    if (ours.equals(checkpointForm)) {
      return;
    }
    Map<String, String> theirs = new LinkedHashMap<>();
    for (String part : checkpointForm.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        theirs.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    List<String> differences = new ArrayList<>();
    Map<String, String> entries = config.canonicalEntries();
    entries.forEach(
        (key, value) -> {
          String other = theirs.get(key);
          if (!value.equals(other)) {
            differences.add(
                key
                    + " is "
                    + (other == null ? "the default" : other)
                    + " in the checkpoint but "
                    + value
                    + " here");
          }
        });
    theirs.forEach(
        (key, other) -> {
          if (!entries.containsKey(key)) {
            differences.add(key + " is " + other + " in the checkpoint but the default here");
          }
        });
    throw new IllegalArgumentException(
        "The checkpoint belongs to a different training config ("
            + (differences.isEmpty()
                ? "its identity is " + checkpointForm
                : String.join(", ", differences))
            + "); resume it with the config it was written with.");
  }

  private static void requireShape(String name, Checkpoint.Tensor tensor, Parameter parameter) {
    if (!tensor.djlShape().equals(parameter.getArray().getShape())) {
      throw new IllegalArgumentException(
          "The checkpoint's "
              + name
              + " has shape "
              + tensor.djlShape()
              + " but this network's has "
              + parameter.getArray().getShape()
              + ".");
    }
  }

  private static void requireImages(Totals totals, String method) {
    if (totals.images == 0) {
      throw new IllegalArgumentException(
          method + " received no batches; give it an iterator with at least one batch.");
    }
  }

  /** Running sums over the batches of an epoch or evaluation. */
  private static final class Totals {
    private long images;
    private double lossSum;
    private long correct;

    void add(long batchImages, double meanLoss, long batchCorrect) {
      images += batchImages;
      lossSum += meanLoss * batchImages;
      correct += batchCorrect;
    }

    void add(Totals other) {
      images += other.images;
      lossSum += other.lossSum;
      correct += other.correct;
    }

    double meanLoss() {
      return images == 0 ? Double.NaN : lossSum / images;
    }

    double accuracy() {
      return images == 0 ? Double.NaN : (double) correct / images;
    }
  }
}
