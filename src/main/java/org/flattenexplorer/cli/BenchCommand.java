package org.flattenexplorer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.flattenexplorer.model.Cell;
import org.flattenexplorer.model.EpochFlops;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Head;
import org.flattenexplorer.model.Implementation;
import org.flattenexplorer.model.ModelSpec;
import org.flattenexplorer.model.Preset;
import org.flattenexplorer.model.lstm.FastLstmRuntime;

/**
 * {@code bench}: the question's workload (448 train + 200 validation reviews, maxlen 500, 128/128, batch 32,
 * Flatten; model options change it) trained with each implementation that can build it, each in its own JVM with
 * the app's memory settings and one OpenMP thread; the first epoch is a warm-up, the median of the rest is
 * reported, plus peak memory and the hidden-state probe time. In the same run it measures the machine's SGEMM rate
 * on the recurrent layer's own GEMM shapes (alone and split over the fast path's threads), counts the epoch's GEMM
 * work ({@link EpochFlops}) and reports the floating-point bound of an epoch and each epoch's ratio to it; with
 * {@code --peer DIR} it also times the PyTorch peer ({@code DIR/seed_model.py}) on the same shapes.
 */
final class BenchCommand {
    static final Set<String> OPTIONS = TrainCommand.options("data", "json", "peer", "rounds");

    /** The JVM settings the launcher uses for the app; the benchmark measures the app as users run it. */
    static final List<String> APP_JVM_FLAGS = List.of("-Xmx1g", "-XX:MaxNewSize=64m",
            "--add-modules", "jdk.incubator.vector", "-Dorg.bytedeco.javacpp.maxbytes=1500m",
            "-Dorg.bytedeco.javacpp.maxphysicalbytes=3g");

    /** The peer's Python: Debian's, which has python3-torch. */
    static final String PEER_PYTHON = "/usr/bin/python3";
    private static final long PEER_TIMEOUT_MINUTES = 20;
    /** The peer's runs, each followed by one of the fast implementation's. */
    static final int PEER_ROUNDS = 2;
    /** A cell other than the LSTM: the LSTM's runs, each followed by one of the cell's. */
    static final int LSTM_ROUNDS = 2;
    /** Stands for the peer's temporary ids folder in the recorded command. */
    static final String PEER_DATA_PLACEHOLDER = "BENCH_IDS";

    private BenchCommand() {}

