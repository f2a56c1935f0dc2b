package org.flattenexplorer.model;

/**
 * What sits between the LSTM and the Dense layer when the LSTM returns its whole sequence.
 * With return_sequences=false the Dense layer sees the last hidden state, whatever the head says
 * (FLATTEN is then a no-op, NONE is plain last state; pooling a 2-D tensor is an error).
 */
public enum Head {
    FLATTEN("Flatten", "flatten"),
    GLOBAL_MAX("Global max pooling", "global-max"),
    GLOBAL_AVG("Global average pooling", "global-avg"),
    NONE("No head", "none");

    private final String title;
    private final String cliName;

    Head(String title, String cliName) {
        this.title = title;
        this.cliName = cliName;
    }

    public String title() {
        return title;
    }

    public String cliName() {
        return cliName;
    }

    public boolean isPooling() {
        return this == GLOBAL_MAX || this == GLOBAL_AVG;
    }

    /**
     * Keras's {@code supports_masking} of this head after an LSTM with return_sequences=True: the last state
     * (NONE) and GlobalAveragePooling1D read only the real steps; Flatten and GlobalMaxPooling1D do not support
     * masking (Keras 2.0-2.3 refuse the mask, tf.keras 2 drops it silently and Keras 3 with a warning; either way
     * they read every step).
     */
    public boolean supportsMasking() {
        return this == NONE || this == GLOBAL_AVG;
    }

    public static Head fromCliName(String name) {
        for (Head head : values()) {
            if (head.cliName.equalsIgnoreCase(name) || head.name().equalsIgnoreCase(name)) {
                return head;
            }
        }
        throw new IllegalArgumentException("unknown head '" + name + "' (use flatten, global-max, global-avg or none)");
    }
}
