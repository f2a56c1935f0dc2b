package org.flattenexplorer.model.lstm;

import java.util.Arrays;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Copies a rank-3 array keeping its own memory order (largest stride first, ties in dimension order), so the copy is
 * contiguous whatever the layout (Flatten's view, a batch-major view, a reversed copy): how the kernels read dL/dh
 * [b, U, T]. Shared by {@link NativeFloats} and {@link NativeDoubles}.
 */
final class MemoryOrder {
    private MemoryOrder() {}

    /**
     * @param target a C-order array of the given shape to copy into
     * @return the element strides of the array's three dimensions in the copy
     */
    static long[] copy(INDArray a, DataType type, Function<long[], INDArray> target) {
        long[] st = a.stride();
        Integer[] order = {0, 1, 2};
        Arrays.sort(order, (p, q) -> Long.compare(st[q], st[p]));
        int[] perm = {order[0], order[1], order[2]};
        long[] shape = {a.size(perm[0]), a.size(perm[1]), a.size(perm[2])};
        BatchRows.assign(a.permute(perm), target.apply(shape));
        long[] strideOf = new long[3];
        strideOf[perm[2]] = 1;
        strideOf[perm[1]] = shape[2];
        strideOf[perm[0]] = shape[1] * shape[2];
        return strideOf;
    }
}
