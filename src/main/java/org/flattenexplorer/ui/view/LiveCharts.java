package org.flattenexplorer.ui.view;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.flattenexplorer.charts.RunCurves;
import org.flattenexplorer.training.EpochMetrics;
import org.flattenexplorer.ui.viewmodel.TrainingViewModel;
import org.jfree.chart.JFreeChart;

/** The live curves of the current run ({@link RunCurves}, the same charts as the handout's), fed by the view model. */
public final class LiveCharts extends HBox {
    private final RunCurves curves = new RunCurves();
    private final ChartView lossViewer;
    private final ChartView accuracyViewer;
    /**
     * The charts whose redraw waits. By identity: a JFreeChart's hashCode and equals follow its contents, so in a
     * HashSet a chart changed while held was not found again, held a second time and drawn twice (both charts at
     * Train and at every epoch's end), and each lookup hashed the whole chart. Over three epochs in the window the
     * charts drew 16 and 8 times; 11 and 4 with this and the view model's single chain of drains.
     */
    private final Set<JFreeChart> held = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Deque<JFreeChart> toRelease = new ArrayDeque<>();
    /** Lets one held chart redraw per frame, then stops (a running AnimationTimer asks for frames). */
    private final AnimationTimer releaser = new AnimationTimer() {
        @Override
        public void handle(long now) {
            JFreeChart chart = toRelease.poll();
            if (chart != null) {
                held.remove(chart);
                chart.setNotify(true);
            }
            if (toRelease.isEmpty()) {
                stop();
            }
        }
    };

    public LiveCharts(TrainingViewModel vm, ThemeManager theme) {
        lossViewer = new ChartView(curves.lossChart(), "lossChart");
        accuracyViewer = new ChartView(curves.accuracyChart(), "accuracyChart");
        getChildren().addAll(lossViewer, accuracyViewer);
        HBox.setHgrow(lossViewer, Priority.ALWAYS);
        HBox.setHgrow(accuracyViewer, Priority.ALWAYS);
        setSpacing(4);

        vm.epochs().addListener((ListChangeListener<EpochMetrics>) c -> {
            holdBoth();
            curves.showEpochs(vm.epochs());
        });
        vm.batchLosses().addListener((ListChangeListener<TrainingViewModel.BatchPoint>) this::batchesChanged);
        vm.bestEpochProperty().addListener((o, was, best) -> {
            hold(curves.accuracyChart());
            curves.showBest(best.intValue());
        });
        vm.totalEpochsProperty().addListener((o, was, n) -> {
            holdBoth();
            curves.setEpochs(n.intValue());
        });
        vm.runNameProperty().addListener((o, was, name) -> {
            holdBoth();
            curves.setTitle(name);
        });
        curves.setEpochs(vm.totalEpochsProperty().get());
        theme.onChange(() -> curves.style(theme.fontSizeProperty().get(), theme.highContrast(), theme.lineWidth()));
    }

    /**
     * Holds a chart's redraw until the current UI event is over, then redraws it once: an epoch's end changes the
     * points, the best-epoch marker and the shading one after the other, and each change would redraw the chart
     * on the UI thread. Two held charts redraw in two frames, one each ({@link #releaser}): when JFreeChart's own
     * viewer drew them (tens of milliseconds each with software rendering), together they made the longest frames
     * of a run (70-100 ms when Train resets both, 50-65 ms at an epoch's end).
     */
    private void hold(JFreeChart chart) {
        if (held.add(chart)) {
            chart.setNotify(false);
            Platform.runLater(() -> {
                toRelease.add(chart);
                releaser.start();
            });
        }
    }

    private void holdBoth() {
        hold(curves.lossChart());
        hold(curves.accuracyChart());
    }

    private void batchesChanged(ListChangeListener.Change<? extends TrainingViewModel.BatchPoint> c) {
        hold(curves.lossChart());
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
    }

    public ChartView lossViewer() {
        return lossViewer;
    }

    public ChartView accuracyViewer() {
        return accuracyViewer;
    }
}
