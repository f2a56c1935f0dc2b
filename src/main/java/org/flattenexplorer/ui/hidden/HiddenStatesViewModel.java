package org.flattenexplorer.ui.hidden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.inspect.EncodedReview;
import org.flattenexplorer.inspect.Explanation;
import org.flattenexplorer.inspect.InspectedModel;
import org.flattenexplorer.inspect.Inspection;
import org.flattenexplorer.inspect.InspectionCsv;
import org.flattenexplorer.inspect.InspectionImageRenderer;
import org.flattenexplorer.inspect.ReviewWarning;
import org.flattenexplorer.lesson.Highlight;
import org.flattenexplorer.model.Preset;
import org.flattenexplorer.training.Failures;
import org.flattenexplorer.training.SavedRun;
import org.flattenexplorer.training.TrainingEvent;
import org.flattenexplorer.training.TrainingListener;
import org.flattenexplorer.training.TrainingRun;
import org.flattenexplorer.ui.task.TaskExecutor;

/**
 * State of the "Hidden states" pane: which model and review are shown, their {@link Inspection}, the second
 * model of the side-by-side view, the flatten animation's position, and whether live updates are frozen.
 * Probing runs on a background executor; results are applied on the UI executor (the FX thread in the app,
 * the calling thread in tests). Only the newest request's result is applied.
 */
public final class HiddenStatesViewModel {
    private final Executor background;
    private final Executor ui;
    private final AtomicLong generation = new AtomicLong();

    private final ObjectProperty<InspectedModel> model = new SimpleObjectProperty<>(this, "model");
    private final ObjectProperty<InspectedModel> compareModel = new SimpleObjectProperty<>(this, "compareModel");
    private final ObjectProperty<PreparedDataset> dataset = new SimpleObjectProperty<>(this, "dataset");
    private final ReadOnlyObjectWrapper<String> reviewText = new ReadOnlyObjectWrapper<>(this, "reviewText");
    private final ReadOnlyObjectWrapper<int[]> reviewTokens = new ReadOnlyObjectWrapper<>(this, "reviewTokens");
    private final ReadOnlyObjectWrapper<Inspection> inspection = new ReadOnlyObjectWrapper<>(this, "inspection");
    private final ReadOnlyObjectWrapper<Inspection> compareInspection = new ReadOnlyObjectWrapper<>(this, "compare");
    private final BooleanProperty frozen = new SimpleBooleanProperty(this, "frozen");
    /** Whether the views are on screen: copying and probing the training network is skipped while they are not. */
    private volatile boolean following = true;
    private final ReadOnlyBooleanWrapper shown = new ReadOnlyBooleanWrapper(true);
    private final ObjectProperty<Highlight> highlight = new SimpleObjectProperty<>(this, "highlight", Highlight.NONE);
    private final IntegerProperty playRequests = new SimpleIntegerProperty(this, "playRequests");
    private final IntegerProperty playIndex = new SimpleIntegerProperty(this, "playIndex", Integer.MAX_VALUE);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Pick a review.");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ReadOnlyDoubleWrapper lastUpdateMillis = new ReadOnlyDoubleWrapper(this, "lastUpdateMillis", Double.NaN);
    private final ObservableList<Explanation.Evidence> runs = FXCollections.observableArrayList();
    private Consumer<Preset> runPreset = p -> { };
    private Consumer<Explanation.Evidence> openRun = r -> { };

    /** For the app: loads and probes through the app's task executor, results on the FX thread. */
    public HiddenStatesViewModel(TaskExecutor executor) {
        this(executor::io, executor::ui);
    }

    /** For tests: {@code Runnable::run} twice makes every request synchronous. */
    public HiddenStatesViewModel(Executor background, Executor ui) {
        this.background = background;
        this.ui = ui;
        model.addListener((o, a, b) -> refresh());
        compareModel.addListener((o, a, b) -> refresh());
    }

