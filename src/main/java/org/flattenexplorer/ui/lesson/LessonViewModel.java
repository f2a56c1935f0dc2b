package org.flattenexplorer.ui.lesson;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.inspect.InspectedModel;
import org.flattenexplorer.lesson.Handout;
import org.flattenexplorer.lesson.Highlight;
import org.flattenexplorer.lesson.Lesson;
import org.flattenexplorer.lesson.LessonFacts;
import org.flattenexplorer.lesson.LessonRuns;
import org.flattenexplorer.lesson.LessonStep;
import org.flattenexplorer.lesson.StepMaterial;
import org.flattenexplorer.lesson.StepMeasurer;
import org.flattenexplorer.lesson.StepView;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.training.SavedRun;
import org.flattenexplorer.ui.hidden.HiddenStatesViewModel;
import org.flattenexplorer.ui.task.TaskExecutor;
import org.flattenexplorer.ui.viewmodel.ExplorerViewModel;
import org.flattenexplorer.ui.viewmodel.RunItem;

/**
 * The guided lesson in the window: which step is on, its title and text (numbers filled in from the runs on
 * screen), the speaker notes, and what the window shows for it. Entering a step puts the window in the step's
 * state (spec, view, overlay, review, highlight); a run the step needs is reused when one with the same spec,
 * seed and data is saved, and trained live otherwise. Leaving restores the user's own spec.
 */
public final class LessonViewModel {
    private final Lesson lesson;
    private final ExplorerViewModel app;
    private final HiddenStatesViewModel hidden;
    private final TaskExecutor executor;
    private final Map<String, ExperimentSpec> specs;
    private final StepMeasurer measurer;

    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notes = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper syntheticNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<StepView> view = new ReadOnlyObjectWrapper<>(StepView.ARCHITECTURE);
    private final ReadOnlyBooleanWrapper controlsShown = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper logShown = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<StepMaterial> material = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty notesShown = new SimpleBooleanProperty(true);

    /** Bumped on every step change: results of an older step's background work are dropped. */
    private long generation;
    /** The step whose missing runs the lesson put in the training queue (-1: none). */
    private long trainingFor = -1;
    private ExperimentSpec userSpec;
    private boolean userFrozen;

    /**
     * @param adjust changes every lesson spec (identity in the app; tiny sizes in tests)
     */
    public LessonViewModel(Lesson lesson, UnaryOperator<ExperimentSpec> adjust, ExplorerViewModel app,
                           HiddenStatesViewModel hidden, TaskExecutor executor) {
        this.lesson = lesson;
        this.app = app;
        this.hidden = hidden;
        this.executor = executor;
        this.specs = LessonRuns.specs(lesson, adjust);
        this.measurer = new StepMeasurer(lesson, specs, app.data()::prepare);
        // A run ended (or data arrived): the current step may now have what it needs.
        app.training().runningProperty().addListener((o, was, running) -> {
            if (!running && active.get()) {
                resolve(generation, step(), trainingFor != generation);
            }
        });
        app.data().hasDataProperty().addListener((o, was, has) -> {
            if (has && active.get()) {
                go(index.get());
            }
        });
    }

    public void start() {
        if (active.get()) {
            return;
        }
        userSpec = app.architecture().spec();
        userFrozen = hidden.frozenProperty().get();
        active.set(true);
        go(0);
    }

    /** Esc: leaves the lesson with the user's own spec back in the architecture panel. */
    public void leave() {
        if (!active.get()) {
            return;
        }
        generation++;
        active.set(false);
        status.set("");
        hidden.highlightProperty().set(Highlight.NONE);
        hidden.frozenProperty().set(userFrozen);
        app.architecture().load(userSpec);
    }

    public void next() {
        if (active.get() && index.get() < lesson.steps().size() - 1) {
            go(index.get() + 1);
        }
    }

    public void back() {
        if (active.get() && index.get() > 0) {
            go(index.get() - 1);
        }
    }

