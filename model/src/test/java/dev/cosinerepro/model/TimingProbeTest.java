package dev.cosinerepro.model;

import org.junit.jupiter.api.Test;

class TimingProbeTest {
  @Test
  void probe() {
    SyntheticBatches data = SyntheticBatches.patterns(24, 8, 5);
    for (String variant : new String[] {"plain", "wd", "clip", "both", "plain"}) {
      TrainerConfig.Builder b = ModelTrainerTest.tiny("cosine+xent").optWeightDecay(0).optClipNorm(10);
      if (variant.equals("wd") || variant.equals("both")) b.optWeightDecay(4e-4);
      if (variant.equals("clip") || variant.equals("both")) b.optClipNorm(1.0);
      long t0 = System.nanoTime();
      try (ModelTrainer t = ModelTrainer.create(b.build())) {
        long t1 = System.nanoTime();
        for (int e = 0; e < 4; e++) {
          long s = System.nanoTime();
          t.trainEpoch(data.batches(t.manager(), 8), null);
          System.out.printf("%s epoch %d %.3f s%n", variant, e, (System.nanoTime() - s) / 1e9);
        }
        System.out.printf("%s create %.3f%n", variant, (t1 - t0) / 1e9);
      }
    }
  }
}
