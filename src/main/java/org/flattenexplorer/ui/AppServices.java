package org.flattenexplorer.ui;

import java.nio.file.Path;
import java.util.Optional;
import org.flattenexplorer.data.DataLocator;
import org.flattenexplorer.training.RunStore;
import org.flattenexplorer.ui.task.TaskExecutor;
import org.flattenexplorer.ui.view.ExportTarget;
import org.flattenexplorer.ui.viewmodel.UiSettings;

/**
 * What the window is built from, injectable for tests: where runs are kept, the remembered settings, the task
 * executor, where exports go (null = ask with a file dialog), and how data is found at start.
 */
public record AppServices(RunStore store, UiSettings settings, TaskExecutor executor, ExportTarget exportTarget,
                          DataLocator locator, Optional<String> environmentData, Path downloadFolder) {

    /** The system property that moves the run store (tests, screenshots). */
    public static final String RUNS_PROPERTY = RunStore.ROOT_PROPERTY;
    /** The system property that moves the settings file. */
    public static final String SETTINGS_PROPERTY = "flatten.settings";

    public static AppServices fromSystem(TaskExecutor executor) {
        Path runs = RunStore.defaultRoot();
        Path settings = Optional.ofNullable(System.getProperty(SETTINGS_PROPERTY)).map(Path::of)
                .orElse(UiSettings.defaultFile());
        String env = System.getenv(DataLocator.ENV_VARIABLE);
        return new AppServices(new RunStore(runs), new UiSettings(settings), executor, null, DataLocator.system(),
                Optional.ofNullable(env).filter(s -> !s.isBlank()), DataLocator.defaultDataFolder());
    }
}
