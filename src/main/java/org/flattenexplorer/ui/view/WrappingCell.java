package org.flattenexplorer.ui.view;

import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.util.Callback;

/**
 * A table cell whose text wraps onto more lines when the column is narrow (a projector's large text in a side
 * panel), with its full text as a tooltip for what still does not fit (a number has nowhere to wrap).
 */
public final class WrappingCell<S> extends TableCell<S, String> {
    private final Tooltip tooltip = new Tooltip();

    public WrappingCell() {
        setWrapText(true);
    }

    public static <S> Callback<TableColumn<S, String>, TableCell<S, String>> factory() {
        return column -> new WrappingCell<>();
    }

    @Override
    protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty ? null : item);
        tooltip.setText(item);
        setTooltip(empty || item == null ? null : tooltip);
    }

    /** A column header that wraps instead of shortening to "...". */
    public static void wrapHeader(TableColumn<?, ?> column) {
        javafx.scene.control.Label header = new javafx.scene.control.Label(column.getText());
        header.setWrapText(true);
        header.setTooltip(new Tooltip(column.getText()));
        header.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        column.setText(null);
        column.setGraphic(header);
    }
}
