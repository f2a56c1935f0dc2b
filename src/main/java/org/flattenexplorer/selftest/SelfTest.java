package org.flattenexplorer.selftest;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Preset;
import org.flattenexplorer.model.lstm.FastLstmRuntime;
import org.flattenexplorer.training.KerasLog;
import org.flattenexplorer.training.RunResult;
import org.flattenexplorer.training.RunStore;
import org.flattenexplorer.training.SavedRun;
import org.flattenexplorer.training.TrainingEvent;
import org.flattenexplorer.training.TrainingRun;
import org.flattenexplorer.ui.AppServices;
import org.flattenexplorer.ui.FlattenExplorerApp;
import org.flattenexplorer.ui.MainView;
import org.flattenexplorer.ui.task.FxTaskExecutor;
import org.flattenexplorer.ui.viewmodel.ExplorerViewModel;
import org.flattenexplorer.ui.viewmodel.UiSettings;

/**
 * {@code flatten-explorer --self-test}: the installer's smoke test. Starts JavaFX and shows a window, loads the
 * synthetic set, trains one short epoch of a shrunken question model on a background thread, the way the
 * window's Train button does (TrainingRun, events handed to the FX thread), prints Keras's progress lines and
 * exits 0. Any failure prints {@code self-test failed: <reason>} and exits 1. It catches a broken launcher, a
 * module missing from the trimmed runtime, and a native library (JavaFX, ND4J, OpenBLAS) that does not load.
 *
 * <p>Options: {@code --timeout SECONDS} (default 300), {@code --hold SECONDS} (keep the window open at the
 * end, for a screenshot) and {@code --native-cache DIR} (unpack the native libraries there; see {@link Startup}).
 */
public final class SelfTest {
    /** Set by the installer's launcher to its --add-modules list; the self-test checks each is there. */
    public static final String MODULES_PROPERTY = "flatten.runtime.modules";
    private final PrintStream out;
    private final PrintStream err;
    private volatile String step = "starting";
    private Stage stage;
    private MainView window;
    private FxTaskExecutor executor;
    private RunStore store;
    private volatile TrainingRun trainingRun;

