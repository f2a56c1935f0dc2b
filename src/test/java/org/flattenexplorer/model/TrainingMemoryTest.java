package org.flattenexplorer.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A spec that cannot fit is refused before training, with its estimate; the question's presets fit. */
class TrainingMemoryTest {
    /** The installed app's limits: -Xmx1g, -Dorg.bytedeco.javacpp.maxphysicalbytes=3g. */
    private static final TrainingMemory.Limits APP = new TrainingMemory.Limits(1L << 30, 3L << 30, "the app may use");

    @Test
    void everyPresetFitsTheAppsLimitsWithTheQuestionsVocabulary() {
        for (Preset preset : Preset.values()) {
            for (Implementation lstm : Implementation.values()) {
                ExperimentSpec spec = preset.spec().toBuilder().implementation(lstm).build();
                assertThat(TrainingMemory.estimate(spec, 37_252).problem(spec, APP)).as(preset + " " + lstm).isEmpty();
            }
        }
    }

    @Test
    void aSpecTooLargeForTheLimitsIsRefusedWithTheEstimateAndWhatToDo() {
        ExperimentSpec huge = ExperimentSpec.question().toBuilder().units(1024).maxlen(2000).build();
        assertThat(huge.isValid()).isTrue(); // the validator's ranges allow it

        String problem = TrainingMemory.estimate(huge, 37_252).problem(huge, APP).orElseThrow();

        assertThat(problem).startsWith("this model needs about ").contains(" GB of memory to train")
                .contains("batch 32 x maxlen 2000 x 1024 units").contains("more than the 3.0 GB")
                .contains("fewer units, a shorter maxlen or a smaller batch");
    }

    @Test
    void theEstimateGrowsWithEveryActivationDimension() {
        ExperimentSpec q = ExperimentSpec.question();
        long base = TrainingMemory.estimate(q, 10_000).totalBytes();
        assertThat(TrainingMemory.estimate(q.toBuilder().units(256).build(), 10_000).totalBytes()).isGreaterThan(base);
        assertThat(TrainingMemory.estimate(q.toBuilder().maxlen(1000).build(), 10_000).totalBytes()).isGreaterThan(base);
        assertThat(TrainingMemory.estimate(q.toBuilder().batch(64).build(), 10_000).totalBytes()).isGreaterThan(base);
        assertThat(TrainingMemory.parseBytes("1500m", 0)).isEqualTo(1500L << 20);
        assertThat(TrainingMemory.parseBytes("3G", 0)).isEqualTo(3L << 30);
        assertThat(TrainingMemory.parseBytes(null, 7)).isEqualTo(7);
    }
}
