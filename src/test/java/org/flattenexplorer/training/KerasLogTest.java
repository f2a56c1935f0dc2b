package org.flattenexplorer.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one Keras-style log: what the window's list, the terminal and a redirected output each end up showing. */
class KerasLogTest {

    /** A list that replaces its last line while a progress line is open, as the window's log does. */
    private static final class Lines implements KerasLog.Sink {
        final List<String> lines = new ArrayList<>();
        boolean open;

        @Override
        public void line(String text) {
            put(text);
            open = false;
        }

        @Override
        public void progress(String text) {
            put(text);
            open = true;
        }

        private void put(String text) {
            if (open) {
                lines.set(lines.size() - 1, text);
            } else {
                lines.add(text);
            }
        }
    }

    @Test
    void anEpochIsItsHeaderAndOneClosingLineThatTakesTheProgressBarsPlace() {
        Lines log = new Lines();
        for (int batch = 1; batch <= 3; batch++) {
            KerasLog.write(new TrainingEvent.BatchEnd(1, 2, batch, 3, 0.7, 0.69, 0.5), log);
            if (batch == 2) {
                assertThat(log.lines).containsExactly("Epoch 1/2",
                        "2/3 [===================>..........] - loss: 0.6900 - accuracy: 0.5000");
            }
        }
        KerasLog.write(new TrainingEvent.EpochEnd(new EpochMetrics(1, 0.69, 0.5, 0.70, 0.48, 2.0), 2, 3), log);

        assertThat(log.lines).hasSize(2);
        assertThat(log.lines.get(1)).startsWith("3/3 [==============================] - 2s")
                .endsWith("- val_loss: 0.7000 - val_accuracy: 0.4800");
    }

    @Test
    void theEndOfARunIsSaidInOneLine() {
        RunResult done = new RunResult(RunStatus.FINISHED, List.of(new EpochMetrics(1, 0.69, 0.5, 0.70, 0.48, 2.0)),
                List.of(), 0.51, 12.4);
        Lines log = new Lines();
        KerasLog.write(new TrainingEvent.Finished(done), log);
        KerasLog.write(new TrainingEvent.Cancelled(done), log);
        KerasLog.write(new TrainingEvent.Failed("the disk is full", null), log);
        assertThat(log.lines).containsExactly(
                "Finished in 12 s · best val_accuracy 0.4800 (epoch 1) · test accuracy 0.5100",
                "Stopped after 1 complete epochs; kept as a cancelled run.",
                "Training failed: the disk is full");
    }
}
