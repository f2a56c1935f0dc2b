package org.flattenexplorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.flattenexplorer.inspect.InspectionImageRenderer;
import org.flattenexplorer.keras.NpyWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inspect --keras m.h5 --sequences FILE [--index N]} on the shared Masking -> LSTM model (input 10 x 42):
 * the heatmap PNG, the states as CSV, the output printed; every bad file exits 2 with one line naming it.
 */
class InspectSequencesCommandTest {
    @TempDir
    static Path temp;
    private static Path model;
    private static Path npy;

    @BeforeAll
    static void files() throws Exception {
        model = Path.of(System.getProperty("flatten.test.keras"), "masking_zero_lstm.h5");
        Random random = new Random(1);
        float[] data = new float[3 * 10 * 42];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        java.util.Arrays.fill(data, (2 * 10 + 7) * 42, 3 * 10 * 42, 0f); // sequence 2: its last 3 steps padded
        npy = NpyWriter.float32(temp.resolve("seq.npy"), new int[] {3, 10, 42}, data);
    }

    @Test
    void writesTheHeatmapPngAndTheStatesCsvAndPrintsTheOutput() throws Exception {
        Path png = temp.resolve("out/states.png");
        Path csv = temp.resolve("out/states.csv");
        CliRunner cli = new CliRunner();

        int code = cli.run("inspect", "--keras", model.toString(), "--sequences", npy.toString(), "--index", "2",
                "--png", png.toString(), "--csv", csv.toString());

        assertThat(code).as(cli.stderr()).isZero();
        assertThat(cli.stdout()).contains("masking_zero_lstm.h5: sequence 2 of 3 from seq.npy: T = 10 time steps x "
                + "F = 42 features; 7 real, 3 masked").contains("lstm_1 (LSTM): U = 32 units; the model reads its last "
                + "state (t = 6, outlined)").contains("Output of lstm_1 (LSTM) (None, 32): [")
                .contains("Wrote " + png + " (1200 x 700)").contains("Wrote " + csv + " (10 rows");
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(InspectionImageRenderer.SEQUENCE_WIDTH);
        assertThat(image.getHeight()).isEqualTo(InspectionImageRenderer.SEQUENCE_HEIGHT);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(11);
        assertThat(lines.get(0)).startsWith("t,masked,h0,h1,").endsWith(",h31");
        assertThat(lines.get(8)).startsWith("7,1,");
        assertThat(lines.get(1).split(",")).hasSize(34);
        // a masked step shows the state before it again, as Keras's LSTM outputs it
        assertThat(lines.get(10).substring(4)).isEqualTo(lines.get(7).substring(4));
    }

    @Test
    void aCsvOfSequencesWorksAsTheNpyDoes() throws Exception {
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < 420; i++) {
            row.append(i == 0 ? "" : ",").append((i % 7) / 10.0);
        }
        Path csvIn = Files.writeString(temp.resolve("seq.csv"), row + "\n");
        Path out = temp.resolve("one.csv");
        CliRunner cli = new CliRunner();

        assertThat(cli.run("inspect", "--keras", model.toString(), "--sequences", csvIn.toString(), "--csv",
                out.toString())).as(cli.stderr()).isZero();
        assertThat(cli.stdout()).contains("sequence 0 of 1 from seq.csv");
        assertThat(Files.readAllLines(out)).hasSize(11);
    }

    private static void refused(String message, String... args) {
        CliRunner cli = new CliRunner();
        int code = cli.run(args);
        assertThat(code).as(cli.stderr()).isEqualTo(2);
        assertThat(cli.stderr().strip()).startsWith("error: ").contains(message).doesNotContain("\n")
                .doesNotContain("Exception");
        assertThat(temp.resolve("bad.png")).doesNotExist();
    }

    @Test
    void badSequenceFilesExit2WithOneLineNamingTheProblem() throws Exception {
        String m = model.toString();
        String png = temp.resolve("bad.png").toString();
        Path missing = temp.resolve("none.npy");
        refused("No sequences file at " + missing, "inspect", "--keras", m, "--sequences", missing.toString(),
                "--png", png);
        Path wrongShape = NpyWriter.float32(temp.resolve("shape.npy"), new int[] {2, 10, 41}, new float[820]);
        refused("has shape (2, 10, 41); the model reads sequences of 10 time steps x 42 features", "inspect", "--keras",
                m, "--sequences", wrongShape.toString(), "--png", png);
        Path notNpy = Files.writeString(temp.resolve("text.npy"), "1,2,3\n");
        refused("is not a NumPy .npy file", "inspect", "--keras", m, "--sequences", notNpy.toString(), "--png", png);
        float[] withNan = new float[420];
        withNan[50] = Float.NaN;
        Path nan = NpyWriter.float32(temp.resolve("nan.npy"), new int[] {10, 42}, withNan);
        refused("sequence 0, time step 1, feature 8 is NaN", "inspect", "--keras", m, "--sequences", nan.toString(),
                "--png", png);
        Path shortRow = Files.writeString(temp.resolve("short.csv"), "1,2,3\n");
        refused("short.csv line 1 has 3 numbers; the model reads 420 numbers (10 time steps x 42 features",
                "inspect", "--keras", m, "--sequences", shortRow.toString(), "--png", png);
        refused("there is no sequence 3 in " + npy + ": it holds 3 sequences, numbered 0 to 2", "inspect", "--keras", m,
                "--sequences", npy.toString(), "--index", "3", "--png", png);
        refused("--index counts the sequences from 0, got -1", "inspect", "--keras", m, "--sequences", npy.toString(),
                "--index", "-1", "--png", png);
        refused("--sequences is for --keras m.h5", "inspect", "--sequences", npy.toString(), "--png", png);
        refused("reads token ids (it starts with an Embedding)", "inspect", "--keras",
                Path.of(System.getProperty("flatten.test.keras"), "embedding_lstm_tensorflow_2.h5").toString(),
                "--sequences", npy.toString(), "--png", png);
        refused("--review, --tokenizer, --padding and --truncating are for a model that reads text", "inspect",
                "--keras", m, "--sequences", npy.toString(), "--review", "good", "--png", png);
    }
}
