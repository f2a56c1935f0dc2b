package org.flattenexplorer.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.flattenexplorer.data.EncodedSplit;
import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.NetworkFactory;
import org.flattenexplorer.model.TrainingMemory;
import org.flattenexplorer.model.lstm.FastLstmRuntime;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One training run of a spec on a prepared dataset, the way Keras's {@code model.fit} runs it: the training
 * split shuffled every epoch, mini-batches of {@code spec.batch()}, then a validation pass; at the end the
 * held-out test accuracy. Training loss and accuracy are Keras's: the running mean over the epoch's batches of
 * each training step's own predictions (dropout on, weights before the step), with the same loss formula as
 * val_loss. Runs on the calling thread; {@link #cancel()} (from any thread) stops it after the current batch and
 * puts back the weights of the last completed epoch, so a cancelled run's model matches its metrics. Same spec,
 * seed and data give the same numbers.
 */
public final class TrainingRun {
    private final ExperimentSpec spec;
    private final PreparedDataset data;
    private final MultiLayerNetwork network;
    private static final int INFERENCE_BATCH = 100;
    private volatile boolean cancelRequested;

    public TrainingRun(ExperimentSpec spec, PreparedDataset data) {
        this.spec = spec.requireValid();
        TrainingMemory.require(spec, data.vocabulary().inputDim());
        this.data = data;
        FastLstmRuntime.configureNativeSingleThreaded();
        Nd4j.getRandom().setSeed(spec.training().seed());
        this.network = NetworkFactory.build(spec, data.vocabulary().inputDim());
    }

    public ExperimentSpec spec() {
        return spec;
    }

    public PreparedDataset data() {
        return data;
    }

    /** The network being trained; read it only from the training thread or after the run ended. */
    public MultiLayerNetwork network() {
        return network;
    }

    /** Asks the run to stop after the current batch; safe from any thread. */
    public void cancel() {
        cancelRequested = true;
    }

    public boolean isCancelRequested() {
        return cancelRequested;
    }

    /**
     * Trains every epoch, reporting to the listener. Never throws for a training failure: a failed run
     * ends with a {@link TrainingEvent.Failed} event and a null result.
     */
    public RunResult run(TrainingListener listener) {
        try {
            RunResult result = train(listener);
            listener.onEvent(result.status() == RunStatus.FINISHED
                    ? new TrainingEvent.Finished(result) : new TrainingEvent.Cancelled(result));
            return result;
        } catch (RuntimeException | OutOfMemoryError e) {
            listener.onEvent(new TrainingEvent.Failed(describe(e), e));
            return null;
        }
    }

    private RunResult train(TrainingListener listener) {
        long start = System.nanoTime();
        EncodedSplit train = data.train();
        int batches = Batches.count(train.size(), spec.training().batch());
        Random shuffle = new Random(spec.training().seed());
        Nd4j.getRandom().setSeed(spec.training().seed());
        TrainingPredictions predictions = new TrainingPredictions();
        network.setListeners(predictions);
        List<EpochMetrics> epochs = new ArrayList<>();
        List<Double> batchLosses = new ArrayList<>();
        INDArray completedEpochParams = network.params().dup();

        try {
            for (int epoch = 1; epoch <= spec.training().epochs() && !cancelRequested; epoch++) {
                long epochStart = System.nanoTime();
                int[] order = shuffled(train.size(), shuffle);
                BinaryMetrics running = new BinaryMetrics();
                for (int b = 0; b < batches; b++) {
                    if (cancelRequested) {
                        break;
                    }
                    int[] rows = Batches.slice(order, b * spec.training().batch(), Math.min(train.size(), (b
                            + 1) * spec.training().batch()));
                    DataSet batch = Batches.dataSet(train, rows, spec.model().masking());
                    network.fit(batch);
                    float[] labels = batch.getLabels().toFloatVector();
                    double loss = network.score(); // this step's loss from the logits (SigmoidCrossEntropy)
                    checkFinite(loss, epoch, b + 1);
                    running.addBatch(loss, predictions.lastBatch(), labels);
                    batchLosses.add(loss);
                    listener.onEvent(new TrainingEvent.BatchEnd(epoch, spec.training().epochs(), b + 1, batches, loss,
                            running.loss(), running.accuracy()));
                }
                if (cancelRequested) {
                    break;
                }
                SplitEvaluator.Score val = SplitEvaluator.evaluate(network, data.validation(), inferenceBatch(),
                        spec.model().masking());
                EpochMetrics metrics = new EpochMetrics(epoch, running.loss(), running.accuracy(), val.loss(),
                        val.accuracy(), seconds(epochStart));
                epochs.add(metrics);
                completedEpochParams.assign(network.params());
                network.incrementEpochCount();
                listener.onEvent(new TrainingEvent.EpochEnd(metrics, spec.training().epochs(), batches));
            }
        } finally {
            network.setListeners();
        }
        if (cancelRequested) {
            network.setParams(completedEpochParams); // the partial epoch's steps are not in the metrics either
            return new RunResult(RunStatus.CANCELLED, epochs, batchLosses, Double.NaN, seconds(start));
        }
        double test = data.test().size() == 0 ? Double.NaN
                : SplitEvaluator.evaluate(network, data.test(), inferenceBatch(), spec.model().masking()).accuracy();
        return new RunResult(RunStatus.FINISHED, epochs, batchLosses, test, seconds(start));
    }

    /**
     * Evaluation runs without dropout or gradients, so its batch size changes nothing but speed (bigger matrix
     * products); it stays modest to bound memory: 100 reviews x 500 steps x 128 units of cached states.
     */
    private int inferenceBatch() {
        return Math.max(spec.training().batch(), INFERENCE_BATCH);
    }

    private static int[] shuffled(int n, Random random) {
        int[] order = Batches.identity(n);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }

    private static void checkFinite(double loss, int epoch, int batch) {
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException("the loss became " + loss + " in epoch " + epoch + ", batch " + batch
                    + ": the learning rate is probably too high");
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String describe(Throwable e) {
        return Failures.explain(e);
    }
}
