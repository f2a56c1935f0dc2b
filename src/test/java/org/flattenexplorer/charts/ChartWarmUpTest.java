package org.flattenexplorer.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChartWarmUpTest {

    @Test
    void drawsEveryEpochsChartsUnlessAUserRunWaits() {
        assertThat(ChartWarmUp.run(() -> false)).isTrue();

        AtomicInteger asked = new AtomicInteger();
        assertThat(ChartWarmUp.run(() -> asked.incrementAndGet() > 3)).as("gives way at the next draw").isFalse();
        assertThat(asked.get()).isEqualTo(4);
    }
}
