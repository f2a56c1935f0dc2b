package org.flattenexplorer.ui.view;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import org.flattenexplorer.model.Preset;
import org.flattenexplorer.ui.viewmodel.ExplorerViewModel;

/**
 * One button per main preset (loads it and trains it), the others (the other cells and directions) in a "More"
 * menu so the bar stays one line on a projector, and "Compare all" over one or more seeds.
 */
public final class PresetBar extends FlowPane {
    /** The presets the issue asks for, in the order of the argument. */
    public static final List<Preset> SHOWN = List.of(Preset.QUESTION_FLATTEN, Preset.QUESTION_LAST, Preset.LAST_PRE,
            Preset.LAST_MASKED, Preset.GLOBAL_MAX);

    public PresetBar(ExplorerViewModel vm) {
        getStyleClass().add("preset-bar");
        setHgap(6);
        setVgap(4);
        setAlignment(Pos.CENTER_LEFT);
        getChildren().add(new Label("Presets:"));
        for (int i = 0; i < SHOWN.size(); i++) {
            Preset preset = SHOWN.get(i);
            Button button = new Button(preset.title());
            button.setId("preset-" + preset.id());
            button.setTooltip(new Tooltip(preset.description() + "\nOne click loads it and trains it (Ctrl+" + (i + 1) + ")"));
            button.setOnAction(e -> vm.runPreset(preset));
            button.disableProperty().bind(vm.training().runningProperty());
            getChildren().add(button);
        }
        MenuButton more = new MenuButton("More presets");
        more.setId("morePresets");
        for (Preset preset : Preset.values()) {
            if (!SHOWN.contains(preset)) {
                MenuItem item = new MenuItem(preset.title() + " \u2014 " + preset.description());
                item.setId("preset-" + preset.id());
                item.setMnemonicParsing(false);
                item.setOnAction(e -> vm.runPreset(preset));
                item.disableProperty().bind(vm.training().runningProperty());
                more.getItems().add(item);
            }
        }
        more.setTooltip(new Tooltip("go_backwards, Bidirectional, GRU and average pooling: one click loads and trains"));
        getChildren().add(more);
        Spinner<Integer> seeds = new Spinner<>(1, 10, 1);
        seeds.setId("compareSeeds");
        seeds.setStyle("-fx-pref-width: 5em;");
        Button compare = new Button("Compare all");
        compare.setId("compareAll");
        compare.setTooltip(new Tooltip("Train every preset one after another (over the seeds chosen), then draw each "
                + "variant's mean validation curve with a band for the spread across seeds"));
        compare.setOnAction(e -> vm.compareAll(SHOWN, seeds.getValue()));
        compare.disableProperty().bind(vm.training().runningProperty().or(vm.data().hasDataProperty().not()));
        getChildren().addAll(new Separator(javafx.geometry.Orientation.VERTICAL), compare, new Label("seeds"), seeds);
    }
}
