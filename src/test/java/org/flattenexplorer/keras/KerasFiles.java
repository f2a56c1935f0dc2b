package org.flattenexplorer.keras;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real Keras 2 files in ../shared/keras (see SOURCE.txt there), read in place: never copied into the repo. */
final class KerasFiles {
    private KerasFiles() {}

    static Path shared(String name) {
        String folder = System.getProperty("flatten.test.keras");
        Path file = folder == null ? null : Path.of(folder, name);
        if (file == null || !Files.isRegularFile(file)) {
            throw new IllegalStateException("System property flatten.test.keras must name the shared Keras files, was: "
                    + folder);
        }
        return file;
    }

    static final String EMBEDDING_LSTM = "embedding_lstm_tensorflow_2.h5";
    static final String FUNCTIONAL = "lstm_functional_tf_keras_2.h5";
    static final String MASKING = "masking_zero_lstm.h5";
    static final String SIMPLE = "simple_flatten_lstm_tf_keras_2_model.h5";
    static final String SIMPLE_RECORDING = "simple_flatten_lstm_tf_keras_2_inputs_and_outputs.h5";
}
