package org.flattenexplorer.inspect;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.flattenexplorer.model.Preset;
import org.flattenexplorer.training.RunInfo;
import org.flattenexplorer.training.RunResult;
import org.flattenexplorer.training.RunStatus;
import org.flattenexplorer.training.RunStore;
import org.flattenexplorer.training.SavedRun;
import org.flattenexplorer.training.TrainingFixtures;
import org.flattenexplorer.training.TrainingListener;
import org.flattenexplorer.training.TrainingRun;

/** Tiny synthetic models (200 steps, 16 units) trained once per JVM and shared by the inspect tests. */
public final class InspectFixtures {
    private static final Map<Preset, TrainingRun> RUNS = new ConcurrentHashMap<>();
    private static final Map<Preset, RunResult> RESULTS = new ConcurrentHashMap<>();

    private InspectFixtures() {}

    public static synchronized TrainingRun trained(Preset preset) {
        return RUNS.computeIfAbsent(preset, p -> {
            TrainingRun run = new TrainingRun(TrainingFixtures.small(p, 2), TrainingFixtures.synthetic(TrainingFixtures.small(p, 2)));
            RESULTS.put(p, run.run(TrainingListener.NONE));
            return run;
        });
    }

    public static InspectedModel model(Preset preset) {
        TrainingRun run = trained(preset);
        return new InspectedModel(preset.title(), run.network(), run.spec(), run.data().vocabulary());
    }

    public static EncodedReview validationReview(Preset preset, int row) {
        TrainingRun run = trained(preset);
        return EncodedReview.ofTokens(run.data().validation().tokens()[row], run.data().vocabulary());
    }

    /** Saves the preset's tiny model as a run folder under {@code dir}. */
    public static SavedRun save(Preset preset, Path folder) {
        TrainingRun run = trained(preset);
        RunResult result = RESULTS.get(preset);
        RunInfo info = new RunInfo(preset.title(), RunStatus.FINISHED, RunStore.now(), run.spec(),
                run.data().identity(), run.data().source(), result.testAccuracy(), result.seconds());
        return RunStore.saveTo(folder, info, result, run.network(), run.data().vocabulary());
    }
}
