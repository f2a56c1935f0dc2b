package org.flattenexplorer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
 * same run, headless, each in its own JVM with the app's settings; reports both epoch medians and their ratio, the
 * UI's worst and 99th-percentile frame while training, and the time from Train to the first point on the chart.
 */
final class WindowBenchCommand {
    private WindowBenchCommand() {}

    static int run(CliOptions o, PrintStream out) {
        int epochs = o.integer("epochs").orElse(4);
        if (epochs < 2 || epochs > 50) {
            throw new CliException("--epochs must be between 2 and 50 (one warm-up + at least 1 timed), got " + epochs);
        }
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            throw new CliException("bench --window needs a display: run it in a desktop session, or under xvfb-run");
        }
        List<String> common = new ArrayList<>(List.of("--epochs", String.valueOf(epochs)));
        if (!o.flag("synthetic")) {
            Path data = DataLocator.locate(o.string("data").map(Path::of)).orElseThrow(() -> new CliException(
                    "no IMDB data found: pass --data DIR (an aclImdb folder), or --synthetic"));
            common.addAll(List.of("--data", data.toString()));
        }
        Path json = o.string("json").map(Path::of).orElse(null);
        o.string("json").ifPresent(file -> OutputCheck.SYSTEM.file("--json", file));
        ObjectMapper mapper = new ObjectMapper();
        out.println("Training the question's workload headless (" + epochs + " epochs)...");
        JsonNode headless = worker(concat(common, "--headless"), mapper);
        out.println("Training it in the window on this display (" + epochs + " epochs)...");
        JsonNode window = worker(common, mapper);

        ObjectNode report = mapper.createObjectNode();
        Provenance provenance = Provenance.of("bench", o);
        report.put("commit", provenance.commit());
        report.put("command", provenance.command());
        double w = window.get("epoch_s_median").asDouble();
        double h = headless.get("epoch_s_median").asDouble();
        report.put("window_epoch_s", w);
        report.put("headless_epoch_s", h);
        report.put("window_to_headless", w / h);
        report.put("worst_frame_ms", window.get("worst_frame_ms").asDouble());
        report.put("p99_frame_ms", window.get("p99_frame_ms").asDouble());
        report.put("frames", window.get("frames").asInt());
        report.put("first_point_s", window.get("first_point_s").asDouble());
        report.put("ui_cpu_s_per_epoch", window.path("ui_cpu_s_per_epoch").asDouble(Double.NaN));
        report.set("window_epoch_s_all", window.get("epoch_s"));
        report.set("headless_epoch_s_all", headless.get("epoch_s"));
        out.println(String.format(Locale.ROOT, "window epoch %.2f s, headless epoch %.2f s: %.2fx; frames while "
                        + "training: worst %.0f ms, 99th percentile %.0f ms; Train to first point %.2f s; the UI's own "
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
