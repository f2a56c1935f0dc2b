package org.flattenexplorer.ui.viewmodel;

/** The head chooser's entries: what sits between the LSTM and the Dense layer, in the user's words. */
public enum HeadChoice {
    FLATTEN("Flatten"),
    LAST_STATE("Last state"),
    GLOBAL_MAX("Global max pooling"),
    GLOBAL_AVG("Global average pooling");

    private final String title;

    HeadChoice(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    @Override
    public String toString() {
        return title;
    }
}