    public ObjectProperty<InspectedModel> modelProperty() { return model; }
    public ObjectProperty<InspectedModel> compareModelProperty() { return compareModel; }
    public ObjectProperty<PreparedDataset> datasetProperty() { return dataset; }
    public ReadOnlyObjectProperty<Inspection> inspectionProperty() { return inspection.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Inspection> compareInspectionProperty() { return compareInspection.getReadOnlyProperty(); }
    public BooleanProperty frozenProperty() { return frozen; }

    /**
     * The host says whether the views are on screen (a hidden tab needs no copy of the network per epoch, and its
     * review picker no filtering or predictions while a run starts). Called on the UI thread.
     */
    public void setFollowing(boolean shown) {
        following = shown;
        this.shown.set(shown);
    }

    /** Whether the views are on screen ({@link #setFollowing}). */
    public ReadOnlyBooleanProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }
    /** The rows the heatmaps frame for a lesson step (padding, words, the row a last-state model reads). */
    public ObjectProperty<Highlight> highlightProperty() { return highlight; }
    /** Counts requests to play the flatten animation from the start (the lesson asks; the view plays). */
    public IntegerProperty playRequestsProperty() { return playRequests; }

    public void requestPlay() {
        playRequests.set(playRequests.get() + 1);
    }
    /** Flatten animation: how many entries of the flattened vector are unrolled (0..T*U). */
    public IntegerProperty playIndexProperty() { return playIndex; }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    /**
     * A problem or warning in full (a run that cannot be inspected, a review with no known word), shown wrapped
     * above the views, not squeezed into the status line; empty when there is none.
     */
    public ReadOnlyStringProperty noticeProperty() { return notice.getReadOnlyProperty(); }
    /** Milliseconds from the last request to the views having drawn its result (probe + draw). */
    public ReadOnlyDoubleProperty lastUpdateMillisProperty() { return lastUpdateMillis.getReadOnlyProperty(); }
    /** The runs the Explain panel quotes, newest first; the host keeps it in sync with its run list. */
    public ObservableList<Explanation.Evidence> runs() { return runs; }

    public Inspection getInspection() { return inspection.get(); }

    /** What the Explain panel's buttons do; supplied by the host window. */
    public void setActions(Consumer<Preset> runPreset, Consumer<Explanation.Evidence> openRun) {
        this.runPreset = runPreset;
        this.openRun = openRun;
    }

    public void runPreset(Preset preset) { runPreset.accept(preset); }
    public void openRun(Explanation.Evidence run) { openRun.accept(run); }

    public List<Explanation.Claim> explanation() {
        return Explanation.build(List.copyOf(runs));
    }

    /** Says why nothing new is shown (e.g. a run folder that cannot be read), in full. */
    public void showProblem(String message) {
        status.set("Nothing new to show (see the message below)");
        notice.set(message);
    }

    /** Shows the user's own text under the current model(s). */
    /**
     * Shows a saved run: its model and the reviews it was trained on ({@code reviews} prepares them; null when
     * there are none), loaded off the UI thread.
     */
    public void showRun(SavedRun run, Function<SavedRun, PreparedDataset> reviews) {
        background.execute(() -> {
            try {
                InspectedModel loaded = InspectedModel.of(run);
                PreparedDataset data = reviews.apply(run);
                ui.execute(() -> {
                    model.set(loaded);
                    if (data != null) {
                        dataset.set(data);
                    }
                });
            } catch (RuntimeException | OutOfMemoryError e) {
                ui.execute(() -> showProblem("Cannot inspect this run: " + Failures.explain(e)));
            }
        });
    }

    /**
     * The reviews in use, encoded for the model shown (an imported model's own tokenizer), prepared off the UI
     * thread; the first validation review is shown.
     */
    public void showReviewsUnder(java.util.function.Supplier<PreparedDataset> reviews) {
        background.execute(() -> {
            try {
                PreparedDataset data = reviews.get();
                ui.execute(() -> {
                    dataset.set(data);
                    if (data.validation().size() > 0) {
                        showTokens(data.validation().tokens()[0], data.validation().reviews().get(0).text());
                    }
                });
            } catch (RuntimeException | OutOfMemoryError e) {
                ui.execute(() -> showProblem("The reviews in use cannot be shown under this model: "
                        + Failures.explain(e) + " (type a review under Inspect my text)"));
            }
        });
    }

    /** The second run of the side-by-side view (null: none), loaded off the UI thread. */
    public void compareWith(SavedRun run) {
        if (run == null) {
            compareModel.set(null);
            return;
        }
        background.execute(() -> {
            try {
                InspectedModel loaded = InspectedModel.of(run);
                ui.execute(() -> compareModel.set(loaded));
            } catch (RuntimeException | OutOfMemoryError e) {
                ui.execute(() -> showProblem("Cannot compare with this run: " + Failures.explain(e)));
            }
        });
    }

