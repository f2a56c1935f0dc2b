package org.flattenexplorer.keras;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes .npy files the way numpy.save does (tests build their own sequence files in a temporary folder). */
public final class NpyWriter {
    private NpyWriter() {}

    /** A little-endian float32 array in C order, format version 1.0. */
    public static Path float32(Path file, int[] shape, float[] data) throws IOException {
        return write(file, 1, "<f4", false, shape, data);
    }

    /** Any header: {@code descr} '<f4' or '<f8' writes floats or doubles; other descrs write 4 bytes per value. */
    public static Path write(Path file, int version, String descr, boolean fortran, int[] shape, float[] data)
            throws IOException {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        s.append(shape.length == 1 ? ",)" : ")");
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': "
                + s + ", }";
        int prefix = version == 1 ? 10 : 12;
        int total = prefix + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - total) + "\n";
        boolean doubles = descr.endsWith("8");
        ByteBuffer b = ByteBuffer.allocate(padded + data.length * (doubles ? 8 : 4));
        b.order(descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        b.put(NpyFile.MAGIC).put((byte) version).put((byte) 0);
        ByteBuffer len = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(header.length());
        b.put(len.array(), 0, version == 1 ? 2 : 4);
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (float v : data) {
            if (doubles) {
                b.putDouble(v);
            } else {
                b.putFloat(v);
            }
        }
        Files.write(file, b.array());
        return file;
    }
}
