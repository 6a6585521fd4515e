package dev.cosinerepro.activities.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cosinerepro.activities.ledger.RunRecord;
import dev.cosinerepro.workflows.spec.EpochRecord;
import dev.cosinerepro.workflows.spec.RunResult;
import dev.cosinerepro.workflows.spec.RunSpec;
import dev.cosinerepro.workflows.spec.RunTemplate;
import dev.cosinerepro.workflows.spec.ScheduleRecipe;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two figures every report cell rests on: the best test accuracy after any evaluated epoch (the
 * paper's) and the final-epoch accuracy.
 */
class RunSummaryTest {

  static RunSpec spec(int k, String objective, long seed) {
    return RunTemplate.builder()
        .setDataset("fashion-mnist")
        .optSamplesPerClass(k)
        .optSubsetSeed(0)
        .setArchitecture("resnet20")
        .setLoss(objective)
        .setBatchSize(50)
        .optSchedule(ScheduleRecipe.sgdr(1, 3))
        .build()
        .run(0.1, seed);
  }

  @Test
  void summaryTakesTheBestEvaluatedEpochAndTheFinalOne() {
    RunSpec spec = spec(10, "xent", 0);
    List<EpochRecord> epochs =
        List.of(
            new EpochRecord(0, 0.1, 2.0, 0.3, 0.50, 1.5, 100),
            new EpochRecord(1, 0.05, 1.0, 0.6, null, 1.0, 100),
            new EpochRecord(2, 1e-6, 0.5, 0.8, 0.70, 2.5, 100));
    RunResult result = RunRecord.summarise(spec, epochs);
    assertThat(result.bestTestAccuracy()).isEqualTo(0.70);
    assertThat(result.bestEpoch()).isEqualTo(2);
    assertThat(result.finalTestAccuracy()).isEqualTo(0.70);
    assertThat(result.trainSeconds()).isEqualTo(5.0);

    List<EpochRecord> peakedEarly =
        List.of(
            new EpochRecord(0, 0.1, 2.0, 0.3, 0.80, 1, 100),
            new EpochRecord(1, 0.05, 1.0, 0.6, 0.80, 1, 100),
            new EpochRecord(2, 1e-6, 0.5, 0.8, 0.75, 1, 100));
    RunResult early = RunRecord.summarise(spec, peakedEarly);
    assertThat(early.bestEpoch()).isZero();
    assertThat(early.bestTestAccuracy()).isEqualTo(0.80);
    assertThat(early.finalTestAccuracy()).isEqualTo(0.75);
  }

  @Test
  void aRunWithoutAFinalEvaluationCannotBeSummarised() {
    RunSpec spec = spec(10, "xent", 0);
    List<EpochRecord> epochs =
        List.of(
            new EpochRecord(0, 0.1, 2.0, 0.3, 0.50, 1, 100),
            new EpochRecord(1, 0.1, 2.0, 0.3, null, 1, 100));
    assertThatThrownBy(() -> RunRecord.summarise(spec, epochs))
        .hasMessageContaining("no test accuracy after its final epoch");
  }
}
