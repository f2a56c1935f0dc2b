package org.flattenexplorer.keras;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flattenexplorer.data.Padding;
import org.flattenexplorer.inspect.InspectedModel;
import org.flattenexplorer.inspect.Inspection;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Head;
import org.flattenexplorer.training.TrainingFixtures;
import org.flattenexplorer.training.TrainingListener;
import org.flattenexplorer.training.TrainingRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The whole path at the question's full size: one of the app's own short runs (Embedding(V, 128, 500) -> LSTM(128,
 * return_sequences=True) -> Flatten -> Dense(1, sigmoid)) written as a Keras HDF5 file BY THIS PROJECT (not by
 * Keras, see {@link QuestionShapedKerasFile}), opened through DL4J's import, and inspected like the run itself.
 */
class QuestionShapedImportTest {
    @TempDir
    static Path temp;
    private static TrainingRun run;
    private static Path h5;
    private static Path tokenizer;

    @BeforeAll
    static void trainAndWrite() throws Exception {
        ExperimentSpec spec = ExperimentSpec.question().toBuilder().trainSize(64).valSize(32).testSize(0)
                .epochs(1).build();
        run = new TrainingRun(spec, TrainingFixtures.synthetic(spec));
        run.run(TrainingListener.NONE);
        h5 = temp.resolve("question_flatten.h5");
        tokenizer = temp.resolve("tokenizer.json");
        QuestionShapedKerasFile.write(h5, spec, run.network(), run.data().vocabulary());
        QuestionShapedKerasFile.writeTokenizer(tokenizer, run.data().vocabulary());
    }

    private static OpenedKerasModel open() {
        return OpenedKerasModel.open(h5, tokenizer, Padding.POST, Padding.PRE);
    }

    @Test
    void theFileOpensAsTheQuestionsModelAndItsImportMatchesTheReferencePass() {
        OpenedKerasModel m = open();

        assertThat(m.problems()).isEmpty();
        assertThat(m.family()).isPresent();
        ExperimentSpec spec = m.family().get().spec();
        assertThat(spec.model().returnSequences()).isTrue();
        assertThat(spec.model().head()).isEqualTo(Head.FLATTEN);
        assertThat(spec.data().maxlen()).isEqualTo(500);
        assertThat(spec.model().units()).isEqualTo(128);
        assertThat(spec.model().embedding()).isEqualTo(128);
        assertThat(m.imported().importedAs().get("flatten_1")).contains("KerasOrderFlatten");
        assertThat(KerasModelReport.summary(m)).contains("(None, 500, 128)").contains("(None, 64000)").contains("64,001")
                .contains("131,584");

        ImportCheck.Result check = ImportCheck.againstReference(m.file(), m.imported(), 2);
        assertThat(check.worst()).as(check.layers().toString()).isLessThanOrEqualTo(1e-5);
    }

    @Test
    void theImportedModelShowsTheSameHiddenStatesFlattenAndContributionsAsTheRun() {
        InspectedModel imported = open().inspected();
        InspectedModel original = new InspectedModel("run", run.network(), run.spec(), run.data().vocabulary());
        String text = run.data().validation().reviews().get(0).text();

        Inspection mine = imported.inspect(text);
        Inspection theirs = original.inspect(text);

        assertThat(mine.review().tokens()).isEqualTo(theirs.review().tokens());
        float worst = 0;
        for (int t = 0; t < mine.timeSteps(); t++) {
            for (int u = 0; u < mine.units(); u++) {
                worst = Math.max(worst, Math.abs(mine.states().at(t, u) - theirs.states().at(t, u)));
            }
        }
        assertThat(worst).as("hidden states").isLessThanOrEqualTo(1e-5f);
        assertThat(mine.readout().logit()).isCloseTo(theirs.readout().logit(), org.assertj.core.data.Offset.offset(1e-4));
        // the contributions plus the bias are the imported model's own logit
        double sum = mine.readout().bias();
        for (double c : mine.readout().contributions()) {
            sum += c;
        }
        float[][] ids = new float[1][mine.timeSteps()];
        for (int t = 0; t < mine.timeSteps(); t++) {
            ids[0][t] = mine.review().tokens()[t];
        }
        double p = imported.network().output(Nd4j.createFromArray(ids)).getDouble(0);
        assertThat(sum).isCloseTo(Math.log(p / (1 - p)), org.assertj.core.data.Offset.offset(1e-4));
        assertThat(mine.foldsWeights()).isTrue();
        assertThat(mine.denseInput()).hasSize(64_000);
    }

    @Test
    void inspectKerasWritesTheSamePictureAsForARun() throws Exception {
        Path png = temp.resolve("keras.png");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = org.flattenexplorer.cli.Cli.run(new String[] {"inspect", "--keras", h5.toString(), "--tokenizer",
                tokenizer.toString(), "--padding", "post", "--truncating", "pre", "--review",
                "a great film with a wonderful cast", "--png", png.toString()},
                new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("logit").contains("Wrote " + png);
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }
}
