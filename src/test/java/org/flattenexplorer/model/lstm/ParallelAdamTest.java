package org.flattenexplorer.model.lstm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

class ParallelAdamTest {

    @Test
    void fiveStepsGiveTheUpdatesAndStateOfNd4jsOwnAdam() {
        int n = 100_003; // several chunks, split unevenly across the threads
        INDArray stockState = Nd4j.zeros(DataType.FLOAT, 1, 2L * n);
        INDArray parallelState = Nd4j.zeros(DataType.FLOAT, 1, 2L * n);
        GradientUpdater<?> stock = new Adam(1e-3, 0.9, 0.999, 1e-7).instantiate(stockState, true);
        GradientUpdater<?> parallel = new ParallelAdam(1e-3, 0.9, 0.999, 1e-7).instantiate(parallelState, true);
        Nd4j.getRandom().setSeed(7);

        for (int iteration = 0; iteration < 5; iteration++) {
            INDArray gradient = Nd4j.randn(DataType.FLOAT, 1, n);
            INDArray a = gradient.dup();
            INDArray b = gradient.dup();
            stock.applyUpdater(a, iteration, 0);
            parallel.applyUpdater(b, iteration, 0);

            assertThat(b.equalsWithEps(a, 1e-6)).as("update at iteration " + iteration).isTrue();
        }
        assertThat(parallelState.equalsWithEps(stockState, 1e-6)).isTrue();
    }

    @Test
    void aCloneIsStillParallel() {
        ParallelAdam adam = new ParallelAdam(1e-3, 0.9, 0.999, 1e-7);

        assertThat(adam.clone()).isInstanceOf(ParallelAdam.class).isEqualTo(adam);
    }
}
