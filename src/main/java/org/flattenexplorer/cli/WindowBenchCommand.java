package org.flattenexplorer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flattenexplorer.data.DataLocator;
import org.flattenexplorer.selftest.Startup;
import org.flattenexplorer.training.OutputCheck;

/**
 * {@code bench --window}: the question's workload trained in the real window on the current display and, in the
 * same run, headless, each in its own JVM with the app's settings, in rounds of headless, window, window, headless
 * ({@code --rounds}, two by default); reports both epoch medians (all epochs but each run's first) and their ratio,
 * the longest and the 99th-percentile wait of the UI thread while training (JSON: worst_frame_ms, p99_frame_ms), the
 * frames drawn, and the time from Train to the first point on the chart (the worst run's). Each JVM first runs
 * the warm-ups the app runs when its window opens (training; the window's charts too), as a user meets the window a
 * few seconds after opening it; {@code --cold} presses Train at once instead, in a window whose code is still being
 * compiled (measured: Java's compilers took ~9% of the machine over its epochs 2-5 against ~3% headless).
 */
final class WindowBenchCommand {
    /** Rounds of headless, window, window, headless: eight JVMs, about three minutes on the question's preset. */
    static final int DEFAULT_ROUNDS = 2;

    private WindowBenchCommand() {}

    static int run(CliOptions o, PrintStream out) {
        // the question's preset trains 7 epochs; the window's JVM also JIT-compiles JavaFX's code over its first ones
        int epochs = o.integer("epochs").orElse(7);
        if (epochs < 2 || epochs > 50) {
            throw new CliException("--epochs must be between 2 and 50 (one warm-up + at least 1 timed), got " + epochs);
        }
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            throw new CliException("bench --window needs a display: run it in a desktop session, or under xvfb-run");
        }
        List<String> common = new ArrayList<>(List.of("--epochs", String.valueOf(epochs)));
        boolean cold = o.flag("cold");
        if (cold) {
            common.add("--cold");
        }
        if (!o.flag("synthetic")) {
            Path data = DataLocator.locate(o.string("data").map(Path::of)).orElseThrow(() -> new CliException(
                    "no IMDB data found: pass --data DIR (an aclImdb folder), or --synthetic"));
            common.addAll(List.of("--data", data.toString()));
        }
        Path json = o.string("json").map(Path::of).orElse(null);
        o.string("json").ifPresent(file -> OutputCheck.SYSTEM.file("--json", file));
        int rounds = o.integer("rounds").orElse(DEFAULT_ROUNDS);
        if (rounds < 1 || rounds > 10) {
            throw new CliException("--rounds must be between 1 and 10, got " + rounds);
        }
        ObjectMapper mapper = new ObjectMapper();
        // rounds of headless, window, window, headless: the machine's speed drifts over minutes (the same headless
        // epoch moved by 15% between runs a few minutes apart, and by 10% between JVMs started one after the other);
        // the order cancels a steady drift between the sides, and more rounds average the rest
        List<JsonNode> headless = new ArrayList<>();
        List<JsonNode> window = new ArrayList<>();
        out.println("Training the question's workload (" + epochs + " epochs) in " + rounds + (rounds == 1 ? " round"
                : " rounds") + " of headless, in the window on this display twice, headless again"
                + (cold ? ", Train pressed at once in fresh JVMs..." : ", each JVM after the app's warm-ups..."));
        for (int round = 0; round < rounds; round++) {
            headless.add(worker(concat(common, "--headless"), mapper));
            window.add(worker(common, mapper));
            window.add(worker(common, mapper));
            headless.add(worker(concat(common, "--headless"), mapper));
        }

        ObjectNode report = mapper.createObjectNode();
        Provenance provenance = Provenance.of("bench", o);
        report.put("commit", provenance.commit());
        report.put("command", provenance.command());
        report.put("warm_up", !cold);
        report.put("rounds", rounds);
        double w = timedMedian(window);
        double h = timedMedian(headless);
        report.put("window_epoch_s", w);
        report.put("headless_epoch_s", h);
        report.put("window_to_headless", w / h);
        report.put("worst_frame_ms", max(window, "worst_frame_ms"));
        // when each window run's worst wait began, seconds after Train
        ArrayNode worstAt = report.putArray("worst_frame_at_s");
        window.forEach(r -> worstAt.add(r.path("worst_frame_at_s").asDouble(Double.NaN)));
        report.put("p99_frame_ms", max(window, "p99_frame_ms"));
        report.put("frames", window.stream().mapToInt(r -> r.get("frames").asInt()).sum());
        report.put("first_point_s", max(window, "first_point_s"));
        report.put("ui_cpu_s_per_epoch", window.stream()
                .mapToDouble(r -> r.path("ui_cpu_s_per_epoch").asDouble(Double.NaN)).average().orElse(Double.NaN));
        ArrayNode windowAll = report.putArray("window_epoch_s_all");
        window.forEach(r -> windowAll.add(r.get("epoch_s")));
        ArrayNode headlessAll = report.putArray("headless_epoch_s_all");
        headless.forEach(r -> headlessAll.add(r.get("epoch_s")));
        out.println(String.format(Locale.ROOT, "window epoch %.2f s, headless epoch %.2f s: %.2fx; the UI thread's "
                        + "waits while training: worst %.0f ms, 99th percentile %.0f ms; Train to first point %.2f s; the UI's own "
                        + "CPU %.2f s an epoch", w, h, w / h,
                report.get("worst_frame_ms").asDouble(), report.get("p99_frame_ms").asDouble(),
                report.get("first_point_s").asDouble(), report.get("ui_cpu_s_per_epoch").asDouble()));
        if (json != null) {
            try {
                Files.createDirectories(json.toAbsolutePath().getParent());
                mapper.enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
                out.println("Wrote " + json);
            } catch (IOException e) {
                throw new CliException("could not write " + json + ": " + e.getMessage());
            }
        }
        return 0;
    }

    /** The median epoch over the runs, each run's first epoch (its warm-up) left out. */
    private static double timedMedian(List<JsonNode> runs) {
        List<Double> timed = new ArrayList<>();
        for (JsonNode r : runs) {
            JsonNode seconds = r.get("epoch_s");
            for (int i = 1; i < seconds.size(); i++) {
                timed.add(seconds.get(i).asDouble());
            }
        }
        return BenchWorker.median(timed);
    }

    /** The worst of the runs' values (frames, first point): what a user may meet. */
    private static double max(List<JsonNode> runs, String key) {
        return runs.stream().mapToDouble(r -> r.get(key).asDouble()).max().orElse(Double.NaN);
    }

    private static List<String> concat(List<String> list, String one) {
        List<String> all = new ArrayList<>(list);
        all.add(one);
        return all;
    }

    /** One side in its own JVM with the app's settings; its last output line is its JSON. */
    private static JsonNode worker(List<String> args, ObjectMapper json) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(BenchCommand.APP_JVM_FLAGS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(org.flattenexplorer.Launcher.class.getName());
        command.add(Startup.WINDOW_BENCH);
        command.addAll(args);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().put("OMP_NUM_THREADS", "1");
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = process.waitFor();
            List<String> lines = output.lines().filter(l -> l.startsWith("{")).toList();
            if (code != 0 || lines.isEmpty()) {
                throw new CliException("the window benchmark failed (exit " + code + ")");
            }
            return json.readTree(lines.get(lines.size() - 1));
        } catch (IOException e) {
            throw new CliException("could not start the benchmark JVM: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("benchmark interrupted");
        }
    }
}
