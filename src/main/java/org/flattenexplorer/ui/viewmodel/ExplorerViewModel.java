package org.flattenexplorer.ui.viewmodel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Preset;
import org.flattenexplorer.training.RunStore;
import org.flattenexplorer.training.SavedRun;
import org.flattenexplorer.training.SeedPlan;
import org.flattenexplorer.ui.task.TaskExecutor;

/**
 * The window's view models wired together: a finished run joins the run list, the reviews are prepared ahead of
 * Train ({@link PrepareAhead}) and their vocabulary sizes the summary's Embedding row, presets and re-runs load the
 * architecture panel and train.
 */
public final class ExplorerViewModel {
    private final ArchitectureViewModel architecture = new ArchitectureViewModel();
    private final DataViewModel data;
    private final RunListViewModel runs;
    private final TrainingViewModel training;
    private final KerasModelViewModel keras;

    public ExplorerViewModel(TaskExecutor executor, RunStore store, UiSettings settings, Path downloadFolder) {
        data = new DataViewModel(executor, settings, downloadFolder);
        runs = new RunListViewModel(store, executor);
        training = new TrainingViewModel(executor, data, store, runs::added,
                vocabulary -> architecture.vocabularySizeProperty().set(vocabulary));
        architecture.availableReviewsProperty().bind(data.availableReviewsProperty());
        keras = new KerasModelViewModel(executor, architecture);
        new PrepareAhead(executor, data, architecture, training);
    }

    /** Trains what the architecture panel shows. */
    public void trainCurrent() {
        if (architecture.validProperty().get() && data.hasDataProperty().get()) {
            training.train(architecture.spec());
        }
    }

    /** One click on a preset: load it into the panel and train it. */
    public void runPreset(Preset preset) {
        if (training.runningProperty().get()) {
            return;
        }
        architecture.load(preset.spec());
        trainCurrent();
    }

    /** Re-runs a saved run's exact spec and seed. */
    public void rerun(SavedRun run) {
        if (training.runningProperty().get()) {
            return;
        }
        architecture.load(run.info().spec());
        if (data.hasDataProperty().get()) {
            training.trainAll(List.of(run.info().spec()), null);
        }
    }

    /** Trains the presets one after another over {@code seeds} seeds, then ticks exactly those runs. */
    public void compareAll(List<Preset> presets, int seeds) {
        if (training.runningProperty().get() || !data.hasDataProperty().get()) {
            return;
        }
        List<ExperimentSpec> specs = plan(presets.stream().map(Preset::spec).toList(), seeds);
        training.trainAll(specs, runs::tickOnly);
    }

    /** Each spec over its seeds ({@link SeedPlan}), every run on the first seed's data split. */
    public static List<ExperimentSpec> plan(List<ExperimentSpec> specs, int seeds) {
        List<ExperimentSpec> plan = new ArrayList<>();
        for (ExperimentSpec spec : specs) {
            plan.addAll(SeedPlan.seeds(spec, seeds));
        }
        return plan;
    }

    /** Trains specs one after another (Compare all with specs of one's own); tests use tiny ones. */
    public void compare(List<ExperimentSpec> specs, int seeds) {
        training.trainAll(plan(specs, seeds), runs::tickOnly);
    }

    public ArchitectureViewModel architecture() { return architecture; }
    public DataViewModel data() { return data; }
    public RunListViewModel runs() { return runs; }
    public TrainingViewModel training() { return training; }
    /** File > Open Keras model. */
    public KerasModelViewModel keras() { return keras; }
}
