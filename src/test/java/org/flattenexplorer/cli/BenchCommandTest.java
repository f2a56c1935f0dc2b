package org.flattenexplorer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

        int code = cli.run("bench", "--epochs", "4", "--maxlen", "20", "--units", "8", "--embedding", "8",
                "--train-size", "64", "--val-size", "32", "--json", file.toString());

        assertThat(code).as(cli.stderr()).isZero();
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.get("commit").asText()).matches("[0-9a-f]{40}.*|" + java.util.regex.Pattern.quote(Provenance.UNKNOWN));
        assertThat(json.get("command").asText()).isEqualTo("flatten-explorer bench --epochs 4 --maxlen 20 --units 8 "
                + "--embedding 8 --train-size 64 --val-size 32 --json " + file);
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
        JsonNode stock = json.get("results").get(0);
        JsonNode fast = json.get("results").get(1);
        assertThat(json.get("speedup").asDouble())
                .isCloseTo(BenchCommand.epochSeconds(stock) / BenchCommand.epochSeconds(fast), within(1e-12));

        CliRunner report = new CliRunner();
        assertThat(report.run("report", file.toString())).isZero();
        assertThat(report.stdout()).contains(String.format(Locale.ROOT, "| fast | %.2f | %.2f | %.2f | %.1f | %d |",
                fast.get("train_s_median").asDouble(), fast.get("val_s_median").asDouble(),
                BenchCommand.epochSeconds(fast), fast.get("probe_ms_median").asDouble(),
                Math.round(fast.get("peak_rss_mb").asDouble())))
                .contains(String.format(Locale.ROOT, "Speed-up (stock epoch / fast epoch): **%.2fx**",
                        json.get("speedup").asDouble()));
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
