package org.flattenexplorer.ui;

import java.util.List;
import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.flattenexplorer.training.TrainingWarmUp;
import org.flattenexplorer.ui.task.FxTaskExecutor;

/** The Flatten Explorer window. Started by {@link org.flattenexplorer.Launcher} with no arguments. */
public final class FlattenExplorerApp extends Application {
    public static final String TITLE = "Flatten Explorer";
    /** {@code ./flatten-explorer lesson}: the window opens in the lesson. */
    public static final String LESSON_ARGUMENT = "lesson";
    private FxTaskExecutor executor;

    @Override
    public void start(Stage stage) {
        UiCompilation.keepDrawingCodeOffC2();
        executor = new FxTaskExecutor();
        AppServices services = AppServices.fromSystem(executor);
        MainView view = new MainView(services);
        List<Rectangle2D> screens = Screen.getScreens().stream().map(Screen::getVisualBounds).collect(
                java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
        screens.remove(Screen.getPrimary().getVisualBounds());
        screens.add(0, Screen.getPrimary().getVisualBounds());
        WindowGeometry geometry = WindowGeometry.place(WindowGeometry.read(services.settings()), screens);
        Scene scene = new Scene(view, geometry.width(), geometry.height());
        stage.setX(geometry.x());
        stage.setY(geometry.y());
        stage.setMaximized(geometry.maximized());
        rememberGeometry(stage, services);
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
        if (TrainingWarmUp.enabled()) {
            executor.training(() -> WindowWarmUps.run(executor::trainingWaiting));
        }
        if (getParameters().getRaw().contains(LESSON_ARGUMENT)) {
            view.startLesson();
        }
    }

    /** Saves the last windowed (not full-screen, not maximized) bounds when the window closes. */
    private static void rememberGeometry(Stage stage, AppServices services) {
        double[] normal = new double[4];
        Runnable track = () -> {
            if (!stage.isFullScreen() && !stage.isMaximized() && stage.getWidth() > 0) {
                normal[0] = stage.getX();
                normal[1] = stage.getY();
                normal[2] = stage.getWidth();
                normal[3] = stage.getHeight();
            }
        };
        stage.xProperty().addListener(o -> track.run());
        stage.yProperty().addListener(o -> track.run());
        stage.widthProperty().addListener(o -> track.run());
        stage.heightProperty().addListener(o -> track.run());
        stage.setOnHidden(e -> {
            if (normal[2] > 0) {
                new WindowGeometry(normal[0], normal[1], normal[2], normal[3], stage.isMaximized())
                        .write(services.settings());
            }
        });
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
