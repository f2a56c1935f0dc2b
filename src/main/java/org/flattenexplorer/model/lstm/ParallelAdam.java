package org.flattenexplorer.model.lstm;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * DL4J's Adam, with the element-wise update over all parameters (~5M here, most of them the embedding) split
 * across the fast LSTM's threads: ND4J runs it on one thread, where it took 23 ms of each ~150 ms training step.
 * Same formula and results as {@link org.nd4j.linalg.learning.AdamUpdater} (tested).
 */
public class ParallelAdam extends Adam {

    /** For DL4J's JSON (de)serialization. */
    public ParallelAdam() {
        super();
    }

    public ParallelAdam(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate, beta1, beta2, epsilon);
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        return ParallelAdamUpdater.from(this, super.instantiate(viewArray, initializeViewArray));
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        return ParallelAdamUpdater.from(this, super.instantiate(updaterState, initializeStateArrays));
    }

    @Override
    public ParallelAdam clone() {
        ParallelAdam copy = new ParallelAdam(getLearningRate(), getBeta1(), getBeta2(), getEpsilon());
        copy.setLearningRateSchedule(getLearningRateSchedule() == null ? null : getLearningRateSchedule().clone());
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParallelAdam && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 7;
    }

    /** The stock updater's state handling, with {@link #applyUpdater} in parallel plain loops. */
    static final class ParallelAdamUpdater extends org.nd4j.linalg.learning.AdamUpdater {
        ParallelAdamUpdater(Adam config) {
            super(config);
        }

        /** Takes over the state views that the stock updater set up (m and v in DL4J's layout). */
        static ParallelAdamUpdater from(Adam config, GradientUpdater<?> stock) {
            org.nd4j.linalg.learning.AdamUpdater s = (org.nd4j.linalg.learning.AdamUpdater) stock;
            ParallelAdamUpdater u = new ParallelAdamUpdater(config);
            u.setM(s.getM());
            u.setV(s.getV());
            u.setGradientReshapeOrder(s.getGradientReshapeOrder());
            return u;
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            if (!AdamKernel.supports(gradient, getM(), getV())) {
                super.applyUpdater(gradient, iteration, epoch);
                return;
            }
            Adam c = getConfig();
            AdamKernel.apply(gradient, getM(), getV(), c.getLearningRate(iteration, epoch), c.getBeta1(),
                    c.getBeta2(), c.getEpsilon(), iteration);
        }
    }
}
