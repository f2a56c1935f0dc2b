package org.flattenexplorer.inspect;

import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.flattenexplorer.data.Vocabulary;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.training.RunStore;
import org.flattenexplorer.training.SavedRun;
import org.flattenexplorer.training.TrainingRun;

/**
 * A model the views can inspect: a saved run, or a run still training (its live network). Turns review text or
 * padded token rows into {@link Inspection}s.
 */
public record InspectedModel(String name, MultiLayerNetwork network, ExperimentSpec spec, Vocabulary vocabulary) {

    /** Loads a run folder's network and vocabulary (a few hundred milliseconds). */
    public static InspectedModel load(Path runFolder) {
        return of(RunStore.load(runFolder));
    }

    /** A saved run's model; its weights are checked against its run.json and vocabulary first. */
    public static InspectedModel of(SavedRun run) {
        Vocabulary vocabulary = RunStore.loadVocabulary(run);
        return new InspectedModel(run.info().name(), RunStore.loadNetwork(run, vocabulary), run.info().spec(),
                vocabulary);
    }

    /** The live network of a training run: inspect it from the training thread at an epoch end. */
    public static InspectedModel of(String name, TrainingRun run) {
        return new InspectedModel(name, run.network(), run.spec(), run.data().vocabulary());
    }

    /**
     * A copy of a training run's network as it is now, to inspect while training goes on. Call it on the training
     * thread between steps (an epoch end), where the network may be read.
     */
    public static InspectedModel snapshot(String name, TrainingRun run) {
        return new InspectedModel(name, run.network().clone(), run.spec(), run.data().vocabulary());
    }

    /** P(positive) for every review of a split; holds the network's lock, like {@link #inspect}. */
    public float[] predict(org.flattenexplorer.data.EncodedSplit split) {
        synchronized (network) {
            return org.flattenexplorer.training.SplitEvaluator.predict(network, split,
                    java.util.stream.IntStream.range(0, split.size()).toArray(), spec.model().masking());
        }
    }

    /** Tokenizes and pads the text the way the model's training data was. */
    public EncodedReview encode(String text) {
        return EncodedReview.of(text, vocabulary, spec);
    }

    public Inspection inspect(String text) {
        return inspect(encode(text));
    }

    public Inspection inspect(EncodedReview review) {
        return Inspection.of(name, network, spec, review);
    }
}
