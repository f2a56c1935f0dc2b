package org.flattenexplorer.ui;

import java.nio.file.Path;
import org.flattenexplorer.keras.QuestionShapedKerasFile;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Implementation;
import org.flattenexplorer.training.TrainingFixtures;
import org.flattenexplorer.training.TrainingListener;
import org.flattenexplorer.training.TrainingRun;

/** A one-epoch run of {@link TinySpecs#flatten()} written in Keras's HDF5 layout by this project (not by Keras). */
record TinyKerasModel(Path h5, Path tokenizer) {
    static TinyKerasModel write(Path folder) throws Exception {
        ExperimentSpec spec = TinySpecs.flatten().toBuilder().implementation(Implementation.FAST).epochs(1).build();
        TrainingRun run = new TrainingRun(spec, TrainingFixtures.synthetic(spec));
        run.run(TrainingListener.NONE);
        TinyKerasModel files = new TinyKerasModel(folder.resolve("tiny.h5"), folder.resolve("tokenizer.json"));
        QuestionShapedKerasFile.write(files.h5, spec, run.network(), run.data().vocabulary());
        QuestionShapedKerasFile.writeTokenizer(files.tokenizer, run.data().vocabulary());
        return files;
    }
}
