package org.flattenexplorer.keras;

import static org.assertj.core.api.Assertions.assertThat;

import org.flattenexplorer.data.Padding;
import org.junit.jupiter.api.Test;

/** The shared real Keras files: read, imported through DL4J, and checked against Keras's outputs or the reference pass. */
class KerasImportTest {

    private static OpenedKerasModel open(String name) {
        return OpenedKerasModel.open(KerasFiles.shared(name), null, Padding.PRE, Padding.PRE);
    }

    @Test
    void theImportMatchesKerasOwnRecordedOutputsWithin1e5() {
        OpenedKerasModel m = open(KerasFiles.SIMPLE);

        ImportCheck.Result check = ImportCheck.againstRecording(m.file(), m.imported(),
                KerasFiles.shared(KerasFiles.SIMPLE_RECORDING));

        assertThat(check.samples()).isEqualTo(25);
        assertThat(check.layers()).extracting(ImportCheck.LayerCheck::layer).containsExactly("lstm_1", "dense_1");
        assertThat(check.layers()).allSatisfy(c -> {
            assertThat(c.maxAbsDifference()).as(c.layer() + " DL4J vs Keras").isLessThanOrEqualTo(1e-5);
            assertThat(c.referenceVsKeras()).as(c.layer() + " reference vs Keras").isLessThanOrEqualTo(1e-5);
        });
        assertThat(check.passes()).isTrue();
        assertThat(m.imported().importedAs().get("lstm_1")).contains("LastTimeStep(LSTM").contains("hardsigmoid");
    }

    @Test
    void theOtherSharedModelsMatchTheProjectsReferencePassWithin1e5() {
        for (String name : new String[] {KerasFiles.EMBEDDING_LSTM, KerasFiles.FUNCTIONAL, KerasFiles.MASKING}) {
            OpenedKerasModel m = open(name);
            assertThat(m.problems()).as(name).isEmpty();

            ImportCheck.Result check = ImportCheck.againstReference(m.file(), m.imported(), 6);

            assertThat(check.layers()).as(name).isNotEmpty();
            assertThat(check.worst()).as(name + ": " + check.layers()).isLessThanOrEqualTo(1e-5);
        }
    }

    @Test
    void eachKindOfModelIsImportedAsTheMatchingDl4jNetwork() {
        OpenedKerasModel embedding = open(KerasFiles.EMBEDDING_LSTM);
        assertThat(embedding.imported().sequential()).isTrue();
        assertThat(embedding.imported().importedAs().get("embedding_1")).startsWith("EmbeddingSequenceLayer");
        assertThat(embedding.imported().importedAs().get("lstm_1")).startsWith("LSTM");
        OpenedKerasModel functional = open(KerasFiles.FUNCTIONAL);
        assertThat(functional.imported().sequential()).isFalse();
        assertThat(functional.imported().importedAs().get("outputLayer_a")).contains("softmax");
        OpenedKerasModel masking = open(KerasFiles.MASKING);
        assertThat(masking.imported().importedAs().get("masking_1")).contains("features mask");
    }

    @Test
    void theReportShowsKerasParameterCountsWhatEachLayerBecameAndTheCheck() {
        OpenedKerasModel m = open(KerasFiles.EMBEDDING_LSTM);
        String report = KerasModelReport.text(m, ImportCheck.againstReference(m.file(), m.imported(), 4));

        assertThat(report).contains("Keras 2.1.3").contains(" embedding_1 (Embedding)   ").contains("(None, 10, 5)")
                .contains("(None, 10, 6)").contains("Total params: 308")
                .contains("embedding_1 (Embedding)  ->  EmbeddingSequenceLayer")
                .contains("Check against the project's reference forward pass (4 seeded inputs)")
                .contains("the import computes what Keras computes")
                .contains("Not in the app's family");
        String functional = KerasModelReport.summary(open(KerasFiles.FUNCTIONAL));
        assertThat(functional).contains("416").contains("45").contains("Total params: 461");
        assertThat(KerasModelReport.summary(open(KerasFiles.MASKING))).contains("9,600");
    }

    @Test
    void theReferencePassMasksPaddedStepsLikeKeras() {
        KerasModelFile m = KerasModelFile.read(KerasFiles.shared(KerasFiles.MASKING));
        Activations padded = ImportCheck.seededInput(m, 4, 7);
        // the last state of a padded sequence is the state after its last real step: cutting the padding off changes nothing
        int real = 0;
        for (float[] step : padded.values()[3]) {
            real += step[0] != 0 ? 1 : 0;
        }
        float[][][] cut = {java.util.Arrays.copyOf(padded.values()[3], real)};
        float[] withPadding = ReferenceForward.run(m, padded).get("lstm_1").values()[3][0];
        float[] withoutPadding = ReferenceForward.run(m, new Activations(cut, true, null)).get("lstm_1").values()[0][0];
        assertThat(real).isLessThan(10);
        assertThat(withPadding).containsExactly(withoutPadding, org.assertj.core.data.Offset.offset(1e-6f));
    }
}
