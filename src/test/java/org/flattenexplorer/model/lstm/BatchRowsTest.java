package org.flattenexplorer.model.lstm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The kernels' batch copies: only arrays laid out densely in C order are copied (the rest is left to ND4J), a view's
 * own elements are the ones copied, and ranges cover every row once however the rows divide among the threads.
 */
class BatchRowsTest {
    private static final DataType F = DataType.FLOAT;

    private final int threadsBefore = FastLstmRuntime.threads();
    private final int slicesBefore = FastLstmRuntime.slicesPerThread();

    @AfterEach
    void restore() {
        FastLstmRuntime.setThreads(threadsBefore);
        FastLstmRuntime.setSlicesPerThread(slicesBefore);
    }

    @Test
    void rangesCoverEveryRowOnce() {
        FastLstmRuntime.setThreads(2);
        FastLstmRuntime.setSlicesPerThread(2);
        for (int rows : new int[] {1, 3, 7, 32}) {
            AtomicIntegerArray seen = new AtomicIntegerArray(rows);
            BatchRows.forEach(rows, (lo, n) -> {
                for (int r = lo; r < lo + n; r++) {
                    seen.incrementAndGet(r);
                }
            });
            for (int r = 0; r < rows; r++) {
                assertThat(seen.get(r)).as("row %d of %d", r, rows).isEqualTo(1);
            }
        }
    }

    @Test
    void onlyDenseCOrderArraysOfTheTypeAreCopied() {
        INDArray batchMajor = Nd4j.rand(F, 5, 7, 3);
        assertThat(BatchRows.dense(batchMajor, F)).isTrue();
        assertThat(BatchRows.dense(batchMajor.permute(0, 2, 1), F)).as("a transposed view").isFalse();
        assertThat(BatchRows.dense(batchMajor.permute(0, 2, 1).permute(0, 2, 1), F)).as("permuted back").isTrue();
        assertThat(BatchRows.dense(batchMajor.get(NDArrayIndex.interval(1, 4)), F)).as("whole rows").isTrue();
        assertThat(BatchRows.dense(batchMajor.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 4)), F))
                .as("part of each row").isFalse();
        assertThat(BatchRows.dense(batchMajor.dup('f'), F)).isFalse();
        assertThat(BatchRows.dense(batchMajor.castTo(DataType.DOUBLE), F)).as("another type").isFalse();
        assertThat(BatchRows.copyIn(batchMajor.permute(0, 2, 1), new FloatPointer(105), F)).isFalse();
        assertThat(BatchRows.copyOut(new FloatPointer(1), Nd4j.create(F, 0, 7, 3), F)).as("an empty batch").isFalse();
    }

    @Test
    void aViewsOwnRowsGoInAndOut() {
        FastLstmRuntime.setThreads(2);
        FastLstmRuntime.setSlicesPerThread(2);
        INDArray all = Nd4j.rand(F, 9, 4, 5);
        INDArray view = all.get(NDArrayIndex.interval(2, 9)); // 7 rows from an offset, split unevenly
        FloatPointer buffer = new FloatPointer(7 * 20);
        assertThat(BatchRows.copyIn(view, buffer, F)).isTrue();
        float[] copied = new float[7 * 20];
        buffer.get(copied);
        assertThat(copied).containsExactly(view.dup().data().asFloat());

        INDArray target = Nd4j.zeros(F, 9, 4, 5);
        INDArray rows = target.get(NDArrayIndex.interval(1, 8));
        assertThat(BatchRows.copyOut(buffer, rows, F)).isTrue();
        assertThat(rows).isEqualTo(view);
        assertThat(target.get(NDArrayIndex.point(0)).sumNumber().doubleValue()).as("the row before").isZero();
        assertThat(target.get(NDArrayIndex.point(8)).sumNumber().doubleValue()).as("the row after").isZero();
    }

    /** The slices' weight gradients summed into an F-order view inside a larger flat array, as DL4J lays them out. */
    @Test
    void slicesSumIntoAnyLayoutBitForBitAsNd4jDoes() {
        FastLstmRuntime.setThreads(2);
        FastLstmRuntime.setSlicesPerThread(2);
        INDArray[] parts = new INDArray[4];
        for (int k = 0; k < parts.length; k++) {
            parts[k] = Nd4j.rand(F, 6, 10).subi(0.5).muli(Math.pow(10, k));
        }
        INDArray expected = parts[0].dup();
        for (int k = 1; k < parts.length; k++) {
            expected.addi(parts[k]);
        }
        INDArray flat = Nd4j.zeros(F, 1, 100);
        INDArray target = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(20, 80)).reshape('f', 6, 10);
        assertThat(target.ordering()).isEqualTo('f');

        assertThat(BatchRows.sum(parts, target)).isTrue();
        assertThat(target).isEqualTo(expected);
        assertThat(flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 20)).sumNumber().doubleValue())
                .as("before the view").isZero();
        assertThat(flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(80, 100)).sumNumber().doubleValue())
                .as("after the view").isZero();

        INDArray[] doubles = {parts[0].castTo(DataType.DOUBLE), parts[1].castTo(DataType.DOUBLE)};
        INDArray doubleTarget = Nd4j.zeros(DataType.DOUBLE, 6, 10);
        assertThat(BatchRows.sum(doubles, doubleTarget)).as("doubles are left to ND4J").isFalse();
        BatchRows.sumInto(doubles, doubleTarget);
        assertThat(doubleTarget).isEqualTo(doubles[0].add(doubles[1]));
        assertThat(BatchRows.sum(new INDArray[] {parts[0].transpose().dup().transpose()}, target))
                .as("a part not in C order").isFalse();
    }
}
