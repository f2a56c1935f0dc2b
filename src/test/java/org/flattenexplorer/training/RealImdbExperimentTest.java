package org.flattenexplorer.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.flattenexplorer.data.DatasetPreparer;
import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Preset;
import org.junit.jupiter.api.Test;

/**
 * The question's experiment on the real IMDB subset, at its real size (448 / 200 reviews, maxlen 500,
 * 128 units, post padding, 7 epochs): Flatten fits the training set and generalizes better than the last
 * hidden state, which cannot even fit the training set after hundreds of padding steps.
 */
class RealImdbExperimentTest {

    private static Path subset() {
        Path root = Path.of(System.getProperty("flatten.test.data", "../shared/imdb/aclImdb-subset"));
        assertThat(root.resolve("train")).as("the IMDB subset the real-data tests need").isDirectory();
        return root;
    }

    private static RunResult train(Preset preset) {
        ExperimentSpec spec = preset.spec().toBuilder().testSize(200).build();
        PreparedDataset data = DatasetPreparer.fromFolder(subset(), spec.data());
        return new TrainingRun(spec, data).run(TrainingListener.NONE);
    }

    @Test
    void flattenFitsAndBeatsTheLastStateWhichCannotFitAfterPostPadding() {
        RunResult flatten = train(Preset.QUESTION_FLATTEN);
        RunResult last = train(Preset.QUESTION_LAST);

        assertThat(flatten.bestTrainingAccuracy()).isGreaterThanOrEqualTo(0.95);
        assertThat(last.bestTrainingAccuracy()).isLessThanOrEqualTo(0.65);
        assertThat(flatten.bestValidationAccuracy()).isGreaterThan(last.bestValidationAccuracy());
    }
}
