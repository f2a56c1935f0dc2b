package org.flattenexplorer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.model.Cell;
import org.flattenexplorer.model.EpochFlops;
import org.flattenexplorer.model.ExperimentSpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny real bench: both implementations, each in its own JVM, then the table that report prints of it. */
class BenchCommandTest {
    @TempDir
    Path temp;

    @Test
    void aTinyBenchTimesBothLstmsInTheirOwnJvmsAndRecordsWhatWroteIt() throws Exception {
        Path file = temp.resolve("bench.json");
        CliRunner cli = new CliRunner();
        System.setProperty("flatten.bench.gemm-seconds", "0.02"); // tiny shapes: short repeats are enough

        int code = cli.run("bench", "--epochs", "4", "--maxlen", "20", "--units", "8", "--embedding", "8",
                "--train-size", "64", "--val-size", "32", "--json", file.toString(), "--peer", temp.toString());

        System.clearProperty("flatten.bench.gemm-seconds");
        assertThat(code).as(cli.stderr()).isZero();
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.get("commit").asText()).matches("[0-9a-f]{40}.*|" + java.util.regex.Pattern.quote(Provenance.UNKNOWN));
        assertThat(json.get("command").asText()).isEqualTo("flatten-explorer bench --epochs 4 --maxlen 20 --units 8 "
                + "--embedding 8 --train-size 64 --val-size 32 --json " + file + " --peer " + temp);
        List<String> kinds = new ArrayList<>();
        for (JsonNode r : json.get("results")) {
            kinds.add(r.get("lstm").asText());
            assertThat(r.get("epochs_timed").asInt()).isEqualTo(3);
            assertThat(r.get("train_s")).hasSize(4);
            assertThat(r.get("train_s_median").asDouble()).isEqualTo(median(r.get("train_s")));
            assertThat(r.get("val_s_median").asDouble()).isEqualTo(median(r.get("val_s")));
            assertThat(r.get("probe_ms_median").asDouble()).isPositive();
            assertThat(r.get("peak_rss_mb").asDouble()).isGreaterThan(50);
            assertThat(r.get("settings").get("omp_threads").asInt()).isEqualTo(1);
            assertThat(r.get("settings").get("jvm").asText()).contains("-Xmx1g");
        }
        assertThat(kinds).containsExactly("stock", "fast");
        // the bound: the epoch's GEMM work (counted as EpochFlops counts it) at the SGEMM rates measured on its shapes
        JsonNode bound = json.get("bound");
        EpochFlops flops = new EpochFlops(new EpochFlops.Dims(20, 8, 8, 4, 1), 64, 32);
        assertThat(bound.get("gflop_total").asDouble()).isCloseTo(flops.total() / 1e9, within(1e-12));
        assertThat(bound.get("gflop_forward").asDouble()).isCloseTo(flops.forward() / 1e9, within(1e-12));
        assertThat(bound.get("gemm")).hasSize(EpochFlops.Gemm.values().length);
        double boundSeconds = 0;
        int threads = bound.get("threads").asInt();
        boolean vector = bound.has("vector");
        for (JsonNode k : bound.get("gemm")) {
            double best = k.get("gflops_best").asDouble();
            assertThat(k.get("gflops_1_thread").asDouble()).isPositive();
            double blas = Math.max(k.get("gflops_1_thread").asDouble(), k.get("gflops_" + threads + "_threads").asDouble());
            // where the kernels run the per-step products on the vector unit, those kinds are timed there too
            boolean perStep = k.get("gemm").asText().equals("recurrent") || k.get("gemm").asText().equals("recurrent_backward");
            assertThat(k.has("gflops_vector_1_thread")).as(k.get("gemm").asText()).isEqualTo(vector && perStep);
            assertThat(best).isEqualTo(!k.has("gflops_vector_1_thread") ? blas : Math.max(blas, Math.max(
                    k.get("gflops_vector_1_thread").asDouble(), k.get("gflops_vector_" + threads + "_threads").asDouble())));
            boundSeconds += k.get("gflop_epoch").asDouble() / best;
        }
        assertThat(bound.get("bound_s").asDouble()).isCloseTo(boundSeconds, within(1e-9));
        for (JsonNode r : json.get("results")) {
            double epoch = BenchCommand.epochSeconds(r);
            assertThat(r.get("bound_s").asDouble()).isEqualTo(bound.get("bound_s").asDouble());
            assertThat(r.get("ratio_to_bound").asDouble()).isCloseTo(epoch / boundSeconds, within(1e-6));
            assertThat(r.get("gflops").asDouble()).isCloseTo(flops.total() / 1e9 / epoch, within(1e-9));
        }
        // a folder without the peer's script: the bench says why and goes on
        assertThat(json.get("peer_error").asText()).contains("no seed_model.py in " + temp);
        assertThat(json.has("peer_epoch_s")).isFalse();
        JsonNode stock = json.get("results").get(0);
        JsonNode fast = json.get("results").get(1);
        assertThat(json.get("speedup").asDouble())
                .isCloseTo(BenchCommand.epochSeconds(stock) / BenchCommand.epochSeconds(fast), within(1e-12));

