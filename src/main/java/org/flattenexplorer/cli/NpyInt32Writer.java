package org.flattenexplorer.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes int32 arrays as NumPy {@code .npy} files the way {@code numpy.save} does: format 1.0, the magic
 * {@code \x93NUMPY}, the header dictionary ({@code '<i4'}, C order, the shape) padded so the data start on a 64-byte
 * boundary, then the values little-endian. Python reads them with {@code numpy.load} alone.
 */
final class NpyInt32Writer {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** The magic, the version (1, 0) and the header's length (uint16): what precedes the header in format 1.0. */
    static final int PREAMBLE = MAGIC.length + 2 + 2;
    /** numpy.save aligns the data to 64 bytes (so a memory-mapped array is aligned); numpy.load expects no less. */
    static final int ALIGNMENT = 64;

    private NpyInt32Writer() {}

    /** A [rows.length, columns] array; every row must hold {@code columns} values (a ragged array has no shape). */
    static void matrix(Path file, int[][] rows, int columns) throws IOException {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != columns) {
                throw new IllegalArgumentException("row " + i + " of " + file.getFileName() + " holds "
                        + rows[i].length + " values, not " + columns);
            }
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            out.write(header("(" + rows.length + ", " + columns + ")"));
            ByteBuffer row = ByteBuffer.allocate(columns * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (int[] values : rows) {
                row.clear();
                for (int v : values) {
                    row.putInt(v);
                }
                out.write(row.array());
            }
        }
    }

    /** A one-dimensional array of {@code values.length}. */
    static void vector(Path file, int[] values) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(values.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            data.putInt(v);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            out.write(header("(" + values.length + ",)")); // Python's one-element tuple needs its comma
            out.write(data.array());
        }
    }

    /** Everything before the data: preamble, dictionary, spaces, and the newline that ends the header. */
    private static byte[] header(String shape) {
        String dict = "{'descr': '<i4', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = PREAMBLE + dict.length() + 1;
        int total = (unpadded + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        String header = dict + " ".repeat(total - unpadded) + "\n";
        ByteBuffer bytes = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        bytes.put(header.getBytes(StandardCharsets.US_ASCII));
        return bytes.array();
    }
}
