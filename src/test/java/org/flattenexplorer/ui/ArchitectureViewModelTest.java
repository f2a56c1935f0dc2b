package org.flattenexplorer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.flattenexplorer.model.Cell;
import org.flattenexplorer.model.Head;
import org.flattenexplorer.model.KerasSummary;
import org.flattenexplorer.ui.viewmodel.ArchitectureViewModel;
import org.flattenexplorer.ui.viewmodel.DiagramStep;
import org.flattenexplorer.ui.viewmodel.HeadChoice;
import org.junit.jupiter.api.Test;

class ArchitectureViewModelTest {
    private final ArchitectureViewModel vm = new ArchitectureViewModel();

    private KerasSummary.Row row(String name) {
        return vm.summaryProperty().get().rows().stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }

    @Test
    void theQuestionsModelFlattensAllHiddenStatesInto64000Numbers() {
        assertThat(row("lstm").outputShape()).isEqualTo("(None, 500, 128)");
        assertThat(row("lstm").params()).isEqualTo(131_584);
        assertThat(row("flatten").outputShape()).isEqualTo("(None, 64000)");
        assertThat(row("dense").params()).isEqualTo(64_001);
        assertThat(row("embedding").params()).isEqualTo(4_768_256);
        assertThat(DiagramStep.text(vm.diagramProperty().get()))
                .contains("(None, 500, 128) -> Flatten -> (None, 64000) -> Dense -> (None, 1)");
        assertThat(vm.validProperty().get()).isTrue();
    }

    @Test
    void returnSequencesOffMakesFlattenANoOpOnTheLastState() {
        vm.returnSequencesProperty().set(false);
        assertThat(row("lstm").outputShape()).isEqualTo("(None, 128)");
        assertThat(row("flatten").outputShape()).isEqualTo("(None, 128)");
        assertThat(row("dense").params()).isEqualTo(129);
        assertThat(vm.noteProperty().get()).contains("no-op");
        assertThat(vm.headChoiceProperty().get()).isEqualTo(HeadChoice.LAST_STATE);

        vm.flattenProperty().set(false);
        assertThat(row("flatten")).isNull();
        assertThat(row("dense").params()).isEqualTo(129);
        assertThat(vm.noteProperty().get()).isEmpty();
        assertThat(vm.validProperty().get()).isTrue();
    }

    @Test
    void returnSequencesWithoutAHeadIsInvalidWithTheCoresReason() {
        vm.flattenProperty().set(false);
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.invalidReasonProperty().get()).contains("(None, 500, 1)");
        assertThat(row("dense").outputShape()).isEqualTo("(None, 500, 1)");
        assertThat(vm.headChoiceProperty().get()).isNull();
    }

    @Test
    void maskingTheFlattenModelIsInvalidWithKerassReasonAndTheLastStateTakesTheMask() {
        vm.maskingProperty().set(true);
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.invalidReasonProperty().get()).contains("Flatten does not support masking");

        vm.chooseHead(HeadChoice.LAST_STATE);
        assertThat(vm.validProperty().get()).isTrue();
        assertThat(vm.invalidReasonProperty().get()).isEmpty();
    }

    @Test
    void choosingGlobalMaxPoolingTurnsFlattenOffAndReturnSequencesOn() {
        vm.chooseHead(HeadChoice.LAST_STATE);
        vm.chooseHead(HeadChoice.GLOBAL_MAX);
        assertThat(vm.spec().model().returnSequences()).isTrue();
        assertThat(vm.spec().model().head()).isEqualTo(Head.GLOBAL_MAX);
        assertThat(vm.flattenProperty().get()).isFalse();
        assertThat(row("dense").params()).isEqualTo(129);

        vm.flattenProperty().set(true);
        assertThat(vm.spec().model().head()).isEqualTo(Head.FLATTEN);
        assertThat(vm.headChoiceProperty().get()).isEqualTo(HeadChoice.FLATTEN);
    }

    @Test
    void unitsAndMaxlenChangeTheParameterCountsAtOnce() {
        vm.unitsProperty().set(64);
        vm.maxlenProperty().set(200);
        assertThat(row("flatten").outputShape()).isEqualTo("(None, 12800)");
        assertThat(row("dense").params()).isEqualTo(12_801);
        assertThat(row("lstm").params()).isEqualTo(4L * 64 * (128 + 64 + 1));
    }

    @Test
    void thePreparedVocabularySizesTheEmbeddingRow() {
        vm.vocabularySizeProperty().set(1000);
        assertThat(row("embedding").params()).isEqualTo(128_000);
    }

    @Test
    void theCellChooserAndBidirectionalSwitchChangeTheRecurrentRowTheDiagramAndTheDense() {
        vm.cellProperty().set(Cell.GRU);
        assertThat(row("gru").params()).isEqualTo(99_072);
        assertThat(DiagramStep.text(vm.diagramProperty().get())).contains("-> GRU -> (None, 500, 128)");

        vm.bidirectionalProperty().set(true);
        assertThat(row("bidirectional").params()).isEqualTo(198_144);
        assertThat(row("flatten").outputShape()).isEqualTo("(None, 128000)");
        assertThat(row("dense").params()).isEqualTo(128_001);
        assertThat(DiagramStep.text(vm.diagramProperty().get())).contains("Bidirectional(GRU) -> (None, 500, 256)");

        vm.goBackwardsProperty().set(true);
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.invalidReasonProperty().get()).contains("go_backwards").contains("Bidirectional");

        vm.load(org.flattenexplorer.model.Preset.LAST_GO_BACKWARDS.spec());
        assertThat(vm.cellProperty().get()).isEqualTo(Cell.LSTM);
        assertThat(vm.goBackwardsProperty().get()).isTrue();
        assertThat(vm.bidirectionalProperty().get()).isFalse();
        assertThat(vm.spec()).isEqualTo(org.flattenexplorer.model.Preset.LAST_GO_BACKWARDS.spec());
    }
}
