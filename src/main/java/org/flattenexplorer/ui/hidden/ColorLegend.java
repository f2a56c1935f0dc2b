package org.flattenexplorer.ui.hidden;

import java.util.Locale;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import org.flattenexplorer.inspect.DivergingColorMap;

/** The colour scale of a heatmap: the shared diverging map from -maxAbs to +maxAbs, 0 in the middle. */
public class ColorLegend extends BorderPane {
    private final DoubleProperty maxAbs = new SimpleDoubleProperty(this, "maxAbs", 1);

    public ColorLegend() {
        WritableImage bar = new WritableImage(256, 10);
        bar.getPixelWriter().setPixels(0, 0, 256, 10, PixelFormat.getIntArgbPreInstance(),
                DivergingColorMap.legendPixels(256, 10), 0, 256);
        ImageView view = new ImageView(bar);
        view.setSmooth(false);
        view.setPreserveRatio(false);
        view.setFitHeight(10);
        view.fitWidthProperty().bind(widthProperty());
        setTop(view);
        Label low = new Label();
        Label zero = new Label("0");
        Label high = new Label();
        low.textProperty().bind(maxAbs.map(m -> String.format(Locale.ROOT, "%+.3f", -m.doubleValue())));
        high.textProperty().bind(maxAbs.map(m -> String.format(Locale.ROOT, "%+.3f", m.doubleValue())));
        setLeft(low);
        setCenter(zero);
        setRight(high);
        BorderPane.setAlignment(zero, Pos.TOP_CENTER);
        setMinWidth(Region.USE_PREF_SIZE);
        getStyleClass().add("color-legend");
        setStyle("-fx-font-size: 0.85em;");
    }

    public DoubleProperty maxAbsProperty() { return maxAbs; }
}
