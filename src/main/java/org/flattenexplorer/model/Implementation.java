package org.flattenexplorer.model;

/**
 * Which implementation trains the model: DL4J's own layers and Adam (STOCK, the reference, LSTM only) or the
 * project's fast recurrent kernels, embedding gradient and Adam step (FAST, the default). Same parameters, same
 * results within float rounding.
 */
public enum Implementation {
    STOCK,
    FAST;

    public String cliName() {
        return name().toLowerCase();
    }

    public static Implementation fromCliName(String name) {
        for (Implementation kind : values()) {
            if (kind.cliName().equalsIgnoreCase(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown implementation '" + name + "' (use stock or fast)");
    }
}
