package org.flattenexplorer.ui;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.flattenexplorer.data.DataLocator;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.training.RunStore;
import org.flattenexplorer.ui.task.FxTaskExecutor;
import org.flattenexplorer.ui.view.ExportTarget;
import org.flattenexplorer.ui.viewmodel.UiSettings;

/**
 * The real window for GUI tests: its runs in the test's folder, settings in memory, exports written into the
 * test's folder without a dialog, and no IMDB data found at start (the welcome panel shows until data is chosen).
 */
final class TestWindow {
    private TestWindow() {}

    static MainView open(Stage stage, FxTaskExecutor executor, Path runs, Path temp, int width, int height) {
        return open(stage, executor, runs, temp, width, height, UnaryOperator.identity());
    }

    static MainView open(Stage stage, FxTaskExecutor executor, Path runs, Path temp, int width, int height,
                         UnaryOperator<ExperimentSpec> lessonSpecs) {
        AppServices services = new AppServices(new RunStore(runs), UiSettings.inMemory(), executor,
                ExportTarget.folder(temp), new DataLocator(name -> null, temp.resolve("home")), Optional.empty(),
                temp.resolve("data"));
        MainView view = new MainView(services, lessonSpecs);
        Scene scene = new Scene(view, width, height);
        stage.setScene(scene);
        stage.setWidth(width); // the stage is shared by the test classes: size it, whatever the last one did
        stage.setHeight(height);
        view.start(scene, stage);
        stage.show();
        return view;
    }
}
