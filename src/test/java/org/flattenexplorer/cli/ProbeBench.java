package org.flattenexplorer.cli;

import java.util.Arrays;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.inspect.EncodedReview;
import org.flattenexplorer.inspect.HiddenStateProbe;
import org.flattenexplorer.model.Cell;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Implementation;
import org.flattenexplorer.model.NetworkFactory;
import org.flattenexplorer.model.Preset;
import org.flattenexplorer.model.lstm.FastLstmRuntime;

/**
 * Times {@link HiddenStateProbe#probe} of one review as {@code bench} does (the question's preset, synthetic ids, the
 * first validation review), on an untrained network: a developer's harness for profiling the probe (run it under JFR),
 * not a test. Arguments: number of probes (default 400), cell (lstm, gru, simple_rnn as in {@link Cell}; default lstm).
 */
public final class ProbeBench {

    private ProbeBench() {
    }

    public static void main(String[] args) {
        int probes = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        FastLstmRuntime.configureNativeSingleThreaded();
        Cell cell = args.length > 1 ? Cell.valueOf(args[1].toUpperCase(java.util.Locale.ROOT)) : Cell.LSTM;
        ExperimentSpec spec = Preset.QUESTION_FLATTEN.spec().toBuilder().implementation(Implementation.FAST).cell(cell)
                .build();
        PreparedDataset dataset = QuestionShapedData.create(spec);
        MultiLayerNetwork net = NetworkFactory.build(spec, dataset.vocabulary().inputDim());
        EncodedReview review = EncodedReview.ofTokens(dataset.validation().tokens()[0], dataset.vocabulary());
        double[] ms = new double[probes];
        for (int i = 0; i < probes; i++) {
            long t0 = System.nanoTime();
            HiddenStateProbe.probe(net, spec, review);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        double[] timed = Arrays.copyOfRange(ms, probes / 4, probes);
        Arrays.sort(timed);
        System.out.printf(Locale.ROOT, "probe of one review: median %.2f ms, min %.2f ms (%d probes after %d warm-up)%n",
                timed[timed.length / 2], timed[0], timed.length, probes / 4);
    }
}
