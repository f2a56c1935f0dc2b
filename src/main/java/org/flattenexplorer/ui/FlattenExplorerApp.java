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
