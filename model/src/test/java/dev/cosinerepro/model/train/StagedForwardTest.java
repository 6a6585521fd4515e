package dev.cosinerepro.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.cosinerepro.model.Architectures;
import dev.cosinerepro.model.nets.SoftmaxHead;
import org.junit.jupiter.api.Test;

/** The stage-by-stage forward: the same outputs as DJL's forward, without its kept activations. */
class StagedForwardTest {

  @Test
  void givesTheOutputsOfThePlainForwardAndKeepsOnlyInputAndOutput() {
    for (String architecture : new String[] {"resnet8", "resnet50"}) {
      int side = Architectures.minimumInputSide(architecture);
      Block network =
          SoftmaxHead.attach(Architectures.build(architecture, 5, 3), SoftmaxHead.build(5));
      try (NDManager manager = NDManager.newBaseManager();
          GradientsOff noGrad = GradientsOff.enter()) {
        network.initialize(manager, DataType.FLOAT32, new Shape(4, 3, side, side));
        ParameterStore parameters = new ParameterStore(manager, false);
        NDArray images = manager.randomNormal(new Shape(4, 3, side, side));
        for (boolean training : new boolean[] {false, true}) {
          float[][] plain;
          try (NDManager scratch = manager.newSubManager()) {
            NDArray input = images.duplicate();
            input.attach(scratch);
            plain = values(network.forward(parameters, new NDList(input), training));
          }
          try (NDManager scratch = manager.newSubManager()) {
            NDArray input = images.duplicate();
            input.attach(scratch);
            NDList outputs =
                new StagedForward(network)
                    .forward(parameters, new NDList(input), training, scratch);
            assertThat(values(outputs)).as(architecture + " training " + training).isEqualTo(plain);
            // the input stays usable and only it and the two outputs are left to the caller
            assertThat(input.getShape()).isEqualTo(new Shape(4, 3, side, side));
            assertThat(scratch.getManagedArrays()).hasSize(3);
            assertThat(outputs.get(0).getManager()).isSameAs(scratch);
          }
        }
      }
    }
  }

  @Test
  void cutsNestedSequencesIntoTheirLeaves() {
    // resnet8: stem convolution, BatchNorm and ReLU, three residual units, pooling, flattening,
    // dense
    Block resnet8 = Architectures.build("resnet8", 5, 3);
    assertThat(new StagedForward(resnet8).stages()).hasSize(3 + 3 + 3);
    // with the cosine + xent head beside the identity: one stage more
    Block headed = SoftmaxHead.attach(Architectures.build("resnet8", 5, 3), SoftmaxHead.build(5));
    assertThat(new StagedForward(headed).stages()).hasSize(3 + 3 + 3 + 1);
    // resnet50: stem convolution, BatchNorm, ReLU and max pooling, 3 + 4 + 6 + 3 bottleneck units,
    // pooling, flattening, dense, flattening
    assertThat(new StagedForward(Architectures.build("resnet50", 5, 3)).stages())
        .hasSize(4 + 16 + 4);
  }

  private static float[][] values(NDList outputs) {
    float[][] values = new float[outputs.size()][];
    for (int i = 0; i < outputs.size(); i++) {
      values[i] = outputs.get(i).toFloatArray();
    }
    return values;
  }
}
