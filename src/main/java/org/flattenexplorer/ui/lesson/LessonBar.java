package org.flattenexplorer.ui.lesson;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.flattenexplorer.lesson.LessonFacts;
import org.flattenexplorer.ui.view.ArchitectureView;

/**
 * The lesson's strip over the window: progress dots (click one to jump), the step's title and text, the
 * synthetic-data note, what is being trained, Back and Next, and the speaker notes the teacher can hide (N).
 */
public final class LessonBar extends VBox {
    private final LessonViewModel vm;
    private final HBox dots = new HBox(6);

    public LessonBar(LessonViewModel vm, Runnable exportHandout) {
        this.vm = vm;
        setId("lessonBar");
        getStyleClass().add("lesson-bar");

        Label counter = new Label();
        counter.setId("lessonCounter");
        counter.setMinWidth(Region.USE_PREF_SIZE);
        counter.textProperty().bind(vm.indexProperty().map(i -> (i.intValue() + 1) + " / " + vm.stepCount()));
        counter.setTooltip(new Tooltip("Lesson: " + vm.lesson().title()));
        Button back = button("lessonBack", "\u25c0 Back", "Previous step (Left)", vm::back);
        back.disableProperty().bind(vm.indexProperty().isEqualTo(0));
        Button next = button("lessonNext", "Next \u25b6", "Next step (Right or Space)", vm::next);
        next.disableProperty().bind(vm.indexProperty().isEqualTo(vm.stepCount() - 1));
        ToggleButton notes = new ToggleButton("Notes");
        notes.setId("lessonNotesToggle");
        notes.setTooltip(new Tooltip("Show or hide the speaker notes (N)"));
        notes.selectedProperty().bindBidirectional(vm.notesShownProperty());
        notes.setMinWidth(Region.USE_PREF_SIZE);
        Button handout = button("lessonHandout", "Handout\u2026", "Write the lesson with its figures as one HTML file",
                exportHandout);
        Button leave = button("lessonLeave", "Leave", "Leave the lesson; your own settings come back (Esc)", vm::leave);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(10, dots, counter, spacer, back, next, notes, handout, leave);
        top.setAlignment(Pos.CENTER_LEFT);

        Label title = wrapping("lessonTitle", "lesson-title");
        title.textProperty().bind(vm.titleProperty());
        Label text = wrapping("lessonText", "lesson-text");
        text.textProperty().bind(vm.textProperty());
        Label synthetic = wrapping("lessonSynthetic", "note");
        synthetic.textProperty().bind(vm.syntheticNoteProperty());
        ArchitectureView.showOnlyWhenText(synthetic);
        Label status = wrapping("lessonStatus", "lesson-status");
        status.textProperty().bind(vm.statusProperty());
        ArchitectureView.showOnlyWhenText(status);
        Label speakerNotes = wrapping("lessonNotes", "lesson-notes");
        speakerNotes.textProperty().bind(vm.notesProperty().map(n -> n.isBlank() ? "" : "Notes: " + n));
        speakerNotes.visibleProperty().bind(vm.notesShownProperty().and(vm.notesProperty().isNotEmpty()));
        speakerNotes.managedProperty().bind(speakerNotes.visibleProperty());

        getChildren().addAll(top, title, text, synthetic, status, speakerNotes);
        setSpacing(4);
        setPadding(new Insets(6, 10, 8, 10));
        visibleProperty().bind(vm.activeProperty());
        managedProperty().bind(visibleProperty());
        vm.indexProperty().addListener((o, was, now) -> updateDots());
        updateDots();
    }

    /** One dot a step: the current one filled, the others outlined; each jumps to its step. */
    private void updateDots() {
        dots.getChildren().clear();
        for (int i = 0; i < vm.stepCount(); i++) {
            int step = i;
            Button dot = new Button();
            dot.getStyleClass().add(i == vm.indexProperty().get() ? "lesson-dot-current" : "lesson-dot");
            dot.setId("lessonDot" + (i + 1));
            dot.setFocusTraversable(false);
            dot.setTooltip(new Tooltip((i + 1) + ". " + new LessonFacts().fill(vm.lesson().steps().get(i).title())
                    + (i < 10 ? " (key " + ((i + 1) % 10) + ")" : "")));
            dot.setOnAction(e -> vm.jump(step));
            dots.getChildren().add(dot);
        }
    }

    private static Button button(String id, String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        b.setFocusTraversable(false);
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    private static Label wrapping(String id, String style) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add(style);
        label.setWrapText(true);
        label.setMaxWidth(Double.MAX_VALUE);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }
}
