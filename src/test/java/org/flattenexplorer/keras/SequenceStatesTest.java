package org.flattenexplorer.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.flattenexplorer.data.Padding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hidden states of a model that reads numbers, for one sequence of a .npy or CSV file, through the imported
 * DL4J network: checked against the project's reference pass and, where Keras recorded them, Keras's own outputs.
 */
class SequenceStatesTest {
    private static OpenedKerasModel masking;

    @TempDir
    Path temp;

    @BeforeAll
    static void openMasking() {
        masking = open(KerasFiles.MASKING);
    }

    private static OpenedKerasModel open(String name) {
        return OpenedKerasModel.open(KerasFiles.shared(name), null, Padding.PRE, Padding.PRE);
    }

    /** n sequences of T x F seeded numbers; {@code zeroSteps[b]} lists the steps set to the mask value 0. */
    private static float[] seeded(int n, int steps, int features, int[][] zeroSteps, long seed) {
        Random random = new Random(seed);
        float[] data = new float[n * steps * features];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        for (int b = 0; b < n; b++) {
            for (int t : zeroSteps[b]) {
                for (int f = 0; f < features; f++) {
                    data[(b * steps + t) * features + f] = 0f;
                }
            }
        }
        return data;
    }

    private static double maxDiff(float[][] a, float[][] b) {
        assertThat(a.length).isEqualTo(b.length);
        double max = 0;
        for (int t = 0; t < a.length; t++) {
            assertThat(a[t]).hasSameSizeAs(b[t]);
            for (int u = 0; u < a[t].length; u++) {
                max = Math.max(max, Math.abs(a[t][u] - b[t][u]));
            }
        }
        return max;
    }

    @Test
    void theMaskingModelsStatesEqualTheReferencePassForEveryPaddingWithin1e5() throws Exception {
        int[][] zeros = {{}, {7, 8, 9}, {0, 1, 2, 3}, {3, 4}};
        Path npy = NpyWriter.float32(temp.resolve("seq.npy"), new int[] {4, 10, 42}, seeded(4, 10, 42, zeros, 3));
        NumericSequences sequences = NumericSequences.read(npy, masking.file());
        assertThat(sequences.count()).isEqualTo(4);

        for (int i = 0; i < 4; i++) {
            SequenceStates s = SequenceStates.of(masking, sequences, i);
            Activations one = sequences.one(i);
            float[][] reference = ReferenceForward.states(masking.file(), one, "lstm_1").values()[0];
            Map<String, Activations> keras = ReferenceForward.run(masking.file(), one);

            assertThat(s.timeSteps()).isEqualTo(10);
            assertThat(s.units()).isEqualTo(32);
            assertThat(s.layer()).isEqualTo("lstm_1 (LSTM)");
            assertThat(maxDiff(s.states(), reference)).as("sequence " + i).isLessThanOrEqualTo(1e-5);
            assertThat(s.referenceDifference()).isLessThanOrEqualTo(1e-5);
            assertThat(s.maskedCount()).isEqualTo(zeros[i].length);
            // the model's output (LSTM(32), its last state) is Keras's, padding anywhere
            assertThat(maxDiff(s.output().values()[0], keras.get("lstm_1").values()[0])).as("output " + i)
                    .isLessThanOrEqualTo(1e-5);
            assertThat(s.output().values()[0][0]).containsExactly(s.states()[s.readRow()]);
            assertThat(s.notes()).isEmpty();
        }
        SequenceStates post = SequenceStates.of(masking, sequences, 1);
        assertThat(post.masked()).containsExactly(false, false, false, false, false, false, false, true, true, true);
        assertThat(post.readRow()).isEqualTo(6);
        assertThat(post.states()[9]).containsExactly(post.states()[6]); // a masked step repeats the state, as in Keras
        SequenceStates pre = SequenceStates.of(masking, sequences, 2);
        assertThat(pre.states()[0]).containsOnly(0f); // zeros before the first real step
        assertThat(pre.readRow()).isEqualTo(9);
    }

