package org.flattenexplorer.model;

/** Which LSTM implementation trains the model: DL4J's own (the reference) or the project's fast one. */
public enum LstmKind {
    STOCK,
    FAST;

    public String cliName() {
        return name().toLowerCase();
    }

    public static LstmKind fromCliName(String name) {
        for (LstmKind kind : values()) {
            if (kind.cliName().equalsIgnoreCase(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown LSTM '" + name + "' (use stock or fast)");
    }
}
