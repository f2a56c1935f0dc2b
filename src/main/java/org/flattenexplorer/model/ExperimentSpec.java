package org.flattenexplorer.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.flattenexplorer.data.Padding;
import org.flattenexplorer.data.Preprocessing;

/**
 * One experiment, in its three parts: the model, the data (how reviews become padded token ids, and which reviews)
 * and the training settings. Immutable, so a run can be reproduced from it exactly. The data has its own seed: the
 * runs of a multi-seed plan share the first seed's data split and differ in {@code training().seed()}.
 *
 * <p>Saved as {@code {"model": ..., "data": ..., "training": ...}}; the flat spec of files written before the split
 * (one "seed" for both, {@code "lstm"} for the implementation, no cell = an LSTM read forwards) still reads.
 */
public record ExperimentSpec(ModelSpec model, Preprocessing data, TrainingSettings training) {

    public ExperimentSpec {
        if (model == null || data == null || training == null) {
            throw new IllegalArgumentException("model, data and training must be set");
        }
    }

    /** The question's Flatten model: return_sequences=True, Flatten, post padding, 448/200 reviews, 7 epochs. */
    public static ExperimentSpec question() {
        return new ExperimentSpec(ModelSpec.question(), Preprocessing.question(), TrainingSettings.question());
    }

    /** How many numbers reach the Dense layer for one review. */
    public long denseInputSize() {
        return model.denseInputSize(data.maxlen());
    }

    /** Why this experiment cannot be run, in the user's terms; empty when it can. */
    public Optional<String> invalidReason() {
        List<String> problems = new ArrayList<>(model.problems(data.maxlen()));
        if (model.masking() && model.implementation() == Implementation.STOCK && (data.padding() == Padding.PRE
                || model.returnSequences() && model.head() == Head.GLOBAL_MAX)) {
            problems.add("DL4J's own LSTM (--lstm stock) does not follow Keras's masking: it computes gradients as if "
                    + "there were no mask, and under a pooling head it runs over the padding too, which gives wrong "
                    + "results with pre padding and with global max pooling. Use the fast LSTM (the default).");
        }
        problems.addAll(data.problems());
        problems.addAll(training.problems());
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", problems));
    }

    @JsonIgnore
    public boolean isValid() {
        return invalidReason().isEmpty();
    }

    /** @throws InvalidSpecException naming every problem */
    public ExperimentSpec requireValid() {
        invalidReason().ifPresent(reason -> {
            throw new InvalidSpecException(reason);
        });
        return this;
    }

    /** The variant in words, e.g. "Flatten · post padding · 128 units", "GRU · Last state · post padding · ...". */
    public String describe() {
        StringBuilder text = new StringBuilder(model.describe());
        text.append(" · ").append(data.padding().kerasName()).append(" padding");
        if (model.masking()) {
            text.append(" · masked");
        }
        return text.append(" · ").append(model.units()).append(" units").toString();
    }