    @Test
    void theFunctionalModelsStatesAndSoftmaxOutputEqualTheReferenceFromAFloat64NpyOfOneSequence() throws Exception {
        OpenedKerasModel functional = open(KerasFiles.FUNCTIONAL);
        assertThat(functional.imported().sequential()).isFalse();
        Path npy = NpyWriter.write(temp.resolve("one.npy"), 2, "<f8", false, new int[] {10, 4},
                seeded(1, 10, 4, new int[][] {{}}, 5));
        NumericSequences sequences = NumericSequences.read(npy, functional.file());
        assertThat(sequences.count()).isEqualTo(1);

        SequenceStates s = SequenceStates.of(functional, sequences, 0);
        Activations one = sequences.one(0);
        String lstm = SequenceStates.lastRecurrent(functional.file()).name();

        assertThat(s.timeSteps()).isEqualTo(10);
        assertThat(s.units()).isEqualTo(8);
        assertThat(maxDiff(s.states(), ReferenceForward.states(functional.file(), one, lstm).values()[0]))
                .isLessThanOrEqualTo(1e-5);
        Map<String, Activations> reference = ReferenceForward.run(functional.file(), one);
        Activations softmax = reference.values().stream().reduce((a, b) -> b).orElseThrow();
        assertThat(s.outputLayer()).contains("(Dense)");
        assertThat(maxDiff(s.output().values()[0], softmax.values()[0])).isLessThanOrEqualTo(1e-5);
        double sum = 0;
        for (float p : s.output().values()[0][0]) {
            sum += p;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-5));
        assertThat(s.readRow()).isEqualTo(9);
    }

    @Test
    void theRecordedModelsStatesAndOutputsEqualKerasOwnRecordingReadFromACsv() throws Exception {
        OpenedKerasModel simple = open(KerasFiles.SIMPLE);
        Hdf5File.Tensor inputs;
        Hdf5File.Tensor lstm;
        Hdf5File.Tensor dense;
        try (Hdf5File h5 = Hdf5File.open(KerasFiles.shared(KerasFiles.SIMPLE_RECORDING))) {
            inputs = h5.readFloats("inputs/" + h5.children("inputs").get(0));
            lstm = h5.readFloats("activations/lstm_1");
            dense = h5.readFloats("activations/dense_1");
        }
        int n = inputs.dim(0);
        StringBuilder csv = new StringBuilder("x_t0_f0\n");
        for (int b = 0; b < n; b++) {
            csv.append(Float.toString(inputs.data()[b])).append('\n');
        }
        Path file = temp.resolve("recorded.csv");
        java.nio.file.Files.writeString(file, csv);
        NumericSequences sequences = NumericSequences.read(file, simple.file());
        assertThat(sequences.count()).isEqualTo(25);

        for (int b = 0; b < n; b++) {
            SequenceStates s = SequenceStates.of(simple, sequences, b);
            assertThat(s.timeSteps()).isEqualTo(1);
            for (int u = 0; u < 50; u++) {
                assertThat((double) s.states()[0][u]).as("sample %d unit %d", b, u)
                        .isCloseTo(lstm.data()[b * 50 + u], within(1e-5));
            }
            assertThat((double) s.output().values()[0][0][0]).isCloseTo(dense.data()[b], within(1e-5));
        }
    }

    @Test
    void masksInsideTheSequenceStillGiveKerasStatesAndOutput() throws Exception {
        int[][] zeros = {{2, 5, 6}};
        Path npy = NpyWriter.float32(temp.resolve("gap.npy"), new int[] {10, 42}, seeded(1, 10, 42, zeros, 9));
        NumericSequences sequences = NumericSequences.read(npy, masking.file());
        SequenceStates s = SequenceStates.of(masking, sequences, 0);
        Activations one = sequences.one(0);

        assertThat(maxDiff(s.states(), ReferenceForward.states(masking.file(), one, "lstm_1").values()[0]))
                .isLessThanOrEqualTo(1e-5);
        assertThat(maxDiff(s.output().values()[0], ReferenceForward.run(masking.file(), one).get("lstm_1").values()[0]))
                .isLessThanOrEqualTo(1e-5);
        assertThat(s.states()[2]).containsExactly(s.states()[1]);
    }

    @Test
    void aModelThatReadsTokenIdsIsRefusedForNumericSequences() {
        OpenedKerasModel embedding = open(KerasFiles.EMBEDDING_LSTM);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> NumericSequences.inputShape(embedding.file())))
                .isInstanceOf(KerasModelException.class).hasMessageContaining("reads token ids");
        assertThat(List.of(NumericSequences.inputShape(masking.file())[0], NumericSequences.inputShape(masking.file())[1]))
                .containsExactly(10, 42);
    }
}
