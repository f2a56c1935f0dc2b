package org.flattenexplorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.flattenexplorer.inspect.InspectFixtures;
import org.flattenexplorer.inspect.InspectionImageRenderer;
import org.flattenexplorer.model.Preset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
    private final CliRunner cli = new CliRunner();

    @TempDir
    Path temp;

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void inspectWritesAPngOfTheExpectedSizeAndACsvRowPerTimeStep() throws Exception {
        Path runDir = InspectFixtures.save(Preset.QUESTION_FLATTEN, temp.resolve("run")).folder();
        Path review = temp.resolve("review.txt");
        Files.writeString(review, "a truly great film with wonderful acting");
        Path png = temp.resolve("out/inspect.png");
        Path csv = temp.resolve("out/inspect.csv");

        int code = run("inspect", "--run", runDir.toString(), "--review", review.toString(), "--png", png.toString(),
                "--csv", csv.toString());

        assertThat(code).as(cli.stderr()).isZero();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(InspectionImageRenderer.WIDTH);
        assertThat(image.getHeight()).isEqualTo(InspectionImageRenderer.HEIGHT);
        assertThat(image.getRGB(100, 300)).isNotEqualTo(image.getRGB(5, 5));
        List<String> rows = Files.readAllLines(csv);
        int steps = 200; // TrainingFixtures.small: maxlen 200, 16 units
        assertThat(rows).hasSize(steps + 1);
        assertThat(rows).allMatch(r -> r.split(",", -1).length == 16 + 3);
        assertThat(rows.get(1)).startsWith("0,a,");
        assertThat(cli.stdout()).contains("logit").contains("Wrote " + png);
    }

    @Test
    void textThatIsNoFileIsInspectedAsTheReviewItself() throws Exception {
        Path runDir = InspectFixtures.save(Preset.QUESTION_LAST, temp.resolve("run")).folder();
        Path csv = temp.resolve("t.csv");

        assertThat(run("inspect", "--run", runDir.toString(), "--review", "great acting", "--csv", csv.toString())).isZero();

        assertThat(Files.readAllLines(csv).get(1)).startsWith("0,great,");
    }

    @Test
    void missingOptionsAndFoldersAreOneLineErrors() {
        assertThat(run("inspect", "--review", "x", "--png", "a.png")).isEqualTo(2);
        assertThat(run("inspect", "--run", temp.resolve("nope").toString(), "--review", "x", "--png", "a.png")).isEqualTo(2);
        assertThat(run("inspect", "--run", temp.toString(), "--review", "x")).isEqualTo(2);

        assertThat(cli.stderr().lines().toList()).hasSize(3).allMatch(l -> l.startsWith("error: "));
    }

    @Test
    void aReviewWithNoKnownWordIsInspectedWithAWarning() throws Exception {
        Path runDir = InspectFixtures.save(Preset.QUESTION_LAST, temp.resolve("run")).folder();
        Path nul = Files.write(temp.resolve("nul.txt"), new byte[] {0, 0, 0});

        assertThat(run("inspect", "--run", runDir.toString(), "--review", "zzzqx qqqzx", "--csv",
                temp.resolve("a.csv").toString())).isZero();
        assertThat(run("inspect", "--run", runDir.toString(), "--review", "", "--csv", temp.resolve("b.csv").toString()))
                .isZero();
        assertThat(run("inspect", "--run", runDir.toString(), "--review", nul.toString(), "--csv",
                temp.resolve("c.csv").toString())).isEqualTo(2);

        List<String> err = cli.stderr().lines().toList();
        assertThat(err.get(0)).startsWith("note: none of the review's 2 words is in the model's vocabulary")
                .contains("reads only padding");
        assertThat(err.get(1)).startsWith("note: the review has no words");
        assertThat(err.get(2)).startsWith("error: Review file is binary, not text");
    }
}