    static int run(CliOptions o, PrintStream out) {
        if (o.flag("window")) {
            return WindowBenchCommand.run(o, out);
        }
        if (o.string("rounds").isPresent()) {
            throw new CliException("--rounds is for bench --window (the peer's runs take turns with ours on their own)");
        }
        int epochs = o.integer("epochs").orElse(4);
        if (epochs < 4 || epochs > 50) {
            throw new CliException("--epochs must be between 4 and 50 (one warm-up + at least 3 timed), got " + epochs);
        }
        ExperimentSpec workload = SpecOptions.trainable(Preset.QUESTION_FLATTEN.spec(), o).toBuilder()
                .epochs(epochs).testSize(0).build();
        List<Implementation> kinds = implementations(workload, o, out);
        String data = o.string("data").orElse("");
        ObjectMapper json = new ObjectMapper();
        String layer = workload.model().recurrentLayerName();

        out.println("Measuring the machine: SGEMM on the " + layer + "'s GEMM shapes, 1 thread and split over the "
                + "fast path's threads...");
        String fastSpec = specJson(workload.toBuilder().implementation(Implementation.FAST).build(), json);
        JsonNode gemm = runWorker(List.of(BenchWorker.GEMM, fastSpec), "SGEMM", json);
        EpochFlops flops = EpochFlops.of(workload);
        double bound = boundSeconds(flops, gemm);
        out.println(String.format(Locale.ROOT, "  %.1f GFLOP an epoch (forward %.1f, backward %.1f, validation %.1f): "
                        + "bound %.2f s at the measured rates", flops.total() / 1e9, flops.forward() / 1e9,
                flops.backward() / 1e9, flops.validation() / 1e9, bound));

        ArrayNode results = json.createArrayNode();
        for (Implementation kind : kinds) {
            out.println("Timing the " + kind.cliName() + " " + layer + ": " + epochs + " epochs of the question's workload...");
            ObjectNode result = (ObjectNode) runWorker(List.of(specJson(workload.toBuilder().implementation(kind).build(),
                    json), data), kind.cliName(), json);
            double epoch = epochSeconds(result);
            result.put("bound_s", bound);
            result.put("ratio_to_bound", epoch / bound);
            result.put("gflops", flops.total() / epoch / 1e9);
            results.add(result);
            out.println(String.format(Locale.ROOT, "  %-5s train %.2f s  validation %.2f s  epoch %.2f s (%.2fx the bound, "
                            + "%.1f GFLOP/s)  probe %.1f ms  peak RSS %s",
                    kind.cliName(), result.get("train_s_median").asDouble(), result.get("val_s_median").asDouble(),
                    epoch, epoch / bound, flops.total() / epoch / 1e9, result.get("probe_ms_median").asDouble(),
                    result.get("peak_rss_mb").isNull() ? "n/a" : Math.round(result.get("peak_rss_mb").asDouble()) + " MB"));
        }
        ObjectNode report = json.createObjectNode();
        Provenance provenance = Provenance.of("bench", o);
        report.put("commit", provenance.commit());
        report.put("command", provenance.command());
        report.put("layer", layer);
        report.set("bound", boundNode(flops, gemm, bound, json));
        report.set("results", results);
        if (results.size() == 2) {
            double speedup = epochSeconds(results.get(0)) / epochSeconds(results.get(1));
            report.put("speedup", speedup);
            out.println(String.format(Locale.ROOT, "Speed-up of the fast %s (stock epoch / fast epoch): %.2fx", layer, speedup));
        }
        if (workload.model().cell() != Cell.LSTM) {
            againstLstm(workload, data, results.get(results.size() - 1), report, json, out);
        }
        if (o.has("peer")) {
            peer(Path.of(o.string("peer").get()), workload, data, epochs, results, report, json, out,
                    () -> runWorker(List.of(fastSpec, data), "fast (after the peer)", json));
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

    /**
     * A cell other than the LSTM against the same model with an LSTM, the fast runs taking turns: the cell (the
     * bench's own run), LSTM, cell, LSTM, cell ({@value #LSTM_ROUNDS} rounds), each side's timed epochs pooled as for
     * the peer, so that the ratio comes from one run whatever spell the machine is in (the GRU's bench and the LSTM's,
     * minutes apart, gave 0.90x; the two alternating in one JVM 0.84-0.88x).
     */
    static void againstLstm(ExperimentSpec workload, String data, JsonNode first, ObjectNode report, ObjectMapper json,
                            PrintStream out) {
        String layer = workload.model().recurrentLayerName();
        ExperimentSpec lstm = workload.toBuilder().cell(Cell.LSTM).implementation(Implementation.FAST).build();
        String lstmLayer = lstm.model().recurrentLayerName();
        String cellSpec = specJson(workload.toBuilder().implementation(Implementation.FAST).build(), json);
        String lstmSpec = specJson(lstm, json);
        List<JsonNode> cellRuns = new ArrayList<>(List.of(first));
        List<JsonNode> lstmRuns = new ArrayList<>();
        for (int round = 1; round <= LSTM_ROUNDS; round++) {
            out.println("Timing the fast " + lstmLayer + " (the same model with an LSTM), run " + round + " of "
                    + LSTM_ROUNDS + "...");
            lstmRuns.add(runWorker(List.of(lstmSpec, data), "fast " + lstmLayer, json));
            out.println(String.format(Locale.ROOT, "  epoch %.2f s", epochSeconds(lstmRuns.get(lstmRuns.size() - 1))));
            out.println("Timing the fast " + layer + " again...");
            cellRuns.add(runWorker(List.of(cellSpec, data), "fast " + layer, json));
            out.println(String.format(Locale.ROOT, "  epoch %.2f s", epochSeconds(cellRuns.get(cellRuns.size() - 1))));
        }
        double cellEpoch = pooledEpochSeconds(cellRuns);
        double lstmEpoch = pooledEpochSeconds(lstmRuns);
        ObjectNode node = report.putObject("against_lstm");
        node.put("layer", lstmLayer);
        node.put("epoch_s", cellEpoch);
        node.put("lstm_epoch_s", lstmEpoch);
        node.put("ratio", cellEpoch / lstmEpoch);
        node.put("runs", cellRuns.size());
        node.put("lstm_runs", lstmRuns.size());
        ArrayNode lstmResults = node.putArray("lstm_results");
        lstmRuns.forEach(lstmResults::add);
        ArrayNode cellAfter = node.putArray("results_after"); // the cell's runs after the bench's own
        cellRuns.subList(1, cellRuns.size()).forEach(cellAfter::add);
        out.println(String.format(Locale.ROOT, "Pooled over the runs taking turns: %s epoch %.2f s (%d runs), %s epoch "
                + "%.2f s (%d runs): %.2fx", layer, cellEpoch, cellRuns.size(), lstmLayer, lstmEpoch, lstmRuns.size(),
                cellEpoch / lstmEpoch));
    }

    /** --lstm's one, or both; the fast one only (said so) where the stock implementation cannot build the spec. */
    private static List<Implementation> implementations(ExperimentSpec workload, CliOptions o, PrintStream out) {
        if (o.has("lstm")) {
            return List.of(workload.model().implementation());
        }
        Optional<String> stock = workload.toBuilder().implementation(Implementation.STOCK).build().invalidReason();
        if (stock.isPresent()) {
            out.println("Only the fast implementation: the stock one cannot build this model ("
                    + stock.get().replace("\n", "; ") + ").");
            return List.of(Implementation.FAST);
        }
        return List.of(Implementation.STOCK, Implementation.FAST);
    }

    static double epochSeconds(JsonNode result) {
        return result.get("train_s_median").asDouble() + result.get("val_s_median").asDouble();
    }

    /**
     * The median timed epoch of several workers' runs together: the median of all their timed training times plus
     * the median of all their timed validation times (each run's first epoch is its warm-up), as
     * {@link #epochSeconds} for one run.
     */
    static double pooledEpochSeconds(List<JsonNode> runs) {
        List<Double> train = new ArrayList<>();
        List<Double> validation = new ArrayList<>();
        for (JsonNode r : runs) {
            for (int i = 1; i < r.get("train_s").size(); i++) {
                train.add(r.get("train_s").get(i).asDouble());
                validation.add(r.get("val_s").get(i).asDouble());
            }
        }
        return BenchWorker.median(train) + BenchWorker.median(validation);
    }

    /** Each GEMM kind's flops over the epoch at the best rate measured for its shape. */
    static double boundSeconds(EpochFlops flops, JsonNode gemm) {
        double s = 0;
        for (JsonNode k : gemm.get("gemm")) {
            EpochFlops.Gemm g = EpochFlops.Gemm.valueOf(k.get("gemm").asText().toUpperCase(Locale.ROOT));
            s += flops.flops(g) / (k.get("gflops_best").asDouble() * 1e9);
        }
        return s;
    }

    private static ObjectNode boundNode(EpochFlops flops, JsonNode gemm, double bound, ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        node.put("bound_s", bound);
        node.put("gflop_forward", flops.forward() / 1e9);
        node.put("gflop_backward", flops.backward() / 1e9);
        node.put("gflop_validation", flops.validation() / 1e9);
        node.put("gflop_total", flops.total() / 1e9);
        node.put("threads", gemm.get("threads").asInt());
        node.put("blas", gemm.get("blas").asText());
        if (gemm.has("vector")) {
            node.put("vector", gemm.get("vector").asText());
        }
        ArrayNode kinds = json.createArrayNode();
        for (JsonNode k : gemm.get("gemm")) {
            ObjectNode kind = ((ObjectNode) k).deepCopy();
            EpochFlops.Gemm g = EpochFlops.Gemm.valueOf(k.get("gemm").asText().toUpperCase(Locale.ROOT));
            kind.put("gflop_epoch", flops.flops(g) / 1e9);
            kinds.add(kind);
        }
        node.set("gemm", kinds);
        return node;
    }

    /**
     * The PyTorch peer (variant A: the question's LSTM + Flatten) on the same shapes, one thread, OpenBLAS, trained
     * on the token ids and labels the workers train on ({@code data} as they get it: {@link BenchWorker#dataset}),
     * written to a temporary folder for it and deleted after, and the fast epoch's ratio to its epoch. The runs take
     * turns, fast (the bench's own run), peer, fast, peer, fast ({@value #PEER_ROUNDS} rounds of the peer and then
     * {@code fastAgain}), and each side's timed epochs are pooled: the speed of this shared machine drifts over
     * minutes, and a slow or fast spell during one run then weighs on both sides. A peer that cannot run is
     * reported, not fatal.
     */
    static void peer(Path dir, ExperimentSpec workload, String data, int epochs, ArrayNode results, ObjectNode report,
                     ObjectMapper json, PrintStream out, Supplier<JsonNode> fastAgain) {
        Optional<String> why = peerProblem(dir, workload);
        JsonNode fast = null;
        for (JsonNode r : results) {
            if (r.get("lstm").asText().equals(Implementation.FAST.cliName())) {
                fast = r;
            }
        }
        if (why.isEmpty() && fast == null) {
            why = Optional.of("the bench did not time the fast implementation");
        }
        if (why.isPresent()) {
            out.println("PyTorch peer not run: " + why.get());
            report.put("peer_error", why.get());
            return;
        }
        Path ids = null;
        try {
            ids = Files.createTempDirectory("flatten-peer-ids");
            PeerData written = PeerData.write(BenchWorker.dataset(workload, data), ids);
            timePeer(dir, workload, epochs, written, ids, fast, fastAgain, report, json, out); // reports its failures
        } catch (CliException e) {
            throw e; // a fast worker's later run failed: the bench fails as for its first
        } catch (IOException | RuntimeException e) {
            peerFailed("could not write the bench's token ids for it: " + e.getMessage(), report, out);
        } finally {
            deleteFolder(ids);
        }
    }

    /** Runs seed_model.py and the fast implementation by turns on the ids written to {@code ids}; records both. */
    private static void timePeer(Path dir, ExperimentSpec workload, int epochs, PeerData data, Path ids, JsonNode fast,
                                 Supplier<JsonNode> fastAgain, ObjectNode report, ObjectMapper json, PrintStream out) {
        String layer = workload.model().recurrentLayerName();
        List<JsonNode> fastRuns = new ArrayList<>(List.of(fast));
        ArrayNode after = json.createArrayNode();
        ArrayNode peerRuns = json.createArrayNode();
        ObjectNode settings = null;
        for (int round = 1; round <= PEER_ROUNDS; round++) {
            out.println("Timing the PyTorch peer (" + dir.resolve("seed_model.py") + ", 1 thread, OpenBLAS) on "
                    + data.describe() + ": " + epochs + " epochs, run " + round + " of " + PEER_ROUNDS + "...");
            Optional<PeerRun> run = runPeer(dir, workload, epochs, data, ids, json, report, out);
            if (run.isEmpty()) {
                return; // reported
            }
            if (settings == null) {
                settings = run.get().settings();
            }
            settings.put("max_rss_mb", Math.max(settings.path("max_rss_mb").asDouble(),
                    run.get().settings().path("max_rss_mb").asDouble()));
            peerRuns.add(run.get().epochs());
            out.println(String.format(Locale.ROOT, "  peer  epoch %.2f s (median after the first)",
                    run.get().epochs().get("median_total_s").asDouble()));
            out.println("Timing the fast " + layer + " again, after the peer...");
            JsonNode again = fastAgain.get();
            fastRuns.add(again);
            after.add(again);
            out.println(String.format(Locale.ROOT, "  fast  epoch %.2f s", epochSeconds(again)));
        }
        settings.set("runs", peerRuns);
        double peerEpoch = pooledPeerEpochSeconds(peerRuns);
        double pooled = pooledEpochSeconds(fastRuns);
        double ratio = pooled / peerEpoch;
        report.set("peer", settings);
        report.put("peer_epoch_s", peerEpoch);
        report.set("fast_after_peer", after);
        report.put("fast_epoch_s_around_peer", pooled);
        report.put("fast_to_peer", ratio);
        out.println(String.format(Locale.ROOT, "Pooled over the runs taking turns: fast epoch %.2f s (%d runs), peer "
                + "epoch %.2f s (%d runs); fast / peer: %.2fx", pooled, fastRuns.size(), peerEpoch, peerRuns.size(),
                ratio));
    }

    /** One run of the peer: what it is (settings) and its epochs ({@code epoch_s} and medians). */
    private record PeerRun(ObjectNode settings, ObjectNode epochs) {}

    /** Runs seed_model.py once; empty (and reported) where it fails. */
    private static Optional<PeerRun> runPeer(Path dir, ExperimentSpec workload, int epochs, PeerData data, Path ids,
                                             ObjectMapper json, ObjectNode report, PrintStream out) {
        try {
            Path result = Files.createTempFile("flatten-peer", ".json");
            List<String> command = new ArrayList<>(List.of(PEER_PYTHON, dir.resolve("seed_model.py").toString(),
                    "--variant", "A", "--epochs", String.valueOf(epochs), "--threads", "1", "--blas", "openblas",
                    "--blas-threads", "1", "--data", ids.toString(), "--json", result.toString(),
                    "--vocab", String.valueOf(data.vocabulary()),
                    "--maxlen", String.valueOf(workload.data().maxlen()),
                    "--dim", String.valueOf(workload.model().embedding()),
                    "--units", String.valueOf(workload.model().units()),
                    "--n-train", String.valueOf(workload.data().trainSize()),
                    "--n-val", String.valueOf(workload.data().valSize()),
                    "--batch", String.valueOf(workload.training().batch()),
                    "--lr", String.valueOf(workload.training().lr()),
                    "--dropout", String.valueOf(workload.model().dropout())));
            Path log = Files.createTempFile("flatten-peer", ".log");
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(PEER_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                peerFailed("it ran longer than " + PEER_TIMEOUT_MINUTES + " minutes", report, out);
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            if (process.exitValue() != 0 || Files.size(result) == 0) {
                String last = lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
                peerFailed("it exited with " + process.exitValue() + ": " + last, report, out);
                return Optional.empty();
            }
            JsonNode peer = json.readTree(result.toFile());
            Files.deleteIfExists(result);
            JsonNode variant = peer.get("variants").get(0);
            ObjectNode settings = json.createObjectNode();
            settings.put("torch", peer.path("torch").asText());
            settings.put("blas", peer.path("blas").asText());
            settings.put("threads", peer.path("threads").asInt());
            // the ids' folder is gone after the run: the command names it by what "data" says it held
            settings.put("command", String.join(" ", command.subList(0, command.indexOf("--json")))
                    .replace(ids.toString(), PEER_DATA_PLACEHOLDER)
                    .replace(dir.toString(), dir.getFileName() == null ? "." : dir.getFileName().toString()));
            settings.put("data", data.describe());
            settings.put("params", variant.path("params").asLong());
            settings.put("max_rss_mb", peer.path("max_rss_kib_self").asDouble() / 1024);
            ObjectNode run = json.createObjectNode();
            ArrayNode totals = run.putArray("epoch_s");
            for (JsonNode e : variant.get("epochs")) {
                totals.add(e.path("total_s").asDouble());
            }
            run.put("median_total_s", variant.get("median_total_s").asDouble());
            run.put("train_s_median", variant.path("median_train_s").asDouble());
            run.put("val_s_median", variant.path("median_val_s").asDouble());
            return Optional.of(new PeerRun(settings, run));
        } catch (IOException e) {
            peerFailed("could not run it: " + e.getMessage(), report, out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            peerFailed("interrupted", report, out);
        } catch (RuntimeException e) {
            peerFailed("could not read its result: " + e, report, out);
        }
        return Optional.empty();
    }

    /** The median of the peer's epochs over its runs, each run's first (its warm-up) left out. */
    static double pooledPeerEpochSeconds(JsonNode runs) {
        List<Double> all = new ArrayList<>();
        for (JsonNode r : runs) {
            for (int i = 1; i < r.get("epoch_s").size(); i++) {
                all.add(r.get("epoch_s").get(i).asDouble());
            }
        }
        return BenchWorker.median(all);
    }

    /** Removes the peer's ids folder; a file left in the temporary folder is no reason to fail the bench. */
    private static void deleteFolder(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // left behind in the temporary folder
        }
    }

    private static void peerFailed(String why, ObjectNode report, PrintStream out) {
        out.println("PyTorch peer not run: " + why);
        report.put("peer_error", why);
    }

    /** Why the peer cannot time this workload, if it cannot: it is the question's LSTM + Flatten model only. */
    static Optional<String> peerProblem(Path dir, ExperimentSpec spec) {
        if (!Files.isRegularFile(dir.resolve("seed_model.py"))) {
            return Optional.of("no seed_model.py in " + dir + " (give --peer a copy of ../shared/peer set up as its "
                    + "README says)");
        }
        if (!Files.isExecutable(Path.of(PEER_PYTHON))) {
            return Optional.of(PEER_PYTHON + " not found (the peer runs on Debian's python3 with python3-torch)");
        }
        ModelSpec m = spec.model();
        if (m.cell() != Cell.LSTM || m.bidirectional() || m.goBackwards() || !m.returnSequences()
                || m.head() != Head.FLATTEN || m.masking()) {
            return Optional.of("the peer is the question's model only (LSTM, return_sequences=True, Flatten, no mask), "
                    + "not " + spec.describe());
        }
        return Optional.empty();
    }

    private static String specJson(ExperimentSpec spec, ObjectMapper json) {
        try {
            return json.writeValueAsString(spec);
        } catch (IOException e) {
            throw new CliException("could not write the benchmark's spec: " + e.getMessage());
        }
    }

    private static JsonNode runWorker(List<String> args, String what, ObjectMapper json) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(APP_JVM_FLAGS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        for (String p : List.of("flatten.bench.gemm-seconds", "flatten.lstm.threads", FastLstmRuntime.VECTOR_PROPERTY)) {
            if (System.getProperty(p) != null) {
                command.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        command.add(BenchWorker.class.getName());
        command.addAll(args);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().put("OMP_NUM_THREADS", "1");
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = process.waitFor();
            List<String> lines = output.lines().filter(l -> l.startsWith("{")).toList();
            if (code != 0 || lines.isEmpty()) {
                throw new CliException("the " + what + " benchmark failed (exit " + code + ")");
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
