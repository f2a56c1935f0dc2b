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
import java.util.Set;
import org.flattenexplorer.model.ArchitectureSpec;
import org.flattenexplorer.model.Implementation;
import org.flattenexplorer.model.Preset;

/**
 * {@code bench}: the question's workload (448 train + 200 validation reviews, maxlen 500, 128/128, batch 32,
 * Flatten; model options change it) trained with each LSTM implementation, each in its own JVM with the app's
 * memory settings and one OpenMP thread; the first epoch is a warm-up, the median of the rest is reported, plus
 * peak memory and the hidden-state probe time. Prints the speed-up of the fast LSTM over DL4J's.
 */
final class BenchCommand {
    static final Set<String> OPTIONS = TrainCommand.options("data", "json");

    /** The JVM settings the launcher uses for the app; the benchmark measures the app as users run it. */
    static final List<String> APP_JVM_FLAGS = List.of("-Xmx1g", "-Dorg.bytedeco.javacpp.maxbytes=1500m",
            "-Dorg.bytedeco.javacpp.maxphysicalbytes=3g");

    private BenchCommand() {}

    static int run(CliOptions o, PrintStream out) {
        if (o.flag("window")) {
            return WindowBenchCommand.run(o, out);
        }
        int epochs = o.integer("epochs").orElse(4);
        if (epochs < 4 || epochs > 50) {
            throw new CliException("--epochs must be between 4 and 50 (one warm-up + at least 3 timed), got " + epochs);
        }
        List<Implementation> kinds = o.string("lstm").map(l -> List.of(SpecOptions.implementation(l)))
                .orElse(List.of(Implementation.STOCK, Implementation.FAST));
        ArchitectureSpec workload = SpecOptions.trainable(Preset.QUESTION_FLATTEN.spec(), o).toBuilder()
                .epochs(epochs).testSize(0).build();
        String data = o.string("data").orElse("");
        ObjectMapper json = new ObjectMapper();
        ArrayNode results = json.createArrayNode();
        for (Implementation kind : kinds) {
            out.println("Timing the " + kind.cliName() + " LSTM: " + epochs + " epochs of the question's workload...");
            JsonNode result = runWorker(workload.toBuilder().implementation(kind).build(), data, json);
            results.add(result);
            out.println(String.format(Locale.ROOT, "  %-5s train %.2f s  validation %.2f s  epoch %.2f s  probe %.1f ms  peak RSS %s",
                    kind.cliName(), result.get("train_s_median").asDouble(), result.get("val_s_median").asDouble(),
                    epochSeconds(result), result.get("probe_ms_median").asDouble(),
                    result.get("peak_rss_mb").isNull() ? "n/a" : Math.round(result.get("peak_rss_mb").asDouble()) + " MB"));
        }
        ObjectNode report = json.createObjectNode();
        Provenance provenance = Provenance.of("bench", o);
        report.put("commit", provenance.commit());
        report.put("command", provenance.command());
        report.set("results", results);
        if (results.size() == 2) {
            double speedup = epochSeconds(results.get(0)) / epochSeconds(results.get(1));
            report.put("speedup", speedup);
            out.println(String.format(Locale.ROOT, "Speed-up of the fast LSTM (stock epoch / fast epoch): %.2fx", speedup));
        }
        if (o.has("json")) {
            try {
                Path file = Path.of(o.string("json").get());
                if (file.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                }
                json.enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
                out.println("Wrote " + file);
            } catch (IOException e) {
                throw new CliException("could not write " + o.string("json").get() + ": " + e.getMessage());
            }
        }
        return 0;
    }

    static double epochSeconds(JsonNode result) {
        return result.get("train_s_median").asDouble() + result.get("val_s_median").asDouble();
    }

    private static JsonNode runWorker(ArchitectureSpec spec, String data, ObjectMapper json) {
        Implementation kind = spec.implementation();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(APP_JVM_FLAGS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BenchWorker.class.getName());
        try {
            command.add(json.writeValueAsString(spec));
        } catch (IOException e) {
            throw new CliException("could not write the benchmark's spec: " + e.getMessage());
        }
        command.add(data);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().put("OMP_NUM_THREADS", "1");
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = process.waitFor();
            List<String> lines = output.lines().filter(l -> l.startsWith("{")).toList();
            if (code != 0 || lines.isEmpty()) {
                throw new CliException("the " + kind.cliName() + " benchmark failed (exit " + code + ")");
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
