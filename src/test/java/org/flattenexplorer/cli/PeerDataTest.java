package org.flattenexplorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Arrays;
import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Implementation;
import org.flattenexplorer.model.Preset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files the bench writes for the PyTorch peer hold the rows its workers train and validate on. */
class PeerDataTest {
    @TempDir
    Path temp;

    @Test
    void theSyntheticWorkloadsIdsAndLabelsAreTheWorkersOwn() throws Exception {
        // the bench's workload (bench's defaults, smaller), and the spec a worker reads back from its JSON argument
        ExperimentSpec workload = Preset.QUESTION_FLATTEN.spec().toBuilder().maxlen(60).trainSize(64).valSize(32)
                .testSize(0).epochs(4).build();
        ObjectMapper json = new ObjectMapper();
        ExperimentSpec worker = json.readValue(json.writeValueAsString(workload.toBuilder()
                .implementation(Implementation.FAST).build()), ExperimentSpec.class);
        PreparedDataset trained = BenchWorker.dataset(worker, "");

        PeerData written = PeerData.write(BenchWorker.dataset(workload, ""), temp);

        Int32Npy xTrain = Int32Npy.read(temp.resolve(PeerData.X_TRAIN));
        Int32Npy xVal = Int32Npy.read(temp.resolve(PeerData.X_VAL));
        assertThat(xTrain.shape()).containsExactly(64, 60);
        assertThat(xVal.shape()).containsExactly(32, 60);
        assertThat(xTrain.rows()).isDeepEqualTo(trained.train().tokens());
        assertThat(xVal.rows()).isDeepEqualTo(trained.validation().tokens());
        assertThat(Int32Npy.read(temp.resolve(PeerData.Y_TRAIN)).data()).containsExactly(trained.train().labels());
        assertThat(Int32Npy.read(temp.resolve(PeerData.Y_VAL)).data()).containsExactly(trained.validation().labels());
        // what makes the comparison honest: the padding (index 0) is in the peer's rows too
        assertThat(xTrain.data()).contains(0);
        assertThat(written.train()).isEqualTo(64);
        assertThat(written.validation()).isEqualTo(32);
        assertThat(written.vocabulary()).isEqualTo(QuestionShapedData.VOCAB)
                .isGreaterThan(Arrays.stream(xTrain.data()).max().getAsInt());
        assertThat(written.describe()).isEqualTo("the bench's own token ids (64 train, 32 validation; synthetic token "
                + "ids (question's shape))");
    }
}
