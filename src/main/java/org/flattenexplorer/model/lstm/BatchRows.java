package org.flattenexplorer.model.lstm;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Work over a batch cut into row ranges on the recurrent kernels' threads, and the plain copies between DL4J's
 * arrays and a kernel's own buffers that it is mostly for. Each such copy is a pass over a whole batch (~8 MB for the
 * question's 32 x 500 x 128 floats) that ND4J runs on the training thread alone, so the other core waited through
 * four of them a batch (the inputs and the states forward; dL/dh and dL/dinput back); cut into ranges they run on
 * both. A copy only applies when the array's elements lie in C order without gaps, which is how the layers lay them
 * out; the caller falls back to ND4J's assign otherwise.
 */
public final class BatchRows {

    /** Work on rows [lo, lo + n) of a batch. */
    @FunctionalInterface
    public interface Range {
        void run(int lo, int n);
    }

    private BatchRows() {
    }

    /** Runs {@code body} over [0, rows) cut into {@link FastLstmRuntime#batchSlices} ranges, on the kernels' threads. */
    public static void forEach(int rows, Range body) {
        int parts = FastLstmRuntime.batchSlices(rows);
        List<Runnable> tasks = new ArrayList<>(parts);
        for (int k = 0; k < parts; k++) {
            final int lo = (int) ((long) rows * k / parts);
            final int hi = (int) ((long) rows * (k + 1) / parts);
            if (hi > lo) {
                tasks.add(() -> body.run(lo, hi - lo));
            }
        }
        FastLstmRuntime.runBalanced(tasks);
    }

    /** Whether {@code a} holds {@code type} elements in C order without gaps (from its own start). */
    public static boolean dense(INDArray a, DataType type) {
        if (a.dataType() != type) {
            return false;
        }
        long expected = 1;
        for (int i = a.rank() - 1; i >= 0; i--) {
            if (a.size(i) != 1 && a.stride(i) != expected) {
                return false;
            }
            expected *= a.size(i);
        }
        return true;
    }

    /**
     * Copies the dense array {@code from} ({@link #dense}) into the buffer {@code to}, its first dimension cut into
     * ranges on the kernels' threads; returns false, copying nothing, when {@code from} is not dense (or empty).
     */
    public static boolean copyIn(INDArray from, Pointer to, DataType type) {
        if (!dense(from, type) || from.rank() == 0 || from.length() == 0) {
            return false;
        }
        copy(from.data().addressPointer(), to, from.size(0), from.length() / from.size(0) * type.width());
        return true;
    }

    /** Copies the buffer {@code from} into the dense array {@code to}, as {@link #copyIn}; false when it is not dense. */
    public static boolean copyOut(Pointer from, INDArray to, DataType type) {
        if (!dense(to, type) || to.rank() == 0 || to.length() == 0) {
            return false;
        }
        copy(from, to.data().addressPointer(), to.size(0), to.length() / to.size(0) * type.width());
        return true;
    }

    /**
     * {@code to.assign(from)}: one memcpy a range of rows on the kernels' threads where both have one shape and are
     * dense in C order ({@link #dense}) in {@code to}'s type, as the kernels' buffers and DL4J's activations are laid
     * out; ND4J's assign (casting {@code from} to {@code to}'s type) otherwise.
     */
    public static void assign(INDArray from, INDArray to) {
        DataType type = to.dataType();
        if (!Arrays.equals(from.shape(), to.shape()) || !dense(to, type)
                || !copyIn(from, to.data().addressPointer(), type)) {
            to.assign(from.dataType() == type ? from : from.castTo(type));
        }
    }

    private static void copy(Pointer from, Pointer to, long rows, long rowBytes) {
        if (rows > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many rows to copy: " + rows);
        }
        forEach((int) rows, (lo, n) -> Pointer.memcpy(new BytePointer(to).position(lo * rowBytes),
                new BytePointer(from).position(lo * rowBytes), n * rowBytes));
    }

    /**
     * {@code target} = parts[0] + parts[1] + ... in that order (each part a dense C-order float [rows, cols] array,
     * {@link #dense}), in any layout of {@code target} (DL4J's weight gradients are F-order views), its rows cut into
     * ranges on the kernels' threads. ND4J's assign and addi from C into F order, which this replaces for the batch
     * slices' weight gradients, took ~3.6 ms a batch on the training thread alone. Returns false, writing nothing,
     * for another type, shape or layout (the caller falls back to ND4J).
     */
    public static boolean sum(INDArray[] parts, INDArray target) {
        if (parts.length == 0 || target.dataType() != DataType.FLOAT || target.rank() != 2 || target.length() == 0
                || target.stride(0) < 0 || target.stride(1) < 0) {
            return false;
        }
        if ((long) target.size(0) * target.size(1) > Integer.MAX_VALUE) {
            return false;
        }
        final int rows = (int) target.size(0);
        final int cols = (int) target.size(1);
        FloatBuffer[] in = new FloatBuffer[parts.length];
        for (int k = 0; k < parts.length; k++) {
            INDArray p = parts[k];
            if (p.rank() != 2 || p.size(0) != rows || p.size(1) != cols || !dense(p, DataType.FLOAT)) {
                return false;
            }
            in[k] = floats(p.data().addressPointer(), (long) rows * cols);
        }
        final long s0 = target.stride(0);
        final long s1 = target.stride(1);
        long span = (rows - 1) * s0 + (cols - 1) * s1 + 1;
        if (span > Integer.MAX_VALUE) {
            return false;
        }
        FloatBuffer out = floats(target.data().addressPointer(), span);
        forEach(rows, (lo, n) -> {
            float[] acc = new float[cols];
            float[] row = new float[cols];
            for (int i = lo; i < lo + n; i++) {
                in[0].get(i * cols, acc);
                for (int k = 1; k < in.length; k++) {
                    in[k].get(i * cols, row);
                    for (int j = 0; j < cols; j++) {
                        acc[j] += row[j];
                    }
                }
                long at = i * s0;
                for (int j = 0; j < cols; j++) {
                    out.put((int) (at + j * s1), acc[j]);
                }
            }
        });
        return true;
    }

    /** {@link #sum}, or ND4J's assign and addi in the same order where it does not apply (doubles, other layouts). */
    public static void sumInto(INDArray[] parts, INDArray target) {
        if (!sum(parts, target)) {
            target.assign(parts[0]);
            for (int k = 1; k < parts.length; k++) {
                target.addi(parts[k]);
            }
        }
    }

    /** The {@code length} floats from {@code address} as a buffer (absolute gets and puts: safe to share). */
    private static FloatBuffer floats(Pointer address, long length) {
        return new FloatPointer(address).capacity(length).asBuffer();
    }
}
