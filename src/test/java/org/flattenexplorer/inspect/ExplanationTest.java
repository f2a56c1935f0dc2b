package org.flattenexplorer.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flattenexplorer.model.Cell;
import org.flattenexplorer.model.Preset;
import org.flattenexplorer.training.EpochMetrics;
import org.flattenexplorer.training.RunResult;
import org.flattenexplorer.training.RunStatus;
import org.junit.jupiter.api.Test;

class ExplanationTest {

    private static Explanation.Evidence run(String name, org.flattenexplorer.model.ExperimentSpec spec,
                                            double valAccuracy) {
        EpochMetrics epoch = new EpochMetrics(1, 0.5, 0.9, 0.6, valAccuracy, 1.0);
        return new Explanation.Evidence(name, spec, new RunResult(RunStatus.FINISHED, List.of(epoch), List.of(), 0.6, 1));
    }

    @Test
    void aRunOfAnotherCellOrDirectionIsNeverQuotedForTheLstmReadForwards() {
        List<Explanation.Evidence> runs = List.of(
                run("backwards", Preset.LAST_GO_BACKWARDS.spec(), 0.71),
                run("gru", Preset.GRU_LAST.spec(), 0.52),
                run("both ways", Preset.BIDIRECTIONAL_LAST.spec(), 0.65));

        assertThat(Explanation.find(runs, Preset.QUESTION_LAST)).isEmpty();
        assertThat(Explanation.find(runs, Preset.LAST_GO_BACKWARDS)).get()
                .extracting(Explanation.Evidence::name).isEqualTo("backwards");
        assertThat(Explanation.find(runs, Preset.GRU_LAST).orElseThrow().spec().model().cell()).isEqualTo(Cell.GRU);
    }

    @Test
    void theBackwardsClaimQuotesTheUsersGoBackwardsRun() {
        List<Explanation.Claim> claims = Explanation.build(List.of(run("backwards", Preset.LAST_GO_BACKWARDS.spec(),
                0.71)));

        Explanation.Claim backwards = claims.get(claims.size() - 1);
        assertThat(backwards.preset()).isEqualTo(Preset.LAST_GO_BACKWARDS);
        assertThat(backwards.text()).contains("go_backwards=True").contains("\"backwards\"").contains("0.710");
        assertThat(claims.stream().filter(c -> c.preset() == Preset.QUESTION_LAST).findFirst().orElseThrow()
                .evidence()).isEmpty();
    }
}
