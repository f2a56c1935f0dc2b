package org.flattenexplorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report}: the README's tables from compare and bench JSON, figures worked out by hand. */
class ReportCommandTest {
    @TempDir
    Path temp;

    private static String run(String epochs, double test) {
        return "{\"name\": \"%s\", \"seed\": 1, \"epochs\": [" + epochs + "], \"test_accuracy\": " + test + "}";
    }

    private static String epoch(int n, double accuracy, double valAccuracy) {
        return String.format(java.util.Locale.ROOT, "{\"epoch\": %d, \"loss\": 0.5, \"accuracy\": %s, \"val_loss\": 0.25,"
                + " \"val_accuracy\": %s, \"seconds\": 2.0}", n, accuracy, valAccuracy);
    }

    @Test
    void aCompareFileGivesMeanAndSpreadOverSeedsPerVariant() throws Exception {
        String a1 = run(epoch(1, 0.5, 0.55) + "," + epoch(2, 0.8, 0.60), 0.61).formatted("a");
        String a2 = run(epoch(1, 0.6, 0.65) + "," + epoch(2, 0.9, 0.58), 0.63).formatted("a");
        String b = run(epoch(1, 0.7, 0.5) + "," + epoch(2, 0.75, 0.52), 0.5).formatted("b");
        Path file = Files.writeString(temp.resolve("c.json"),
                "{\"commit\": \"x\", \"command\": \"y\", \"runs\": [" + a1 + "," + a2 + "," + b + "]}");
        CliRunner cli = new CliRunner();

        assertThat(cli.run("report", file.toString())).isZero();

        // a: best training 0.8 and 0.9; best validation 0.60 and 0.65, the mean curve peaks at epoch 1 (0.60 > 0.59)
        assertThat(cli.stdout()).isEqualTo("""
                | variant | seeds | best training accuracy | best validation accuracy (best epoch of the mean) \
                | validation accuracy, last epoch | test accuracy |
                |---|---|---|---|---|---|
                | a | 2 | 0.8500 ± 0.0707 | 0.6250 ± 0.0354 (1) | 0.5900 ± 0.0141 | 0.6200 ± 0.0141 |
                | b | 1 | 0.7500 | 0.5200 (2) | 0.5200 | 0.5000 |
                """);
    }

    @Test
    void aSingleRunAlsoGetsItsEpochTable() throws Exception {
        Path file = Files.writeString(temp.resolve("one.json"),
                "{\"runs\": [" + run(epoch(1, 0.51234, 0.5) + "," + epoch(2, 0.75, 0.625), 0.7).formatted("q") + "]}");
        CliRunner cli = new CliRunner();

        assertThat(cli.run("report", file.toString())).isZero();

        assertThat(cli.stdout()).endsWith("""
                | epoch | loss | accuracy | val_loss | val_accuracy | seconds |
                |---|---|---|---|---|---|
                | 1 | 0.5000 | 0.5123 | 0.2500 | 0.5000 | 2.0 |
                | 2 | 0.5000 | 0.7500 | 0.2500 | 0.6250 | 2.0 |
                """);
    }

    @Test
    void aWindowBenchGivesTheWindowAgainstHeadlessAndItsFrames() throws Exception {
        Path file = Files.writeString(temp.resolve("window.json"), "{\"window_epoch_s\": 3.3, \"headless_epoch_s\": 3.0,"
                + " \"window_to_headless\": 1.1, \"worst_frame_ms\": 84.4, \"p99_frame_ms\": 40.2,"
                + " \"first_point_s\": 1.234, \"ui_cpu_s_per_epoch\": 0.591, \"warm_up\": true}");
        Path cold = Files.writeString(temp.resolve("cold.json"), Files.readString(file).replace("true", "false"));
        Path broken = Files.writeString(temp.resolve("broken.json"), "{\"window_epoch_s\": 3.3}");
        CliRunner cli = new CliRunner();

        assertThat(cli.run("report", file.toString())).isZero();
        assertThat(cli.run("report", broken.toString())).isEqualTo(2);

        assertThat(cli.stdout()).isEqualTo("""
                | window epoch s | headless epoch s | window / headless | worst frame ms | 99th percentile frame ms \
                | Train to first point s | UI thread CPU s an epoch |
                |---|---|---|---|---|---|---|
                | 3.30 | 3.00 | 1.10x | 84 | 40 | 1.23 | 0.59 |

                (each JVM after the app's warm-ups)
                """);
        assertThat(cli.stderr()).contains("headless_epoch_s");
        CliRunner coldReport = new CliRunner();
        assertThat(coldReport.run("report", cold.toString())).isZero();
        assertThat(coldReport.stdout()).endsWith("\n(Train pressed at once in fresh JVMs)\n");
    }

