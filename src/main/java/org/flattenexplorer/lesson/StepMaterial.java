package org.flattenexplorer.lesson;

import java.util.List;
import java.util.Map;
import org.flattenexplorer.inspect.Inspection;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.training.SavedRun;

/**
 * A lesson step with what it shows measured: its runs (those saved so far), the inspection of its review under
 * each of them, and its text with every number filled in from them.
 *
 * @param runs        alias to run, every run of the lesson found so far
 * @param inspections the step's review under the step's runs, in the step's order
 * @param reviewRow   the validation row shown, -1 when the step shows none
 * @param spec        the spec the architecture panel shows, null when the step names none
 * @param vocabulary  the size of that spec's vocabulary on the data in use (the summary's Embedding row)
 */
public record StepMaterial(LessonStep step, Map<String, SavedRun> runs, List<Inspection> inspections, int reviewRow,
                           String title, String text, String notes, ExperimentSpec spec, int vocabulary) {

    public StepMaterial {
        runs = Map.copyOf(runs);
        inspections = List.copyOf(inspections);
    }

    /** True when every run the step shows is there. */
    public boolean complete() {
        return step.runs().stream().allMatch(runs::containsKey);
    }
}
