package org.flattenexplorer.selftest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.flattenexplorer.data.DataLocator;
import org.flattenexplorer.data.DatasetPreparer;
import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Preset;
import org.flattenexplorer.training.EpochMetrics;
import org.flattenexplorer.training.RunResult;
import org.flattenexplorer.training.RunStore;
import org.flattenexplorer.training.TrainingRun;
import org.flattenexplorer.training.TrainingWarmUp;
import org.flattenexplorer.ui.AppServices;
import org.flattenexplorer.ui.FlattenExplorerApp;
import org.flattenexplorer.ui.MainView;
import org.flattenexplorer.ui.UiCompilation;
import org.flattenexplorer.ui.WindowWarmUps;
import org.flattenexplorer.ui.task.FxTaskExecutor;
import org.flattenexplorer.ui.viewmodel.ExplorerViewModel;
import org.flattenexplorer.ui.viewmodel.UiSettings;

/**
 * One side of {@code bench --window}, run in its own JVM: the question's workload trained in the real window on
 * the current display, through the Train button's path, with the live charts, the log, the progress and the
 * Hidden states tab updating as a user sees them ({@code --window-bench}); or the same workload headless
 * ({@code --window-bench --headless}); each after the app's warm-ups unless {@code --cold}. Prints one JSON line:
 * the epochs' seconds, and for the window the frames it drew while training (a scene pulse listener), how long the
 * UI thread kept a click or a frame waiting ({@link UiStallProbe}) and the time from pressing Train to the first
 * batch point on the chart. Nothing in it asks for frames: an earlier version timed the gaps between frames with an
 * AnimationTimer, which made JavaFX run a pulse 60 times a second for the whole run (about 2,500 in the two window
 * runs, against about 200 without it).
 */
public final class WindowBench {
    private static final long TIMEOUT_S = 1800;