    @Test
    void anythingElseIsRefusedWithOneLine() throws Exception {
        Path other = Files.writeString(temp.resolve("other.json"), "{\"x\": 1}");
        CliRunner cli = new CliRunner();

        assertThat(cli.run("report", other.toString())).isEqualTo(2);
        assertThat(cli.run("report", temp.resolve("missing.json").toString())).isEqualTo(2);

        assertThat(cli.stderr().lines().toList()).hasSize(2).allMatch(l -> l.startsWith("error: "));
        assertThat(cli.stderr()).contains("neither compare nor bench output").contains("missing.json");
    }

    @Test
    void aBenchWithThePeerSaysHowManyRunsTookTurns() throws Exception {
        String fast = "{\"lstm\": \"fast\", \"train_s_median\": 2.0, \"val_s_median\": 0.3, \"probe_ms_median\": 6.0, "
                + "\"peak_rss_mb\": 700}";
        Path file = Files.writeString(temp.resolve("bench.json"), "{\"results\": [" + fast + "], \"peer_epoch_s\": 5.5, "
                + "\"fast_to_peer\": 0.44, \"fast_epoch_s_around_peer\": 2.42, \"fast_after_peer\": [" + fast + ", " + fast
                + "], \"peer\": {\"torch\": \"1.13\", \"blas\": \"openblas\", \"threads\": 1, \"runs\": [{}, {}]}}");
        CliRunner cli = new CliRunner();

        assertThat(cli.run("report", file.toString())).as(cli.stderr()).isZero();

        assertThat(cli.stdout()).contains("PyTorch peer (torch 1.13, openblas, 1 thread): **5.50 s** an epoch (median "
                + "after each run's first); fast epoch / peer epoch: **0.44x**")
                .contains("the fast epoch there is 2.42 s, the median of the timed epochs of 3 fast runs, and the "
                        + "peer's the median of those of its 2 runs");
    }

    @Test
    void theBoundsTableShowsTheVectorUnitsRatesWhereThePerStepProductsRanThere() throws Exception {
        String gemm = "{\"label\": \"%s\", \"m\": 32, \"n\": 512, \"k\": 128, \"gflops_1_thread\": 50.0, "
                + "\"gflops_2_threads\": 60.0, %s\"gflop_epoch\": 42.0}";
        String bound = "{\"threads\": 2, \"vector\": \"x\", \"gflop_total\": 84.0, \"gflop_forward\": 84.0, "
                + "\"gflop_backward\": 0.0, \"gflop_validation\": 0.0, \"bound_s\": 0.75, \"gemm\": ["
                + gemm.formatted("input projection", "") + ", "
                + gemm.formatted("recurrent (per step)", "\"gflops_vector_1_thread\": 85.0, \"gflops_vector_2_threads\": "
                + "160.0, ") + "]}";

        String table = ReportCommand.gemmTable(new com.fasterxml.jackson.databind.ObjectMapper().readTree(bound));

        assertThat(table).contains("| GEMM | m x n x k (one call, whole batch) | GFLOP/s, 1 thread | GFLOP/s, 2 threads "
                        + "| vector unit, 1 thread | vector unit, 2 threads | GFLOP an epoch |\n|---|---|---|---|---|---|---|\n")
                .contains("| input projection | 32 x 512 x 128 | 50.0 | 60.0 | - | - | 42.0 |")
                .contains("| recurrent (per step) | 32 x 512 x 128 | 50.0 | 60.0 | 85.0 | 160.0 | 42.0 |")
                .contains("each GEMM at the fastest of its rates: **0.75 s**");
    }
}
