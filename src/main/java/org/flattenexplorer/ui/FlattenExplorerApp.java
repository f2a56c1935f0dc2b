package org.flattenexplorer.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.flattenexplorer.ui.task.FxTaskExecutor;

/** The Flatten Explorer window. Started by {@link org.flattenexplorer.Launcher} with no arguments. */
public final class FlattenExplorerApp extends Application {
    public static final String TITLE = "Flatten Explorer";
    private FxTaskExecutor executor;

    @Override
    public void start(Stage stage) {
        executor = new FxTaskExecutor();
        MainView view = new MainView(AppServices.fromSystem(executor));
        Scene scene = new Scene(view, 1560, 960);
        stage.setTitle(TITLE);
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            var icon = FlattenExplorerApp.class.getResourceAsStream("icons/icon-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new javafx.scene.image.Image(icon));
            }
        }
        stage.setScene(scene);
        stage.setFullScreenExitHint("Projector mode: F11 leaves full screen");
        stage.setFullScreenExitKeyCombination(javafx.scene.input.KeyCombination.NO_MATCH);
        view.start(scene, stage);
        stage.show();
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.shutdown();
        }
    }

    public static void launchWindow(String[] args) {
        Application.launch(FlattenExplorerApp.class, args);
    }
}