    /** The same experiment trained from another seed, on the same data split. */
    public ExperimentSpec withTrainingSeed(long seed) {
        return new ExperimentSpec(model, data,
                new TrainingSettings(training.lr(), training.batch(), training.epochs(), seed));
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads both the split form and the flat form of files written before the split. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ExperimentSpec fromJson(JsonNode node) throws java.io.IOException {
        if (node.has("model")) {
            return new ExperimentSpec(JSON.treeToValue(node.get("model"), ModelSpec.class),
                    Preprocessing.fromJsonNode(node.get("data")),
                    JSON.treeToValue(node.get("training"), TrainingSettings.class));
        }
        return JSON.treeToValue(node, FlatSpec.class).toSpec();
    }

    /** The spec as files before the split saved it: every setting in one object, one seed for data and training. */
    private record FlatSpec(boolean returnSequences, Head head, Padding padding, Padding truncating, boolean masking,
            int maxlen, int embedding, int units, double dropout, double lr, int batch, int epochs, long seed,
            int trainSize, int valSize, int testSize, Integer numWords, String wordIndex,
            @JsonAlias("lstm") Implementation implementation, Cell cell, boolean bidirectional, boolean goBackwards) {

        ExperimentSpec toSpec() {
            return new ExperimentSpec(
                    new ModelSpec(returnSequences, head, masking, cell, bidirectional, goBackwards, embedding, units,
                            dropout, implementation),
                    new Preprocessing(maxlen, padding, truncating, wordIndex != null,
                            wordIndex == null ? null : Path.of(wordIndex),
                            numWords == null ? OptionalInt.empty() : OptionalInt.of(numWords),
                            trainSize, valSize, testSize, seed),
                    new TrainingSettings(lr, batch, epochs, seed));
        }
    }

    /** Changes a few settings of a spec, in whichever part they live; everything else is kept. */
    public static final class Builder {
        private boolean returnSequences;
        private Head head;
        private boolean masking;
        private Cell cell;
        private boolean bidirectional;
        private boolean goBackwards;
        private int embedding;
        private int units;
        private double dropout;
        private Implementation implementation;
        private Preprocessing data;
        private double lr;
        private int batch;
        private int epochs;
        private long seed;

        private Builder(ExperimentSpec s) {
            ModelSpec m = s.model;
            returnSequences = m.returnSequences();
            head = m.head();
            masking = m.masking();
            cell = m.cell();
            bidirectional = m.bidirectional();
            goBackwards = m.goBackwards();
            embedding = m.embedding();
            units = m.units();
            dropout = m.dropout();
            implementation = m.implementation();
            data = s.data;
            lr = s.training.lr();
            batch = s.training.batch();
            epochs = s.training.epochs();
            seed = s.training.seed();
        }

        public Builder returnSequences(boolean v) { returnSequences = v; return this; }
        public Builder head(Head v) { head = v; return this; }
        public Builder masking(boolean v) { masking = v; return this; }
        public Builder cell(Cell v) { cell = v; return this; }
        public Builder bidirectional(boolean v) { bidirectional = v; return this; }
        public Builder goBackwards(boolean v) { goBackwards = v; return this; }
        public Builder embedding(int v) { embedding = v; return this; }
        public Builder units(int v) { units = v; return this; }
        public Builder dropout(double v) { dropout = v; return this; }
        public Builder implementation(Implementation v) { implementation = v; return this; }
        public Builder data(Preprocessing v) { data = v; return this; }
        public Builder padding(Padding v) { data = data.withPadding(v, data.truncating()); return this; }
        public Builder truncating(Padding v) { data = data.withPadding(data.padding(), v); return this; }
        public Builder maxlen(int v) { data = data.withMaxlen(v); return this; }
        public Builder trainSize(int v) { data = data.withSizes(v, data.valSize(), data.testSize()); return this; }
        public Builder valSize(int v) { data = data.withSizes(data.trainSize(), v, data.testSize()); return this; }
        public Builder testSize(int v) { data = data.withSizes(data.trainSize(), data.valSize(), v); return this; }
        public Builder numWords(OptionalInt v) { data = data.withNumWords(v); return this; }
        /** Keras's IMDB word index file, or null for a vocabulary fitted on the training split. */
        public Builder wordIndex(Path v) { data = data.withWordIndex(v); return this; }
        public Builder lr(double v) { lr = v; return this; }
        public Builder batch(int v) { batch = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        /** The seed of the whole run: the data split's and the training's. */
        public Builder seed(long v) { seed = v; data = data.withSeed(v); return this; }

        public ExperimentSpec build() {
            return new ExperimentSpec(new ModelSpec(returnSequences, head, masking, cell, bidirectional, goBackwards,
                    embedding, units, dropout, implementation), data, new TrainingSettings(lr, batch, epochs, seed));
        }
    }
}
