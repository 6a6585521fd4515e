package dev.cosinerepro.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cosinerepro.model.optim.MomentumForm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Training is deterministic byte for byte along every optimizer path: both momentum forms, the
 * three objectives, with clipping active and without. Each path's checkpoint after 12 steps is
 * printed as a SHA-256 line ({@code training digest ...}), so a change that must not alter results
 * (a speed change) is checked by running this test before and after it on the same machine and
 * comparing the lines (the digests depend on the CPU's instruction set, so they are not asserted
 * here):
 *
 * <pre>
 *   mvn -o -q -B -pl model test -Dtest=TrainingDigestsTest | grep "training digest"
 * </pre>
 */
class TrainingDigestsTest {
  private static final SyntheticBatches DATA = SyntheticBatches.patterns(24, 8, 5);

  @Test
  void everyOptimizerPathGivesTheSameCheckpointTwice() throws Exception {
    for (MomentumForm form : MomentumForm.values()) {
      for (String objective : new String[] {"xent", "cosine", "cosine+xent"}) {
        for (double clipNorm : new double[] {1.0, 1000.0}) {
          TrainerConfig config =
              ModelTrainerTest.tiny(objective).optMomentumForm(form).optClipNorm(clipNorm).build();
          byte[] first = checkpointAfterTwelveSteps(config);
          assertThat(checkpointAfterTwelveSteps(config))
              .as("%s %s clip %s", form, objective, clipNorm)
              .isEqualTo(first);
          System.out.printf(
              "training digest %s %s clip %s %s%n", form, objective, clipNorm, sha256(first));
        }
      }
    }
  }

  @Test
  void channelsLastGivesTheSameCheckpointTwice() throws Exception {
    // The digests of both formats are printed: they differ in the last bits of every parameter
    // (the kernels add in another order), which shows the format reached libtorch's choice.
    for (String objective : new String[] {"xent", "cosine+xent"}) {
      TrainerConfig.Builder builder = ModelTrainerTest.tiny(objective);
      byte[] contiguous = checkpointAfterTwelveSteps(builder.build());
      TrainerConfig config = builder.optMemoryFormat(MemoryFormat.CHANNELS_LAST).build();
      byte[] first = checkpointAfterTwelveSteps(config);
      assertThat(checkpointAfterTwelveSteps(config)).as(objective).isEqualTo(first);
      System.out.printf(
          "training digest channels-last %s, contiguous %s: %s, %s%n",
          objective, objective, sha256(first), sha256(contiguous));
    }
  }

  private static byte[] checkpointAfterTwelveSteps(TrainerConfig config) throws IOException {
    try (ModelTrainer trainer = ModelTrainer.create(config)) {
      for (int epoch = 0; epoch < 4; epoch++) {
        trainer.trainEpoch(DATA.batches(trainer.manager(), 8), null);
      }
      assertThat(trainer.completedSteps()).isEqualTo(12);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      trainer.saveCheckpoint(out);
      return out.toByteArray();
    }
  }

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
