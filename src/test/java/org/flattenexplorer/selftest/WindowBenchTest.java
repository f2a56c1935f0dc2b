package org.flattenexplorer.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.ui.TinySpecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * {@code bench --window}'s two sides on a tiny spec: the window trains through the Train button's path with its
 * views updating (after the app's warm-ups) and reports epochs, frames and the first point; headless trains the same
 * run to the same metrics.
 */
@ExtendWith(ApplicationExtension.class)
class WindowBenchTest {

    @Test
    void theWindowAndHeadlessTrainTheSameRunAndTheWindowReportsItsFrames() throws Exception {
        ExperimentSpec spec = TinySpecs.flatten().toBuilder().epochs(3).testSize(0).build();
        // the window after the app's warm-ups, headless without: a warm-up changes no result
        JsonNode window = WindowBench.window(spec, Optional.empty(), new PrintStream(new ByteArrayOutputStream()), true);
        JsonNode headless = WindowBench.headless(spec, Optional.empty(), false);

        assertThat(window.get("warm_up").asBoolean()).isTrue();
        assertThat(headless.get("warm_up").asBoolean()).isFalse();
        assertThat(window.get("epoch_s")).hasSize(3);
        assertThat(headless.get("epoch_s")).hasSize(3);
        assertThat(window.get("epoch_s_median").asDouble()).isPositive();
        assertThat(window.get("frames").asInt()).isPositive();
        assertThat(window.get("worst_frame_ms").asDouble()).isGreaterThanOrEqualTo(window.get("p99_frame_ms").asDouble());
        assertThat(window.get("first_point_s").asDouble()).isPositive();
        assertThat(window.get("ui_cpu_s_per_epoch").asDouble()).isPositive(); // the window drew something
        // the same training code: the same losses and accuracies, epoch by epoch
        assertThat(values(window, "loss")).isEqualTo(values(headless, "loss"));
        assertThat(values(window, "val_accuracy")).isEqualTo(values(headless, "val_accuracy"));
    }

    private static double[] values(JsonNode run, String metric) {
        return StreamSupport.stream(run.get("metrics").spliterator(), false)
                .mapToDouble(m -> m.get(metric).asDouble()).toArray();
    }
}
