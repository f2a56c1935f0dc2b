package org.flattenexplorer.model;

/**
 * Which implementation trains the model: DL4J's own LSTM and embedding (STOCK, the reference) or the project's
 * fast LSTM and embedding gradient (FAST, the default). Same parameters, same results within float rounding.
 */
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
