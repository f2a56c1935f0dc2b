package org.flattenexplorer.training;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.flattenexplorer.data.EncodedSplit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Loss and accuracy of a network on a whole split, in inference mode (no dropout), batch by batch: each review's
 * loss from its logit, as the network's loss function computes it (DL4J's {@code scoreExamples}: the same forward
 * pass as {@code output}, the loss taken before the sigmoid), which also gives the prediction
 * ({@link BinaryMetrics#addReviewLosses}). It costs a little more than {@code output}: the question's 200
 * validation reviews took 340-350 ms against 314-322 ms (README, Benchmark).
 */
public final class SplitEvaluator {
    private SplitEvaluator() {}

    /** Loss and accuracy of one split. */
    public record Score(double loss, double accuracy) {}

    public static Score evaluate(MultiLayerNetwork net, EncodedSplit split, int batchSize, boolean masking) {
        BinaryMetrics metrics = new BinaryMetrics();
        int[] all = Batches.identity(split.size());
        for (int from = 0; from < split.size(); from += batchSize) {
            int[] rows = Batches.slice(all, from, Math.min(split.size(), from + batchSize));
            DataSet batch = Batches.dataSet(split, rows, masking);
            float[] losses = net.scoreExamples(batch, false).toFloatVector();
            metrics.addReviewLosses(losses, batch.getLabels().toFloatVector());
        }
        return new Score(metrics.loss(), metrics.accuracy());
    }

    /** P(positive) for the given rows. */
    public static float[] predict(MultiLayerNetwork net, EncodedSplit split, int[] rows, boolean masking) {
        INDArray out = net.output(Batches.features(split, rows), false, Batches.mask(split, rows, masking), null);
        return out.toFloatVector();
    }
}
