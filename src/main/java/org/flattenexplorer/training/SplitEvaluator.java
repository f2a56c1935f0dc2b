package org.flattenexplorer.training;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.flattenexplorer.data.EncodedSplit;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Loss and accuracy of a network on a whole split, in inference mode (no dropout), batch by batch. */
public final class SplitEvaluator {
    private SplitEvaluator() {}

    /** Loss and accuracy of one split. */
    public record Score(double loss, double accuracy) {}

    public static Score evaluate(MultiLayerNetwork net, EncodedSplit split, int batchSize, boolean masking) {
        BinaryMetrics metrics = new BinaryMetrics();
        int[] all = Batches.identity(split.size());
        for (int from = 0; from < split.size(); from += batchSize) {
            int[] rows = Batches.slice(all, from, Math.min(split.size(), from + batchSize));
            float[] p = predict(net, split, rows, masking);
            metrics.add(p, Batches.labels(split, rows).toFloatVector());
        }
        return new Score(metrics.loss(), metrics.accuracy());
    }

    /** P(positive) for the given rows. */
    public static float[] predict(MultiLayerNetwork net, EncodedSplit split, int[] rows, boolean masking) {
        INDArray out = net.output(Batches.features(split, rows), false, Batches.mask(split, rows, masking), null);
        return out.toFloatVector();
    }
}