    public void showText(String text) {
        reviewText.set(text);
        reviewTokens.set(null);
        refresh();
    }

    /** Shows row {@code row} of a split of the dataset (padded tokens as the model was trained on). */
    public void showTokens(int[] paddedTokens, String text) {
        reviewText.set(text);
        reviewTokens.set(paddedTokens.clone());
        refresh();
    }

    /** Probes the current review under the current model(s) off the UI thread. */
    public void refresh() {
        InspectedModel m = model.get();
        InspectedModel c = compareModel.get();
        String text = reviewText.get();
        int[] tokens = reviewTokens.get();
        if (m == null || text == null) {
            return;
        }
        long request = System.nanoTime();
        long id = generation.incrementAndGet();
        status.set("Probing " + m.name() + "...");
        background.execute(() -> {
            try {
                Inspection main = m.inspect(encode(m, text, tokens));
                Inspection other = c == null ? null : c.inspect(c.encode(text));
                ui.execute(() -> apply(id, request, main, other));
            } catch (RuntimeException | OutOfMemoryError e) {
                ui.execute(() -> showProblem("Could not probe the review: " + Failures.explain(e)));
            }
        });
    }

    private static EncodedReview encode(InspectedModel m, String text, int[] tokens) {
        return tokens != null && tokens.length == m.spec().data().maxlen()
                ? EncodedReview.ofTokens(tokens, m.vocabulary()) : m.encode(text);
    }

    private void apply(long id, long request, Inspection main, Inspection other) {
        if (id != generation.get()) {
            return; // a newer request is on its way
        }
        compareInspection.set(other);
        inspection.set(main);
        if (playIndex.get() > main.timeSteps() * main.units()) {
            playIndex.set(main.timeSteps() * main.units());
        }
        lastUpdateMillis.set((System.nanoTime() - request) / 1e6);
        notice.set(ReviewWarning.of(reviewText.get(), main.review()).map(w -> "Note: " + w).orElse(""));
        status.set(String.format(Locale.ROOT, "%s: P(positive) = %.3f; probe %.0f ms, probe + draw %.0f ms",
                main.modelName(), main.readout().probability(), main.probeNanos() / 1e6, lastUpdateMillis.get()));
    }

    /**
     * A listener for a run being trained: at each epoch end (on the training thread, where the network may be
     * read) it copies the network and, unless frozen, probes the chosen review with the copy; the copy then
     * serves later review picks while training goes on.
     */
    public TrainingListener liveListener(String name, TrainingRun run) {
        return event -> {
            if (!(event instanceof TrainingEvent.EpochEnd end) || frozen.get() || !following) {
                return;
            }
            InspectedModel snapshot = InspectedModel.snapshot(name + " (epoch " + end.metrics().epoch() + ")", run);
            ui.execute(() -> model.set(snapshot));
        };
    }

    /** Scores a split with the current model off the UI thread (for the picker's right/wrong filter). */
    public void predict(org.flattenexplorer.data.EncodedSplit split, Consumer<float[]> done) {
        InspectedModel m = model.get();
        if (m == null || split == null || split.size() == 0 || split.maxlen() != m.spec().data().maxlen()) {
            done.accept(null);
            return;
        }
        background.execute(() -> {
            float[] p;
            try {
                p = m.predict(split);
            } catch (RuntimeException | OutOfMemoryError e) {
                ui.execute(() -> {
                    showProblem("Could not score the reviews with " + m.name() + ": " + Failures.explain(e));
                    done.accept(null);
                });
                return;
            }
            ui.execute(() -> done.accept(p));
        });
    }

    public void exportPng(Path file) {
        Inspection in = requireInspection();
        InspectionImageRenderer.writePng(in, file);
    }

    public void exportCsv(Path file) {
        Inspection in = requireInspection();
        try {
            Files.writeString(file, InspectionCsv.write(in), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private Inspection requireInspection() {
        if (inspection.get() == null) {
            throw new IllegalStateException("no review is shown yet");
        }
        return inspection.get();
    }
}
