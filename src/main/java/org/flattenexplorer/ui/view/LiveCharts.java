package org.flattenexplorer.ui.view;

import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.flattenexplorer.charts.RunCurves;
import org.flattenexplorer.training.EpochMetrics;
import org.flattenexplorer.ui.viewmodel.TrainingViewModel;
import org.jfree.chart.fx.ChartViewer;

/** The live curves of the current run ({@link RunCurves}, the same charts as the handout's), fed by the view model. */
public final class LiveCharts extends HBox {
    private final RunCurves curves = new RunCurves();
    private final ChartViewer lossViewer;
    private final ChartViewer accuracyViewer;

    public LiveCharts(TrainingViewModel vm, ThemeManager theme) {
        lossViewer = ChartViewers.create(curves.lossChart(), "lossChart");
        accuracyViewer = ChartViewers.create(curves.accuracyChart(), "accuracyChart");
        getChildren().addAll(lossViewer, accuracyViewer);
        HBox.setHgrow(lossViewer, Priority.ALWAYS);
        HBox.setHgrow(accuracyViewer, Priority.ALWAYS);
        setSpacing(4);

        vm.epochs().addListener((ListChangeListener<EpochMetrics>) c -> curves.showEpochs(vm.epochs()));
        vm.batchLosses().addListener((ListChangeListener<TrainingViewModel.BatchPoint>) this::batchesChanged);
        vm.bestEpochProperty().addListener((o, was, best) -> curves.showBest(best.intValue()));
        vm.totalEpochsProperty().addListener((o, was, n) -> curves.setEpochs(n.intValue()));
        vm.runNameProperty().addListener((o, was, name) -> curves.setTitle(name));
        curves.setEpochs(vm.totalEpochsProperty().get());
        theme.onChange(() -> curves.style(theme.fontSizeProperty().get(), theme.highContrast(), theme.lineWidth()));
    }

    private void batchesChanged(ListChangeListener.Change<? extends TrainingViewModel.BatchPoint> c) {
        curves.lossChart().setNotify(false);
        boolean cleared = false;
        while (c.next()) {
            cleared |= c.wasRemoved();
            for (TrainingViewModel.BatchPoint p : c.getAddedSubList()) {
                curves.addBatchLoss(p.x(), p.loss());
            }
        }
        if (cleared) {
            curves.clearBatches();
            List<? extends TrainingViewModel.BatchPoint> all = c.getList();
            all.forEach(p -> curves.addBatchLoss(p.x(), p.loss()));
        }
        curves.batchesAdded();
        curves.lossChart().setNotify(true);
    }

    public ChartViewer lossViewer() {
        return lossViewer;
    }

    public ChartViewer accuracyViewer() {
        return accuracyViewer;
    }
}
