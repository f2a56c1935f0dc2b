package org.flattenexplorer.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.application.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The window bench's responsiveness probe sees a stall of the UI thread once, at its length. */
@ExtendWith(ApplicationExtension.class)
class UiStallProbeTest {

    @Test
    void aBlockedUiThreadShowsAsTheWorstWait() throws Exception {
        UiStallProbe probe = new UiStallProbe();
        probe.start();
        Thread.sleep(100);
        Platform.runLater(() -> sleep(300)); // a 300 ms frame
        Thread.sleep(500);
        probe.stop();
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(probe.worstMillis()).isBetween(200.0, 1000.0);
        // the stall began ~100 ms after the start (the probe waiting through it was queued a little before)
        assertThat(probe.worstAtSeconds()).isBetween(0.05, 0.4);
        assertThat(probe.percentileMillis(0.5)).as("most probes ran at once").isLessThan(50);
        // one probe waited through the stall, not one for every 10 ms of it
        assertThat(probe.probes()).isBetween(10, 60);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
