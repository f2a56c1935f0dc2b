package org.flattenexplorer.ui.view;

import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.flattenexplorer.ui.viewmodel.DataViewModel;

/**
 * The first-run panel, over the window while no reviews are available: what the app is for, and the three ways to
 * get data. It goes away by itself once data is found; the data panel remembers the choice for the next start.
 */
public final class WelcomePane extends StackPane {

    public WelcomePane(DataViewModel vm, Supplier<Window> owner, Runnable startLesson) {
        Label title = new Label("Welcome to Flatten Explorer");
        title.getStyleClass().add("welcome-title");
        title.setStyle("-fx-font-size: 1.6em; -fx-font-weight: bold;");
        Label about = new Label("Flatten Explorer answers \"What is this Flatten layer doing in my LSTM?\" with live "
                + "experiments: it trains the real Keras-style model on IMDB movie reviews while you watch. Toggle "
                + "return_sequences, Flatten, padding and masking, and see why one model learns and the other stays "
                + "at 50%.");
        about.setWrapText(true);
        Label how = new Label("First, the reviews: download the official IMDB archive (84 MB, all 50,000 "
                + "reviews), open an aclImdb folder or a CSV/TSV file of your own labelled texts, or use generated "
                + "reviews.");
        how.setWrapText(true);
        Label message = new Label();
        message.getStyleClass().add("note");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        ArchitectureView.showOnlyWhenText(message);
        DataChoices choices = new DataChoices(vm, owner);

        javafx.scene.control.Button lesson = new javafx.scene.control.Button(
                "Lesson: What is this Flatten layer doing in my LSTM?");
        lesson.setId("welcomeLesson");
        lesson.setWrapText(true);
        lesson.setOnAction(e -> startLesson.run());
        Label lessonHint = new Label("A guided walk through the question in ten steps, for a class or on your own; "
                + "it starts once the reviews are chosen.");
        lessonHint.setWrapText(true);
        lessonHint.getStyleClass().add("muted");
        for (Label wrapping : new Label[] {about, how, message, lessonHint}) {
            wrapping.setMinHeight(USE_PREF_SIZE); // the card grows to the text's height instead of cutting it
        }
        VBox card = new VBox(12, title, about, how, choices.buttons(), choices.downloadBox(), message, lesson, lessonHint);
        card.setId("welcome");
        card.setMaxHeight(USE_PREF_SIZE);
        card.setPadding(new Insets(24));
        // 46em: wide enough that large projector text needs few lines and the card fits a 720-pixel screen
        card.setStyle("-fx-max-width: 46em; -fx-background-color: -fx-background; -fx-background-radius: 8; -fx-border-radius: 8; "
                + "-fx-border-color: -fx-box-border; -fx-effect: dropshadow(gaussian, rgba(0,0,0,0.35), 18, 0, 0, 4);");
        getChildren().add(card);
        setAlignment(Pos.CENTER);
        setStyle("-fx-background-color: rgba(0,0,0,0.25);");
        visibleProperty().bind(vm.hasDataProperty().not());
        managedProperty().bind(visibleProperty());
    }
}
