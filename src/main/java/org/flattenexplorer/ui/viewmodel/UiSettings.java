package org.flattenexplorer.ui.viewmodel;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/** The few choices the window remembers between starts, in a small properties file (by default ~/.flatten-explorer/ui.properties). */
public final class UiSettings {
    public static final String DATA_FOLDER = "data.folder";
    public static final String DATA_SYNTHETIC = "data.synthetic";
    /** How the reviews file in {@link #DATA_FOLDER} is read (when it names a file): empty = detected. */
    public static final String DATA_FILE_TEXT_COLUMN = "data.file.textColumn";
    public static final String DATA_FILE_LABEL_COLUMN = "data.file.labelColumn";
    public static final String DATA_FILE_LABELS = "data.file.labels";
    public static final String DATA_FILE_SKIP_BAD_ROWS = "data.file.skipBadRows";

    private final Path file;
    private final Properties values = new Properties();

    public UiSettings(Path file) {
        this.file = file;
        if (file != null && Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                values.load(in);
            } catch (IOException e) {
                // unreadable settings: start with defaults
            }
        }
    }

    public static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".flatten-explorer", "ui.properties");
    }

    /** Settings that are never written (tests). */
    public static UiSettings inMemory() {
        return new UiSettings(null);
    }

    public synchronized Optional<String> get(String key) {
        return Optional.ofNullable(values.getProperty(key));
    }

    public synchronized void put(String key, String value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.setProperty(key, value);
        }
        save();
    }

    /** Several values in one write of the file. */
    public synchronized void putAll(java.util.Map<String, String> entries) {
        entries.forEach((k, v) -> {
            if (v == null) {
                values.remove(k);
            } else {
                values.setProperty(k, v);
            }
        });
        save();
    }

    private void save() {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer out = Files.newBufferedWriter(file)) {
                values.store(out, "Flatten Explorer window settings");
            }
        } catch (IOException e) {
            // not remembering a choice is not worth interrupting the user
        }
    }
}
