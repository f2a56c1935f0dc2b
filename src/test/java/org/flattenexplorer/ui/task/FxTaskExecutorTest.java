package org.flattenexplorer.ui.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The training thread tells a running job (the window's warm-up) that a user's run is waiting behind it. */
class FxTaskExecutorTest {

    @Test
    void knowsWhenATrainingJobWaitsBehindTheRunningOne() throws Exception {
        FxTaskExecutor executor = new FxTaskExecutor();
        try {
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch second = new CountDownLatch(1);
            boolean[] sawWaiting = new boolean[1];
            executor.training(() -> {
                running.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                sawWaiting[0] = executor.trainingWaiting();
            });
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(executor.trainingWaiting()).as("nothing queued yet").isFalse();
            executor.training(second::countDown);
            assertThat(executor.trainingWaiting()).isTrue();
            release.countDown();
            assertThat(second.await(10, TimeUnit.SECONDS)).as("the queued job runs next").isTrue();
            assertThat(sawWaiting[0]).as("the first job saw the second waiting").isTrue();
            assertThat(executor.trainingWaiting()).isFalse();
        } finally {
            executor.shutdown();
        }
    }
}
