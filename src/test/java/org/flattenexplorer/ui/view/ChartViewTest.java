package org.flattenexplorer.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.geom.Rectangle2D;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelReader;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.flattenexplorer.charts.RunCurves;
import org.flattenexplorer.training.EpochMetrics;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.EntityCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The live charts' view: JFreeChart drawn into an image the size of the view, once per change, with tooltips. */
@ExtendWith(ApplicationExtension.class)
class ChartViewTest {
    private final RunCurves curves = new RunCurves();
    private ChartView view;
    private StackPane root;

    @Start
    void start(Stage stage) {
        curves.setEpochs(3);
        view = new ChartView(curves.lossChart(), "lossChart");
        root = new StackPane(view);
        stage.setScene(new Scene(root, 600, 400));
        stage.show();
    }

    @Test
    void theImageIsTheChartAtTheViewsSizeAndRedrawsOncePerChange(FxRobot robot) {
        ImageView image = (ImageView) view.getChildrenUnmodifiable().get(0);
        assertThat(image.getImage().getWidth()).isEqualTo(view.getWidth() - 4); // inside the 2-pixel focus border
        assertThat(image.getImage().getHeight()).isEqualTo(view.getHeight() - 4);
        int before = view.redraws();

        robot.interact(() -> curves.showEpochs(List.of(new EpochMetrics(1, 0.7, 0.5, 0.69, 0.5, 1),
                new EpochMetrics(2, 0.4, 0.8, 0.6, 0.7, 1))));

        assertThat(view.redraws()).isGreaterThan(before);
        // the val_loss series' colour is drawn somewhere in the plot
        assertThat(countColour(image.getImage().getPixelReader(), (int) image.getImage().getWidth(),
                (int) image.getImage().getHeight(), org.flattenexplorer.charts.ChartStyle.color(1))).isGreaterThan(20);

        robot.interact(() -> root.resize(500, 300));
        robot.interact(() -> root.layout());
        assertThat(image.getImage().getWidth()).isEqualTo(view.getWidth() - 4);
    }

    @Test
    void hoveringAnEpochsPointShowsItsValue(FxRobot robot) {
        robot.interact(() -> curves.showEpochs(List.of(new EpochMetrics(1, 0.7, 0.5, 0.69, 0.5, 1),
                new EpochMetrics(2, 0.4, 0.8, 0.6, 0.7, 1))));
        EntityCollection entities = view.renderingInfo().getEntityCollection();
        ChartEntity point = null;
        for (int i = 0; i < entities.getEntityCount() && point == null; i++) {
            String text = entities.getEntity(i).getToolTipText();
            point = text != null && text.startsWith("val_loss: (2") ? entities.getEntity(i) : null;
        }
        assertThat(point).as("a val_loss point with a tooltip").isNotNull();
        Rectangle2D centre = point.getArea().getBounds2D();

        robot.moveTo(view.localToScreen(centre.getCenterX() + 2, centre.getCenterY() + 2));

        assertThat(tooltipText()).isEqualTo("val_loss: (2, 0.6)");
    }

    private String tooltipText() {
        Object installed = view.getProperties().get("javafx.scene.control.Tooltip");
        return installed instanceof Tooltip t ? t.getText() : null;
    }

    private static int countColour(PixelReader reader, int width, int height, java.awt.Color colour) {
        int n = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int argb = reader.getArgb(x, y);
                if (Math.abs(((argb >> 16) & 0xff) - colour.getRed()) < 8
                        && Math.abs(((argb >> 8) & 0xff) - colour.getGreen()) < 8
                        && Math.abs((argb & 0xff) - colour.getBlue()) < 8) {
                    n++;
                }
            }
        }
        return n;
    }
}