    private WindowBench() {}

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            int epochs = Integer.parseInt(option(args, "--epochs").orElse("4"));
            ExperimentSpec spec = Preset.QUESTION_FLATTEN.spec().toBuilder().epochs(epochs).testSize(0).build();
            Optional<Path> folder = option(args, "--data").map(Path::of);
            boolean warm = !args.contains("--cold");
            ObjectNode result;
            if (args.contains("--headless")) {
                result = headless(spec, folder, warm);
            } else {
                String problem = StartupChecks.windowProblem(System.getProperties(), System.getenv());
                if (problem != null) {
                    throw new StartupProblem(problem);
                }
                Platform.startup(() -> { });
                Platform.setImplicitExit(false);
                result = window(spec, folder, out, warm);
                Platform.exit();
            }
            out.println(new ObjectMapper().writeValueAsString(result));
            return 0;
        } catch (Throwable e) {
            err.println("window bench failed: " + StartupChecks.explain(e));
            return 1;
        }
    }

    /**
     * The headless side; {@code warm}: the app's training warm-up first ({@link TrainingWarmUp}, as the window runs
     * it when it opens), so both sides time a JVM that has compiled the training code.
     */
    static ObjectNode headless(ExperimentSpec spec, Optional<Path> folder, boolean warm) {
        PreparedDataset data = folder.map(f -> DatasetPreparer.fromFolder(f, spec.data()))
                .orElseGet(() -> DatasetPreparer.synthetic(spec.data()));
        if (warm) {
            TrainingWarmUp.run(() -> false);
        }
        long start = System.nanoTime();
        long[] firstBatch = {0};
        RunResult result = new TrainingRun(spec, data).run(event -> {
            if (firstBatch[0] == 0 && event instanceof org.flattenexplorer.training.TrainingEvent.BatchEnd) {
                firstBatch[0] = System.nanoTime();
            }
        });
        ObjectNode json = new ObjectMapper().createObjectNode();
        json.put("mode", "headless");
        json.put("warm_up", warm);
        epochs(json, result.epochs());
        json.put("first_point_s", (firstBatch[0] - start) / 1e9);
        return json;
    }

    /**
     * Trains in a new window; JavaFX must be running. Call it off the FX thread: it waits for the run. {@code warm}:
     * Train is pressed after the warm-ups the app runs when its window opens ({@link WindowWarmUps}, on the training
     * thread), as for a user who has looked at the window for a few seconds;
     * otherwise at once, in a window whose code is still being compiled.
     */
    static ObjectNode window(ExperimentSpec spec, Optional<Path> folder, PrintStream out, boolean warm) throws Exception {
        UiCompilation.keepDrawingCodeOffC2(); // as the app does when it starts
        Path scratch = Files.createTempDirectory("flatten-window-bench");
        FxTaskExecutor executor = new FxTaskExecutor();
        CompletableFuture<MainView> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                AppServices services = new AppServices(new RunStore(scratch.resolve("runs")), UiSettings.inMemory(),
                        executor, null, DataLocator.system(), Optional.empty(), scratch.resolve("data"));
                MainView view = new MainView(services);
                Rectangle2D screen = Screen.getPrimary().getVisualBounds();
                Scene scene = new Scene(view, Math.min(1560, screen.getWidth()), Math.min(960, screen.getHeight()));
                Stage stage = new Stage();
                stage.setTitle(FlattenExplorerApp.TITLE + " - window benchmark");
                stage.setScene(scene);
                view.start(scene, stage);
                stage.show();
                shown.complete(view);
            } catch (Throwable e) {
                shown.completeExceptionally(e);
            }
        });
        MainView view = shown.get(120, TimeUnit.SECONDS);
        ExplorerViewModel app = view.viewModel();

        // The reviews are chosen before Train is pressed and the window prepares them ahead, as for a user who
        // has loaded the data: the bench waits until the summary shows their vocabulary (the app's own path).
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Platform.runLater(() -> {
            folder.ifPresentOrElse(app.data()::chooseFolder, app.data()::useSynthetic);
            app.architecture().load(spec);
        });
        waitFor(() -> app.data().hasDataProperty().get(), 60, "find the reviews");
        PreparedDataset data = app.data().prepare(spec.data());
        int vocabulary = data.vocabulary().inputDim();
        waitFor(() -> app.architecture().vocabularySizeProperty().get() == vocabulary, 60,
                "show the prepared vocabulary in its summary");
        out.println("window benchmark: " + spec.describe() + " on " + data.source() + ", " + spec.training().epochs()
                + " epochs" + (warm ? ", after the window's warm-ups" : ", Train pressed at once"));
        if (warm) {
            CompletableFuture<Void> warmed = new CompletableFuture<>();
            executor.training(() -> {
                try {
                    WindowWarmUps.run(() -> false);
                } finally {
                    warmed.complete(null);
                }
            });
            warmed.get(300, TimeUnit.SECONDS);
        }

        long[] firstPoint = {0};
        long[] pressed = {0};
        double[] uiCpuAtStart = {0};
        int[] pulses = {0};
        UiStallProbe stalls = new UiStallProbe();
        CompletableFuture<List<EpochMetrics>> done = new CompletableFuture<>();
        // counts the frames the window drew while training; unlike an AnimationTimer it asks for none
        Runnable pulseCounter = () -> pulses[0]++;
        Platform.runLater(() -> {
            app.training().batchLosses().addListener((ListChangeListener<Object>) c -> {
                if (firstPoint[0] == 0 && !app.training().batchLosses().isEmpty()) {
                    firstPoint[0] = System.nanoTime();
                }
            });
            app.training().runningProperty().addListener((o, was, running) -> {
                if (!running) {
                    stalls.stop();
                    view.getScene().removePostLayoutPulseListener(pulseCounter);
                    done.complete(List.copyOf(app.training().epochs()));
                }
            });
            view.getScene().addPostLayoutPulseListener(pulseCounter);
            stalls.start();
            uiCpuAtStart[0] = uiCpuSeconds();
            pressed[0] = System.nanoTime();
            app.trainCurrent(); // what Train and Ctrl+Enter do
            ready.complete(null);
        });
        ready.get(30, TimeUnit.SECONDS);
        List<EpochMetrics> epochs = done.get(TIMEOUT_S, TimeUnit.SECONDS);
        if (epochs.size() != spec.training().epochs()) {
            throw new IllegalStateException("the window trained " + epochs.size() + " of " + spec.training().epochs()
                    + " epochs: " + app.training().progressTextProperty().get());
        }
        Platform.runLater(() -> {
            executor.shutdown();
            view.getScene().getWindow().hide();
        });

        ObjectNode json = new ObjectMapper().createObjectNode();
        json.put("mode", "window");
        json.put("warm_up", warm);
        epochs(json, epochs);
        // the UI's own CPU (FX thread and Prism's renderer) per epoch: what it takes from training on a small machine
        json.put("ui_cpu_s_per_epoch", (uiCpuSeconds() - uiCpuAtStart[0]) / epochs.size());
        json.put("first_point_s", firstPoint[0] == 0 ? Double.NaN : (firstPoint[0] - pressed[0]) / 1e9);
        json.put("frames", pulses[0]);
        json.put("worst_frame_ms", stalls.worstMillis());
        json.put("worst_frame_at_s", stalls.worstAtSeconds());
        json.put("p99_frame_ms", stalls.percentileMillis(0.99));
        return json;
    }

    /** CPU seconds used so far by the JavaFX application thread and Prism's render thread. */
    private static double uiCpuSeconds() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        double seconds = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("JavaFX Application Thread") || t.getName().startsWith("QuantumRenderer")) {
                long nanos = mx.getThreadCpuTime(t.getId());
                seconds += nanos < 0 ? 0 : nanos / 1e9;
            }
        }
        return seconds;
    }

    /** Each epoch's seconds (training and validation) and metrics, and the median of all but the first (the warm-up). */
    private static void epochs(ObjectNode json, List<EpochMetrics> epochs) {
        ArrayNode metrics = json.putArray("metrics");
        for (EpochMetrics m : epochs) {
            metrics.addObject().put("loss", m.loss()).put("accuracy", m.accuracy()).put("val_loss", m.valLoss())
                    .put("val_accuracy", m.valAccuracy());
        }
        ArrayNode seconds = json.putArray("epoch_s");
        List<Double> timed = new ArrayList<>();
        for (int i = 0; i < epochs.size(); i++) {
            seconds.add(epochs.get(i).seconds());
            if (i > 0) {
                timed.add(epochs.get(i).seconds());
            }
        }
        Collections.sort(timed);
        json.put("epoch_s_median", timed.isEmpty() ? Double.NaN : timed.size() % 2 == 1 ? timed.get(timed.size() / 2)
                : (timed.get(timed.size() / 2 - 1) + timed.get(timed.size() / 2)) / 2);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, int seconds, String what)
            throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("the window did not " + what + " within " + seconds + " s");
            }
            Thread.sleep(50);
        }
    }

    private static Optional<String> option(List<String> args, String name) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? Optional.of(args.get(i + 1)) : Optional.empty();
    }
}
