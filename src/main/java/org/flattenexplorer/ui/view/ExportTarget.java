package org.flattenexplorer.ui.view;

import java.nio.file.Path;
import java.util.Optional;

/** Asks where to save an export: a file dialog in the app, a fixed folder in tests. */
@FunctionalInterface
public interface ExportTarget {
    Optional<Path> choose(String title, String suggestedName, String extension);

    /** Saves into a folder without asking. */
    static ExportTarget folder(Path folder) {
        return (title, name, extension) -> Optional.of(folder.resolve(name));
    }
}