    private SelfTest(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The spec the self-test trains: the question's Flatten model, shrunk to a few seconds. */
    public static ExperimentSpec spec() {
        return Preset.QUESTION_FLATTEN.spec().toBuilder()
                .maxlen(100).units(16).embedding(16)
                .trainSize(64).valSize(32).testSize(32).epochs(1)
                .build();
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        int timeout = intOption(args, "--timeout", 300);
        int hold = intOption(args, "--hold", 0);
        SelfTest t = new SelfTest(out, err);
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(timeout * 1000L);
                err.println("self-test failed: timed out after " + timeout + " s while " + t.step);
                err.flush();
                Runtime.getRuntime().halt(1);
            } catch (InterruptedException e) {
                // finished in time
            }
        }, "self-test-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            t.runChecked(hold);
            out.println("self-test passed");
            return 0;
        } catch (Throwable e) {
            err.println("self-test failed: " + StartupChecks.explain(e));
            if (!StartupChecks.recognised(e)) {
                err.println("details (for a bug report):");
                e.printStackTrace(err);
            }
            return 1;
        } finally {
            watchdog.interrupt();
            out.flush();
            err.flush();
        }
    }

    private void runChecked(int hold) throws Exception {
        long start = System.nanoTime();
        out.println("Flatten Explorer self-test: Java " + System.getProperty("java.version") + " ("
                + System.getProperty("java.home") + "), " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
        out.println("native cache: " + System.getProperty(NativeCache.JAVACPP_PROPERTY) + " (ND4J), "
                + System.getProperty(NativeCache.JAVAFX_PROPERTY, "~/.openjfx/cache") + " (JavaFX)");

        step = "checking the bundled runtime's modules";
        checkModules(System.getProperty(MODULES_PROPERTY));

        step = "checking the display, fonts and GTK";
        String problem = StartupChecks.windowProblem(System.getProperties(), System.getenv());
        if (problem != null) {
            throw new StartupProblem(problem);
        }

        step = "starting JavaFX";
        startJavaFx();
        step = "opening the window";
        showWindow();
        out.println(String.format(Locale.ROOT, "window shown (%.1f s)", seconds(start)));

        step = "training";
        RunResult result = train();
        out.println(String.format(Locale.ROOT, "test_accuracy: %.4f", result.testAccuracy()));
        if (result.epochs().size() != 1 || !Double.isFinite(result.epochs().get(0).loss())) {
            throw new IllegalStateException("training finished without one finite epoch: " + result.epochs());
        }

        step = "reloading the saved run";
        checkSavedRun();

        if (hold > 0) {
            step = "holding the window open";
            Thread.sleep(hold * 1000L);
        }
        step = "closing the window";
        CountDownLatch closed = new CountDownLatch(1);
        Platform.runLater(() -> {
            stage.close();
            executor.shutdown();
            closed.countDown();
        });
        closed.await(30, TimeUnit.SECONDS);
        Platform.exit();
        out.println(String.format(Locale.ROOT, "self-test took %.1f s", seconds(start)));
    }

    /** Every module the installer's runtime should hold (set by the installer's launcher), present? */
    static void checkModules(String expected) {
        if (expected == null || expected.isBlank()) {
            return;
        }
        List<String> missing = new java.util.ArrayList<>();
        for (String m : expected.split(",")) {
            if (!m.isBlank() && ModuleLayer.boot().findModule(m.trim()).isEmpty()) {
                missing.add(m.trim());
            }
        }
        if (!missing.isEmpty()) {
            throw new StartupProblem("The bundled Java runtime lacks the module(s) " + missing + " that the "
                    + "installer lists: rebuild the installer (mvn -Pinstaller package); this is a packaging bug.");
        }
    }

    /** The window saved the run (run.json, metrics, model.zip) in its store: read it back, model included. */
    private void checkSavedRun() {
        TrainingRun run = trainingRun;
        RunStore.Listing listing = store.list();
        if (listing.runs().size() != 1) {
            throw new IllegalStateException("the window saved " + listing.runs().size() + " runs, expected 1 "
                    + listing.problems());
        }
        SavedRun loaded = listing.runs().get(0);
        long params = RunStore.loadNetwork(loaded).numParams();
        if (params != run.network().numParams()) {
            throw new IllegalStateException("the reloaded model has " + params + " parameters, expected "
                    + run.network().numParams());
        }
        out.println("run saved by the window and reloaded (" + params + " parameters)");
    }

    private static void startJavaFx() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                Platform.startup(started::countDown);
            } catch (Throwable e) {
                failure.set(e);
                started.countDown();
            }
        }, "javafx-startup");
        t.setDaemon(true);
        t.start();
        if (!started.await(120, TimeUnit.SECONDS)) {
            throw new TimeoutException("JavaFX did not start within 120 s");
        }
        if (failure.get() != null) {
            Throwable e = failure.get();
            throw e instanceof Exception ex ? ex : new IllegalStateException(e.toString(), e);
        }
        Platform.setImplicitExit(false);
    }

    /** The real window, as the app opens it, but with its runs and settings in a temporary folder. */
    private void showWindow() throws Exception {
        java.nio.file.Path scratch = java.nio.file.Files.createTempDirectory("flatten-selftest");
        CompletableFuture<Void> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                executor = new FxTaskExecutor();
                store = new RunStore(scratch.resolve("runs"));
                AppServices services = new AppServices(store,
                        new UiSettings(scratch.resolve("settings.properties")), executor, null,
                        org.flattenexplorer.data.DataLocator.system(), java.util.Optional.empty(),
                        scratch.resolve("data"));
                window = new MainView(services);
                Scene scene = new Scene(window, 1280, 800);
                stage = new Stage();
                stage.setTitle(FlattenExplorerApp.TITLE + " - self-test");
                stage.setScene(scene);
                window.start(scene, stage);
                stage.show();
                if (!stage.isShowing() || stage.getWidth() <= 0) {
                    throw new IllegalStateException("the window did not show");
                }
                shown.complete(null);
            } catch (Throwable e) {
                shown.completeExceptionally(e);
            }
        });
        get(shown, 60);
    }

    /** The Train button's path: the synthetic set in the data panel, the spec in the architecture panel, Train. */
    private RunResult train() throws Exception {
        CompletableFuture<RunResult> done = new CompletableFuture<>();
        ExplorerViewModel app = window.viewModel();
        app.training().observeRuns((run, data) -> {
            trainingRun = run;
            out.println("Training " + run.spec().describe() + " on " + data.source() + " (" + data.train().size()
                    + " train / " + data.validation().size() + " validation reviews)");
            NativeThreads.Measurement threads = NativeThreads.measure();
            out.println(threads.describe());
            out.println(FastLstmRuntime.describeSteps());
            if (threads.measured() && threads.count() > 1) {
                done.completeExceptionally(new IllegalStateException("ND4J's native code ran on " + threads.count()
                        + " threads, expected 1 (FastLstmRuntime.configureNativeSingleThreaded did not apply): "
                        + threads.busyThreads()));
                run.cancel();
            }
            step = "training one epoch";
            return event -> onEvent(event, done);
        });
        fx(() -> {
            step = "loading the synthetic set";
            app.data().useSynthetic();
            app.architecture().load(spec());
            if (!app.architecture().validProperty().get() || !app.data().hasDataProperty().get()) {
                done.completeExceptionally(new IllegalStateException("the window would not train: "
                        + app.architecture().invalidReasonProperty().get()));
                return;
            }
            app.trainCurrent();
        });
        RunResult result = get(done, 0);
        waitUntilIdle(app);
        return result;
    }

    /** The window saves the run after the last event; wait for that before checking the run list. */
    private static void waitUntilIdle(ExplorerViewModel app) throws Exception {
        for (int i = 0; i < 600; i++) {
            CompletableFuture<Boolean> idle = new CompletableFuture<>();
            fx(() -> idle.complete(!app.training().runningProperty().get()));
            if (get(idle, 30)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new TimeoutException("the window did not finish saving the run");
    }

    private void onEvent(TrainingEvent event, CompletableFuture<RunResult> done) {
        // every line of the log kept: the smoke test's output shows the whole run
        KerasLog.write(event, new KerasLog.Sink() {
            @Override
            public void line(String text) {
                out.println(text);
            }

            @Override
            public void progress(String text) {
                out.println(text);
            }
        });
        if (event instanceof TrainingEvent.Finished f) {
            done.complete(f.result());
        } else if (event instanceof TrainingEvent.Cancelled) {
            done.completeExceptionally(new IllegalStateException("training was cancelled"));
        } else if (event instanceof TrainingEvent.Failed f) {
            done.completeExceptionally(new IllegalStateException("training failed: " + f.message(), f.cause()));
        }
    }

    private static void fx(Runnable r) {
        Platform.runLater(r);
    }

    private static <T> T get(CompletableFuture<T> f, int timeoutSeconds) throws Exception {
        try {
            return timeoutSeconds > 0 ? f.get(timeoutSeconds, TimeUnit.SECONDS) : f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof Exception ex ? ex : new IllegalStateException(String.valueOf(c), c);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    static int intOption(List<String> args, String name, int fallback) {
        int i = args.indexOf(name);
        if (i < 0 || i + 1 >= args.size()) {
            return fallback;
        }
        try {
            return Integer.parseInt(args.get(i + 1));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