    /** A number key: step {@code i} (0-based), ignored when there is no such step. */
    public void jump(int i) {
        if (active.get() && i >= 0 && i < lesson.steps().size()) {
            go(i);
        }
    }

    private LessonStep step() {
        return lesson.steps().get(index.get());
    }

    /** Puts the window in the step's state at once; its runs and numbers follow from the background. */
    private void go(int i) {
        long gen = ++generation;
        LessonStep step = lesson.steps().get(i);
        index.set(i);
        LessonFacts none = new LessonFacts();
        title.set(none.fill(step.title()));
        text.set(none.fill(step.text()));
        notes.set(none.fill(step.notes()));
        material.set(null);
        syntheticNote.set(app.data().synthetic() && step.quotesRuns() ? lesson.syntheticNote() : "");
        controlsShown.set(step.showControls());
        logShown.set(step.showLog());
        step.specAlias().ifPresent(alias -> app.architecture().load(specs.get(alias)));
        hidden.highlightProperty().set(step.highlight());
        view.set(step.view());
        if (!app.data().hasDataProperty().get()) {
            status.set("Choose the reviews first: the IMDB download, an aclImdb folder or the synthetic reviews.");
            return;
        }
        resolve(gen, step, true);
    }

    /** Finds the step's runs among the saved ones (off the UI thread), trains the missing ones, then shows them. */
    private void resolve(long gen, LessonStep step, boolean mayTrain) {
        if (gen != generation || !app.data().hasDataProperty().get()) {
            return;
        }
        List<SavedRun> saved = app.runs().runs().stream().map(RunItem::run).toList();
        status.set(step.runs().isEmpty() ? "" : "Looking for saved runs of this step...");
        executor.io(() -> {
            try {
                Map<String, SavedRun> found = new LinkedHashMap<>();
                List<ExperimentSpec> missing = new ArrayList<>();
                for (String alias : lesson.runs().keySet()) {
                    ExperimentSpec spec = specs.get(alias);
                    PreparedDataset data = app.data().prepare(spec.data());
                    LessonRuns.match(saved, spec, data.identity()).ifPresentOrElse(run -> found.put(alias, run), () -> {
                        if (step.runs().contains(alias)) {
                            missing.add(spec);
                        }
                    });
                }
                if (!missing.isEmpty()) {
                    executor.ui(() -> trainMissing(gen, missing, mayTrain));
                    return;
                }
                StepMaterial m = measurer.measure(step, found);
                List<InspectedModel> models = step.view().inspectsReview()
                        ? step.runs().stream().map(a -> measurer.model(found.get(a))).toList() : List.of();
                PreparedDataset shown = step.runs().isEmpty() ? null : measurer.dataset(step.runs().get(0));
                executor.ui(() -> show(gen, m, models, shown));
            } catch (RuntimeException e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                executor.ui(() -> {
                    if (gen == generation) {
                        status.set("This step cannot be shown: " + why);
                    }
                });
            }
        });
    }

    private void trainMissing(long gen, List<ExperimentSpec> missing, boolean mayTrain) {
        if (gen != generation) {
            return;
        }
        if (app.training().runningProperty().get()) {
            status.set("Waiting for the run in progress to finish (Esc leaves the lesson, then Esc stops the run)...");
            return;
        }
        if (!mayTrain) {
            status.set("The run did not finish (" + app.training().progressTextProperty().get()
                    + "). Press the step's number to try again, or go on with Right.");
            return;
        }
        trainingFor = gen;
        view.set(StepView.TRAINING);
        String what = missing.stream().map(ExperimentSpec::describe).reduce((a, b) -> a + "; " + b).orElse("");
        status.set("Training live, as no saved run matches: " + what);
        app.training().trainAll(missing, null);
    }

