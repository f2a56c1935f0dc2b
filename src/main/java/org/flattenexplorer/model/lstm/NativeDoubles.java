package org.flattenexplorer.model.lstm;

import java.nio.DoubleBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The double twin of {@link NativeFloats}, for the generated double-precision kernels (gradient checks): a growable
 * native double buffer of the fast kernels (the LSTM's and the other cells'), usable both as an INDArray
 * (for layout copies) and by cblas and Java loops. One thread owns it; {@link #at} gives each caller its own pointer.
 */
public final class NativeDoubles {
    public INDArray flat;
    public DoublePointer ptr;
    public DoubleBuffer nio;
    private long capacity;

    /** Room for at least {@code len} elements; the contents are not kept when it grows. */
    public void ensure(long len) {
        if (capacity >= len && flat != null) {
            return;
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            flat = Nd4j.createUninitializedDetached(DataType.DOUBLE, Math.max(1, len));
        }
        ptr = new DoublePointer(flat.data().addressPointer());
        nio = flat.data().asNioDouble();
        capacity = len;
    }

    /** Elements it holds now. */
    public long capacity() {
        return capacity;
    }

    /** The first elements as an array of this shape (C order). */
    public INDArray view(long... shape) {
        long len = 1;
        for (long d : shape) {
            len *= d;
        }
        return flat.get(NDArrayIndex.interval(0, len)).reshape('c', shape);
    }

    /**
     * Copies a rank-3 array in keeping its own memory order ({@link MemoryOrder}) and returns the element strides of
     * its three dimensions in the copy.
     */
    public long[] copyInMemoryOrder(INDArray a) {
        ensure(a.length());
        return MemoryOrder.copy(a, DataType.DOUBLE, this::view);
    }

    /** A pointer of the caller's own onto element {@code offset} (pointers are not shared between threads). */
    public DoublePointer at(long offset) {
        return new DoublePointer(ptr).position(offset);
    }

    public void free() {
        flat = null;
        ptr = null;
        nio = null;
        capacity = 0;
    }
}
