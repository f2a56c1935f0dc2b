package org.flattenexplorer.training;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Preset;

/**
 * Run in its own JVM by {@link KillNineTest}: trains a tiny model, starts saving it into the store given as the
 * first argument, and hangs halfway through model.zip after saying so on stdout, so the test can kill -9 it in
 * the middle of a save.
 */
public final class SaveThenHang {
    private SaveThenHang() {}

    public static void main(String[] args) throws Exception {
        ExperimentSpec spec = TrainingFixtures.small(Preset.QUESTION_FLATTEN, 1);
        TrainingRun run = new TrainingRun(spec, TrainingFixtures.synthetic(spec));
        RunResult result = run.run(TrainingListener.NONE);
        RunStore.Disk hangsInTheModel = file -> new FilterOutputStream(Files.newOutputStream(file)) {
            private long written;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                written += len;
                if (file.getFileName().toString().equals(RunStore.MODEL_ZIP) && written > 1000) {
                    out.flush();
                    System.out.println("SAVING " + file);
                    System.out.flush();
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        new RunStore(Path.of(args[0]), hangsInTheModel).save(RunInfo.of("killed", result, spec, run.data()), result,
                run.network(), run.data().vocabulary());
    }
}
