package org.flattenexplorer.lesson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.training.RunStatus;
import org.flattenexplorer.training.SavedRun;

/** Which runs a lesson needs, and whether one of them is saved already (then it is reused, not trained again). */
public final class LessonRuns {
    private LessonRuns() {}

    /**
     * The spec of every run of the lesson: its preset, changed by {@code adjust} (identity in the app; the CLI's
     * overrides such as {@code --epochs 1}; tiny sizes in tests).
     */
    public static Map<String, ExperimentSpec> specs(Lesson lesson, UnaryOperator<ExperimentSpec> adjust) {
        Map<String, ExperimentSpec> specs = new LinkedHashMap<>();
        lesson.runs().forEach((alias, preset) -> specs.put(alias, adjust.apply(preset.spec())));
        return specs;
    }

    /** The newest finished run with exactly this spec (seed included) on exactly this data. */
    public static Optional<SavedRun> match(List<SavedRun> saved, ExperimentSpec spec, String dataIdentity) {
        return saved.stream()
                .filter(r -> r.info().status() == RunStatus.FINISHED)
                .filter(r -> spec.equals(r.info().spec()) && dataIdentity.equals(r.info().dataIdentity()))
                .max(java.util.Comparator.comparing(r -> String.valueOf(r.info().createdAt())));
    }
}
