package org.flattenexplorer.lesson;

import java.util.List;
import java.util.Optional;
import org.flattenexplorer.charts.CompareMetric;

/**
 * One step of a lesson, as the lesson file states it: what is said, and the state the window is put in.
 *
 * @param text      one to three sentences on screen; {@code {alias.fact}} placeholders are filled from the runs
 *                  on screen ({@link LessonFacts})
 * @param notes     speaker notes for the teacher (may be empty)
 * @param runs      aliases of the lesson's runs this step shows; trained live when not saved yet
 * @param spec      alias whose spec the architecture panel shows (defaults to the first run)
 * @param review    which validation review the hidden-state views show
 * @param animate   play the flatten animation when the step opens
 * @param metric    what the comparison chart plots
 * @param showControls keep the architecture panel open (projector mode folds it otherwise)
 * @param showLog   keep the Keras log and the run list open
 */
public record LessonStep(String title, String text, String notes, StepView view, List<String> runs, String spec,
                         ReviewChoice review, Highlight highlight, boolean animate, CompareMetric metric,
                         boolean showControls, boolean showLog) {

    public LessonStep {
        runs = List.copyOf(runs);
        notes = notes == null ? "" : notes;
    }

    /** The alias whose spec the architecture panel shows. */
    public Optional<String> specAlias() {
        return Optional.ofNullable(spec).or(() -> runs.stream().findFirst());
    }

    /** Does the step state numbers measured in runs (so the synthetic-data note applies)? */
    public boolean quotesRuns() {
        return !runs.isEmpty();
    }
}
