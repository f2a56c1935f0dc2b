package org.flattenexplorer.ui.view;

import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.util.Callback;

/**
 * A table cell whose text wraps onto more lines when the column is narrow (a projector's large text in a side
 * panel) and makes its row taller, with its full text as a tooltip for what still does not fit (a number has
 * nowhere to wrap).
 */
public final class WrappingCell<S> extends TableCell<S, String> {
    private final Label text = new Label();
    private final Tooltip tooltip = new Tooltip();
    private final TableColumn<S, String> column;

    public WrappingCell(TableColumn<S, String> column) {
        this.column = column;
        text.setWrapText(true);
        text.setMinHeight(USE_PREF_SIZE);
        // the label wraps at the column's width (less the cell's padding), so the row grows to fit it
        text.maxWidthProperty().bind(column.widthProperty().subtract(12));
        text.prefWidthProperty().bind(text.maxWidthProperty());
        text.alignmentProperty().bind(alignmentProperty()); // a right-aligned column (Param #) stays so
        setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
    }

    public static <S> Callback<TableColumn<S, String>, TableCell<S, String>> factory() {
        return WrappingCell::new;
    }

    /** As tall as the text wrapped at the column's width, whatever width the row asks about first. */
    @Override
    protected double computePrefHeight(double width) {
        if (getGraphic() == null) {
            return super.computePrefHeight(width);
        }
        return Math.max(super.computePrefHeight(width),
                text.prefHeight(column.getWidth() - 12) + snappedTopInset() + snappedBottomInset());
    }

    @Override
    protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        text.setText(empty ? null : item);
        setGraphic(empty || item == null ? null : text);
        tooltip.setText(item);
        setTooltip(empty || item == null ? null : tooltip);
    }

    /** A column header that wraps instead of shortening to "...". */
    public static void wrapHeader(TableColumn<?, ?> column) {
        Label header = new Label(column.getText());
        header.setWrapText(true);
        header.setTooltip(new Tooltip(column.getText()));
        header.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        column.setText(null);
        column.setGraphic(header);
    }
}
