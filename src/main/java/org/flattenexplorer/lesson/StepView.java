package org.flattenexplorer.lesson;

/**
 * What a lesson step puts on screen, and so which figure the handout prints for it. A step's runs are trained
 * live on the Training tab first when they are not saved yet.
 */
public enum StepView {
    /** The architecture panel with the Keras summary and the layer diagram of the step's spec. Figure: the summary. */
    ARCHITECTURE(1),
    /** The live loss and accuracy curves of the step's run, with the Keras log. Figure: both charts. */
    TRAINING(1),
    /** The step's runs overlaid on the comparison chart. Figure: the comparison chart. */
    COMPARE(1),
    /** The hidden-state matrix of one review, the folded Dense weights and the flatten strip. Figure: the inspection. */
    HIDDEN_STATES(1),
    /** Each time step's contribution to the logit, words against padding. Figure: the inspection. */
    CONTRIBUTIONS(1),
    /** One review under two runs. Figure: both inspections. */
    SIDE_BY_SIDE(2),
    /** Every run of the lesson in one table and on one chart. Figure: the comparison chart and a table. */
    SUMMARY(1);

    private final int minimumRuns;

    StepView(int minimumRuns) {
        this.minimumRuns = minimumRuns;
    }

    /** Views other than the architecture need at least this many runs. */
    int minimumRuns() {
        return this == ARCHITECTURE ? 0 : minimumRuns;
    }

    /** True when the view probes a review under the step's runs. */
    public boolean inspectsReview() {
        return this == HIDDEN_STATES || this == CONTRIBUTIONS || this == SIDE_BY_SIDE;
    }
}
