package org.flattenexplorer.model;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.flattenexplorer.data.Padding;

/** The experiments behind the answer, one click (or one flag) away. All other settings are the question's. */
public enum Preset {
    QUESTION_FLATTEN("question-flatten", "The question: Flatten",
            "return_sequences=True + Flatten, post padding: the question's model"),
    QUESTION_LAST("question-last", "The question: last state",
            "return_sequences=False, post padding: the model that stays near 0.5"),
    LAST_PRE("last-pre", "Last state, pre padding",
            "return_sequences=False, Keras's default pre padding: the last state sits right after the last word"),
    LAST_MASKED("last-masked", "Last state, masked",
            "return_sequences=False, post padding with masking: the padding is skipped"),
    GLOBAL_MAX("global-max", "Global max pooling",
            "return_sequences=True + GlobalMaxPooling1D, post padding: 128 numbers pooled over time"),
    GLOBAL_AVG("global-avg", "Global average pooling",
            "return_sequences=True + GlobalAveragePooling1D, post padding"),
    LAST_GO_BACKWARDS("last-go-backwards", "Last state, go_backwards",
            "return_sequences=False, go_backwards=True, post padding: the LSTM reads the review last word first"),
    BIDIRECTIONAL_LAST("bidirectional-last", "Bidirectional, last state",
            "Bidirectional LSTM, return_sequences=False, post padding: one direction ends at the first word"),
    GRU_LAST("gru-last", "GRU, last state",
            "GRU, return_sequences=False, post padding: another cell, the same padding"),
    GRU_FLATTEN("gru-flatten", "GRU + Flatten",
            "GRU, return_sequences=True + Flatten, post padding: the question's model with a GRU");

    private final String id;
    private final String title;
    private final String description;

    Preset(String id, String title, String description) {
        this.id = id;
        this.title = title;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public ExperimentSpec spec() {
        ExperimentSpec.Builder b = ExperimentSpec.question().toBuilder();
        return switch (this) {
            case QUESTION_FLATTEN -> b.build();
            case QUESTION_LAST -> b.returnSequences(false).head(Head.NONE).build();
            case LAST_PRE -> b.returnSequences(false).head(Head.NONE).padding(Padding.PRE).build();
            case LAST_MASKED -> b.returnSequences(false).head(Head.NONE).masking(true).build();
            case GLOBAL_MAX -> b.head(Head.GLOBAL_MAX).build();
            case GLOBAL_AVG -> b.head(Head.GLOBAL_AVG).build();
            case LAST_GO_BACKWARDS -> b.returnSequences(false).head(Head.NONE).goBackwards(true).build();
            case BIDIRECTIONAL_LAST -> b.returnSequences(false).head(Head.NONE).bidirectional(true).build();
            case GRU_LAST -> b.returnSequences(false).head(Head.NONE).cell(Cell.GRU).build();
            case GRU_FLATTEN -> b.cell(Cell.GRU).build();
        };
    }

    public static Preset fromId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown preset '" + id + "' (known: "
                        + Arrays.stream(values()).map(Preset::id).collect(Collectors.joining(", ")) + ")"));
    }
}
