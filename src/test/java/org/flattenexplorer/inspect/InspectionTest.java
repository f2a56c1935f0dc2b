package org.flattenexplorer.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import org.flattenexplorer.model.Preset;
import org.flattenexplorer.training.SplitEvaluator;
import org.flattenexplorer.training.TrainingRun;
import org.junit.jupiter.api.Test;

class InspectionTest {

    @Test
    void contributionsPlusBiasEqualTheLogitOfTheNetworkForThatReview() {
        for (Preset preset : new Preset[] {Preset.QUESTION_FLATTEN, Preset.QUESTION_LAST, Preset.GLOBAL_MAX}) {
            TrainingRun run = InspectFixtures.trained(preset);
            Inspection in = InspectFixtures.model(preset).inspect(InspectFixtures.validationReview(preset, 4));

            double sum = in.readout().bias();
            for (double c : in.readout().contributions()) {
                sum += c;
            }
            float p = SplitEvaluator.predict(run.network(), run.data().validation(), new int[] {4},
                    run.spec().model().masking())[0];
            double networkLogit = Math.log(p / (1 - p));
            assertThat(sum).as(preset.id()).isCloseTo(networkLogit, within(2e-4));
            double[] shares = in.wordAndPaddingShares();
            assertThat(shares[0] + shares[1] + in.readout().bias()).isCloseTo(sum, within(1e-9));
        }
    }

    @Test
    void theLastStateVariantHasExactlyOneContributingRowAndItIsTheRowItReads() {
        Inspection in = InspectFixtures.model(Preset.QUESTION_LAST).inspect(InspectFixtures.validationReview(Preset.QUESTION_LAST, 0));

        assertThat(in.readout().contributingSteps()).isEqualTo(1);
        assertThat(in.lastStateRow()).isEqualTo(in.timeSteps() - 1);
        assertThat(in.readout().contributions()[in.lastStateRow()]).isNotZero();
        assertThat(in.denseInput()).containsExactly(in.states().values()[in.timeSteps() - 1]);
        assertThat(in.foldsWeights()).isFalse();
    }

    @Test
    void flattenHandsTheDenseLayerTheWholeMatrixInTheOrderItsWeightsRead() {
        TrainingRun run = InspectFixtures.trained(Preset.QUESTION_FLATTEN);
        Inspection in = InspectFixtures.model(Preset.QUESTION_FLATTEN).inspect(InspectFixtures.validationReview(Preset.QUESTION_FLATTEN, 3));

        // the Dense layer's own weight vector, as DL4J stores it, times the vector the view says it reads
        float[] input = in.denseInput();
        float[] w = run.network().getOutputLayer().getParam("W").dup().data().asFloat();
        double logit = run.network().getOutputLayer().getParam("b").getDouble(0);
        for (int i = 0; i < w.length; i++) {
            logit += (double) w[i] * input[i];
        }
        float p = SplitEvaluator.predict(run.network(), run.data().validation(), new int[] {3}, false)[0];
        assertThat(input).hasSize(in.timeSteps() * in.units());
        assertThat(1 / (1 + Math.exp(-logit))).isCloseTo(p, within(1e-6));
        assertThat(in.lastStateRow()).isEqualTo(-1);
    }

    @Test
    void aCellsDescriptionNamesTheTokenAtThatTimeStep() {
        Inspection in = InspectFixtures.model(Preset.QUESTION_FLATTEN).inspect(InspectFixtures.validationReview(Preset.QUESTION_FLATTEN, 2));
        int t = in.review().lastWordPosition();

        assertThat(in.describeCell(t, 3)).startsWith("t = " + t + ", u = 3, h = ")
                .endsWith("token = " + in.review().words()[t]);
        assertThat(in.describeCell(in.timeSteps() - 1, 0)).endsWith("token = <pad>");
    }

    @Test
    void theCsvHasAHeaderAndOneRowPerTimeStepWithUPlusThreeColumns() {
        Inspection in = InspectFixtures.model(Preset.QUESTION_FLATTEN).inspect("great, great film");

        String[] lines = InspectionCsv.write(in).split("\n");

        assertThat(lines).hasSize(in.timeSteps() + 1);
        assertThat(lines[0]).startsWith("t,token,contribution,h0,h1");
        for (String line : lines) {
            assertThat(line.split(",", -1)).hasSize(in.units() + 3);
        }
        assertThat(lines[1]).startsWith("0,great,");
        assertThat(Float.parseFloat(lines[2].split(",")[3 + 5])).isEqualTo(in.states().at(1, 5));
        assertThat(InspectionCsv.quote("a,b")).isEqualTo("\"a,b\"");
    }

    @Test
    void theHeadlessImageHasItsFixedSizeAndShowsMoreThanOneColour() {
        Inspection in = InspectFixtures.model(Preset.QUESTION_FLATTEN).inspect(InspectFixtures.validationReview(Preset.QUESTION_FLATTEN, 1));

        BufferedImage image = InspectionImageRenderer.render(in);

        assertThat(image.getWidth()).isEqualTo(InspectionImageRenderer.WIDTH);
        assertThat(image.getHeight()).isEqualTo(InspectionImageRenderer.HEIGHT);
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours.size()).isGreaterThan(50);
    }

    @Test
    void aReviewArgumentIsAFileWhenSuchAFileExistsOtherwiseTheText(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("r.txt");
        java.nio.file.Files.writeString(file, "from the file");

        assertThat(ReviewInput.read(file.toString())).isEqualTo("from the file");
        assertThat(ReviewInput.read("a great movie")).isEqualTo("a great movie");
        // a path that names no file is a mistake, not a two-word review
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReviewInput.read(dir.resolve("missing.txt").toString()))
                .hasMessageContaining("no review file at");
        assertThat(ReviewInput.read("great, really great.")).isEqualTo("great, really great.");
    }
}