        CliRunner report = new CliRunner();
        assertThat(report.run("report", file.toString())).isZero();
        assertThat(report.stdout()).contains("| LSTM | train s/epoch | validation s/epoch | epoch s | bound s | epoch / bound "
                + "| GFLOP/s | probe ms (one review) | peak RSS MB |")
                .contains(String.format(Locale.ROOT, "| fast | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f | %.1f | %d |",
                fast.get("train_s_median").asDouble(), fast.get("val_s_median").asDouble(),
                BenchCommand.epochSeconds(fast), fast.get("bound_s").asDouble(), fast.get("ratio_to_bound").asDouble(),
                fast.get("gflops").asDouble(), fast.get("probe_ms_median").asDouble(),
                Math.round(fast.get("peak_rss_mb").asDouble())))
                .contains(String.format(Locale.ROOT, "| input projection | 640 x 32 x 8 | %.1f |",
                        bound.get("gemm").get(0).get("gflops_1_thread").asDouble()))
                .contains(String.format(Locale.ROOT, "each GEMM at the %s: **%.2f s**",
                        vector ? "fastest of its rates" : "faster of its two rates", bound.get("bound_s").asDouble()))
                .contains("PyTorch peer not run: no seed_model.py in " + temp)
                .contains(String.format(Locale.ROOT, "Speed-up (stock epoch / fast epoch): **%.2fx**",
                        json.get("speedup").asDouble()));
    }

    /** A GRU: the stock implementation cannot build it, so the fast one alone, said so; its own 3-gate bound. */
    @Test
    void aGruBenchRunsTheFastImplementationOnlyAndSaysSo() throws Exception {
        Path file = temp.resolve("bench-gru.json");
        CliRunner cli = new CliRunner();
        System.setProperty("flatten.bench.gemm-seconds", "0.02");

        int code = cli.run("bench", "--cell", "gru", "--bidirectional", "--epochs", "4", "--maxlen", "12", "--units", "6",
                "--embedding", "5", "--train-size", "32", "--val-size", "16", "--json", file.toString());

        System.clearProperty("flatten.bench.gemm-seconds");
        assertThat(code).as(cli.stderr()).isZero();
        assertThat(cli.stdout()).contains("Only the fast implementation: the stock one cannot build this model")
                .contains("Timing the fast Bidirectional(GRU)");
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.get("results")).hasSize(1);
        assertThat(json.get("results").get(0).get("lstm").asText()).isEqualTo("fast");
        assertThat(json.get("layer").asText()).isEqualTo("Bidirectional(GRU)");
        assertThat(json.has("speedup")).isFalse();
        EpochFlops flops = new EpochFlops(new EpochFlops.Dims(12, 5, 6, 3, 2), 32, 16);
        assertThat(json.get("bound").get("gflop_total").asDouble()).isCloseTo(flops.total() / 1e9, within(1e-12));
        assertThat(json.get("bound").get("gemm").get(0).get("n").asInt()).isEqualTo(18);

        // against the same model with an LSTM, by turns: GRU, LSTM, GRU, LSTM, GRU
        JsonNode against = json.get("against_lstm");
        assertThat(against.get("layer").asText()).isEqualTo("Bidirectional(LSTM)");
        assertThat(against.get("runs").asInt()).isEqualTo(3);
        assertThat(against.get("lstm_results")).hasSize(2);
        assertThat(against.get("results_after")).hasSize(2);
        assertThat(against.get("lstm_results").get(0).get("settings").get("layer").asText())
                .isEqualTo("Bidirectional(LSTM)");
        assertThat(against.get("results_after").get(0).get("settings").get("layer").asText())
                .isEqualTo("Bidirectional(GRU)");
        assertThat(against.get("ratio").asDouble()).isCloseTo(against.get("epoch_s").asDouble()
                / against.get("lstm_epoch_s").asDouble(), within(1e-12));
        List<JsonNode> gruRuns = new ArrayList<>(List.of(json.get("results").get(0)));
        against.get("results_after").forEach(gruRuns::add);
        assertThat(against.get("epoch_s").asDouble()).isEqualTo(BenchCommand.pooledEpochSeconds(gruRuns));

        CliRunner report = new CliRunner();
        assertThat(report.run("report", file.toString())).isZero();
        assertThat(report.stdout()).startsWith("| Bidirectional(GRU) | train s/epoch |").doesNotContain("Speed-up")
                .contains(String.format(Locale.ROOT, "Against the same model with an LSTM (Bidirectional(LSTM)), the "
                        + "fast runs taking turns: **%.2f s** an epoch", against.get("epoch_s").asDouble()))
                .contains(String.format(Locale.ROOT, "**%.2fx**", against.get("ratio").asDouble()));
    }

    /**
     * The peer's JSON read as seed_model.py writes it, the runs taking turns (fast, peer, fast, peer, fast): the
     * peer's epochs after each run's first pooled, and fast / peer with the timed epochs of the three fast runs
     * pooled; it trained on the workers' own ids and labels (a copy of its --data folder, taken while it ran), and the
     * folder is gone.
     */
    @Test
    void thePeersMedianEpochAndTheFastEpochsRatioToIt() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(BenchCommand.PEER_PYTHON)), "no " + BenchCommand.PEER_PYTHON);
        Path seen = temp.resolve("seen");
        Path count = temp.resolve("count");
        Files.writeString(temp.resolve("seed_model.py"), String.join("\n",
                "import json, os, shutil, sys",
                "args = sys.argv[1:]",
                "out = args[args.index('--json') + 1]",
                "assert args[args.index('--threads') + 1] == '1' and args[args.index('--blas') + 1] == 'openblas'",
                "assert args[args.index('--maxlen') + 1] == '500' and args[args.index('--vocab') + 1] == '37252'",
                "data = args[args.index('--data') + 1]",
                "first = not os.path.exists('" + count + "')",
                "open('" + count + "', 'a').write('x')",
                "if first:",
                "    shutil.copytree(data, '" + seen + "')",
                "    open('" + seen.resolve("folder.txt") + "', 'w').write(data)",
                "totals = (9.0, 5.0, 6.0, 4.0) if first else (9.0, 7.0, 8.0, 7.5)",
                "epochs = [dict(total_s=t) for t in totals]",
                "json.dump(dict(torch='1.13', blas='openblas', threads=1, max_rss_kib_self=1024 * (600 if first else 610),",
                "    variants=[dict(params=4964353, median_total_s=sorted(totals[1:])[1], median_train_s=4.5,",
                "    median_val_s=0.5, epochs=epochs)]), open(out, 'w'))", ""));
        ObjectMapper json = new ObjectMapper();
        ArrayNode results = json.createArrayNode();
        ObjectNode fast = results.addObject().put("lstm", "fast").put("train_s_median", 2.0).put("val_s_median", 0.5);
        fast.putArray("train_s").add(3.0).add(2.0).add(2.0).add(2.0);
        fast.putArray("val_s").add(1.0).add(0.5).add(0.5).add(0.5);
        fast.putObject("settings").put("vocabulary", 37252);
        ObjectNode after = json.createObjectNode().put("lstm", "fast").put("train_s_median", 2.2).put("val_s_median", 0.5);
        after.putArray("train_s").add(3.0).add(2.2).add(2.4).add(2.2);
        after.putArray("val_s").add(1.0).add(0.5).add(0.5).add(0.5);
        ObjectNode report = json.createObjectNode();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.util.concurrent.atomic.AtomicInteger fastAgain = new java.util.concurrent.atomic.AtomicInteger();

        BenchCommand.peer(temp, ExperimentSpec.question(), "", 4, results, report, json, new java.io.PrintStream(out,
                true), () -> {
                    fastAgain.incrementAndGet();
                    return after;
                });

        assertThat(report.has("peer_error")).as(out.toString()).isFalse();
        assertThat(Files.readString(count)).as("the peer's runs").isEqualTo("x".repeat(BenchCommand.PEER_ROUNDS));
        assertThat(fastAgain.get()).as("a fast run after each of the peer's").isEqualTo(BenchCommand.PEER_ROUNDS);
        // the peer's timed epochs 5, 6, 4 and 7, 8, 7.5: median 6.5
        assertThat(report.get("peer_epoch_s").asDouble()).isEqualTo(6.5);
        // training epochs 2, 2, 2 before and 2.2, 2.4, 2.2 twice after: median 2.2, plus validation 0.5
        assertThat(report.get("fast_epoch_s_around_peer").asDouble()).isCloseTo(2.7, within(1e-9));
        assertThat(report.get("fast_to_peer").asDouble()).isCloseTo(2.7 / 6.5, within(1e-9));
        assertThat(report.get("fast_after_peer")).containsExactly(after, after);
        assertThat(out.toString()).contains("fast epoch 2.70 s (3 runs), peer epoch 6.50 s (2 runs); fast / peer: 0.42x");
        assertThat(report.get("peer").get("runs")).hasSize(2);
        assertThat(report.get("peer").get("runs").get(1).get("epoch_s")).hasSize(4);
        assertThat(report.get("peer").get("max_rss_mb").asDouble()).isEqualTo(610);
        assertThat(report.get("peer").get("data").asText()).isEqualTo("the bench's own token ids (448 train, 200 "
                + "validation; synthetic token ids (question's shape))");
        assertThat(report.get("peer").get("command").asText()).contains("--data " + BenchCommand.PEER_DATA_PLACEHOLDER);
        // what a worker given "" trains on: the question-shaped synthetic ids
        PreparedDataset trained = QuestionShapedData.create(ExperimentSpec.question());
        assertThat(Int32Npy.read(seen.resolve("x_train.npy")).rows()).isDeepEqualTo(trained.train().tokens());
        assertThat(Int32Npy.read(seen.resolve("y_train.npy")).data()).containsExactly(trained.train().labels());
        assertThat(Int32Npy.read(seen.resolve("x_val.npy")).rows()).isDeepEqualTo(trained.validation().tokens());
        assertThat(Int32Npy.read(seen.resolve("y_val.npy")).data()).containsExactly(trained.validation().labels());
        assertThat(Path.of(Files.readString(seen.resolve("folder.txt")))).doesNotExist();
    }

    @Test
    void thePeerTimesOnlyTheQuestionsModel() throws Exception {
        Files.writeString(temp.resolve("seed_model.py"), "");
        ExperimentSpec gru = ExperimentSpec.question().toBuilder().cell(Cell.GRU).build();

        assertThat(BenchCommand.peerProblem(temp.resolve("nowhere"), ExperimentSpec.question())).get().asString()
                .contains("no seed_model.py");
        if (Files.isExecutable(Path.of(BenchCommand.PEER_PYTHON))) {
            assertThat(BenchCommand.peerProblem(temp, ExperimentSpec.question())).isEmpty();
            assertThat(BenchCommand.peerProblem(temp, gru)).get().asString().contains("the question's model only");
        }
    }

    /** The median of epochs 2..n: the first is the warm-up. */
    private static double median(JsonNode seconds) {
        List<Double> timed = new ArrayList<>();
        for (int i = 1; i < seconds.size(); i++) {
            timed.add(seconds.get(i).asDouble());
        }
        timed.sort(Double::compare);
        int n = timed.size();
        return n % 2 == 1 ? timed.get(n / 2) : (timed.get(n / 2 - 1) + timed.get(n / 2)) / 2;
    }
}
