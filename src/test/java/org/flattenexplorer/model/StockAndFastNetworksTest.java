package org.flattenexplorer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.flattenexplorer.data.Padding;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The two implementations train the same model: every preset's network as NetworkFactory builds it (dropout off,
 * smaller sizes), stock and fast, starts from the same weights and stays together over several Adam steps.
 */
class StockAndFastNetworksTest {
    private static final int VOCAB = 60;
    private static final int STEPS = 6;

    @Test
    void everyPresetsStockAndFastNetworksStartEqualAndTrainAlike() {
        for (Preset preset : Preset.values()) {
            ExperimentSpec spec = preset.spec().toBuilder().maxlen(30).embedding(8).units(8).dropout(0).batch(16)
                    .build();
            if (spec.toBuilder().implementation(Implementation.STOCK).build().invalidReason().isPresent()) {
                continue; // a cell or option DL4J has no stock layer for
            }
            MultiLayerNetwork stock = NetworkFactory.build(spec.toBuilder().implementation(Implementation.STOCK).build(), VOCAB);
            MultiLayerNetwork fast = NetworkFactory.build(spec.toBuilder().implementation(Implementation.FAST).build(), VOCAB);
            assertThat(fast.params()).as(preset.id()).isEqualTo(stock.params());

            Random random = new Random(3);
            for (int step = 0; step < STEPS; step++) {
                DataSet batch = batch(random, spec);
                stock.fit(batch);
                fast.fit(batch);
                assertThat(fast.score()).as("%s loss at step %d", preset.id(), step)
                        .isCloseTo(stock.score(), org.assertj.core.data.Percentage.withPercentage(1e-4));
            }
            double drift = fast.params().sub(stock.params()).amaxNumber().doubleValue();
            double moved = fast.params().sub(NetworkFactory.build(spec, VOCAB).params()).amaxNumber().doubleValue();
            assertThat(drift).as(preset.id() + ": largest weight difference after " + STEPS + " steps").isLessThan(1e-6);
            assertThat(moved).as(preset.id() + ": the steps moved the weights").isGreaterThan(1e-3);
        }
    }

    /** Random reviews of 3 to 30 words, padded as the spec says, with their mask when it masks. */
    private static DataSet batch(Random random, ExperimentSpec spec) {
        int n = spec.training().batch();
        int t = spec.data().maxlen();
        float[][] tokens = new float[n][t];
        float[][] labels = new float[n][1];
        for (int i = 0; i < n; i++) {
            int length = 3 + random.nextInt(t - 2);
            for (int k = 0; k < length; k++) {
                tokens[i][spec.data().padding() == Padding.PRE ? t - 1 - k : k] = 1 + random.nextInt(VOCAB - 1);
            }
            labels[i][0] = random.nextBoolean() ? 1 : 0;
        }
        INDArray x = Nd4j.createFromArray(tokens);
        return new DataSet(x, Nd4j.createFromArray(labels), spec.model().masking() ? x.neq(0).castTo(x.dataType())
                : null, null);
    }
}