    private void show(long gen, StepMaterial m, List<InspectedModel> models, PreparedDataset data) {
        if (gen != generation) {
            return;
        }
        LessonStep step = m.step();
        material.set(m);
        title.set(m.title());
        text.set(m.text());
        notes.set(m.notes());
        status.set("");
        view.set(step.view());
        if (m.vocabulary() > 0) {
            app.architecture().vocabularySizeProperty().set(m.vocabulary()); // the summary's Embedding row
        }
        List<SavedRun> runs = step.runs().stream().map(m.runs()::get).toList();
        switch (step.view()) {
            case ARCHITECTURE -> { }
            case TRAINING -> app.training().replay(runs.get(0));
            case COMPARE, SUMMARY -> {
                app.runs().metricProperty().set(step.metric());
                app.runs().tickOnly(runs);
            }
            case HIDDEN_STATES, CONTRIBUTIONS, SIDE_BY_SIDE -> {
                // a run of an earlier step still training must not replace the step's model at its epoch ends
                hidden.frozenProperty().set(true);
                hidden.datasetProperty().set(data);
                hidden.modelProperty().set(models.get(0));
                hidden.compareModelProperty().set(models.size() > 1 ? models.get(1) : null);
                if (m.reviewRow() >= 0) {
                    hidden.showTokens(data.validation().tokens()[m.reviewRow()],
                            data.validation().reviews().get(m.reviewRow()).text());
                }
                if (step.animate()) {
                    hidden.requestPlay();
                }
            }
        }
    }

    /**
     * Writes the handout: every step measured with the lesson's runs (missing ones are trained first, live),
     * then one HTML file; {@code done} gets a sentence for the status line.
     */
    public void exportHandout(Path file, java.util.function.Consumer<String> done) {
        List<SavedRun> saved = app.runs().runs().stream().map(RunItem::run).toList();
        status.set("Writing the handout...");
        executor.io(() -> {
            try {
                Map<String, SavedRun> found = new LinkedHashMap<>();
                List<ExperimentSpec> missing = new ArrayList<>();
                String source = "";
                for (String alias : lesson.usedRuns()) {
                    ExperimentSpec spec = specs.get(alias);
                    PreparedDataset data = app.data().prepare(spec.data());
                    source = data.source();
                    LessonRuns.match(saved, spec, data.identity()).ifPresentOrElse(run -> found.put(alias, run),
                            () -> missing.add(spec));
                }
                if (!missing.isEmpty()) {
                    executor.ui(() -> {
                        status.set("Training the lesson's " + missing.size() + " missing run(s) for the handout...");
                        app.training().trainAll(missing, runs -> exportHandout(file, done));
                    });
                    return;
                }
                List<StepMaterial> steps = lesson.steps().stream().map(s -> measurer.measure(s, found)).toList();
                Handout.write(Handout.html(lesson, steps, List.copyOf(found.values()), source,
                        app.data().synthetic()), file);
                executor.ui(() -> {
                    status.set("");
                    done.accept("Wrote the lesson's handout to " + file);
                });
            } catch (RuntimeException e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                executor.ui(() -> {
                    status.set("");
                    done.accept("Could not write the handout: " + why);
                });
            }
        });
    }

    public Lesson lesson() { return lesson; }
    public int stepCount() { return lesson.steps().size(); }
    public ExperimentSpec spec(String alias) { return specs.get(alias); }
    public ReadOnlyBooleanProperty activeProperty() { return active.getReadOnlyProperty(); }
    public ReadOnlyIntegerProperty indexProperty() { return index.getReadOnlyProperty(); }
    public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }
    public ReadOnlyStringProperty textProperty() { return text.getReadOnlyProperty(); }
    public ReadOnlyStringProperty notesProperty() { return notes.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyStringProperty syntheticNoteProperty() { return syntheticNote.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<StepView> viewProperty() { return view.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty controlsShownProperty() { return controlsShown.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty logShownProperty() { return logShown.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<StepMaterial> materialProperty() { return material.getReadOnlyProperty(); }
    public BooleanProperty notesShownProperty() { return notesShown; }
}
