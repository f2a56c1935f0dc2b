package org.flattenexplorer.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A .npy file taken apart by hand, as the format's specification lays it out (not by the writer's code), for tests
 * to check each piece: the first six bytes, the version, the header's length and text, its entries, and the data
 * read as little-endian int32.
 */
record Int32Npy(byte[] magic, int major, int minor, int headerLength, String header, String descr, String fortranOrder,
                int[] shape, int[] data) {
    private static final Pattern DESCR = Pattern.compile("'descr': '([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order': (True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape': \\(([^)]*)\\)");

    static Int32Npy read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = b.getShort(8) & 0xffff;
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        int[] shape = Arrays.stream(find(SHAPE, header).split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
        int[] data = new int[(bytes.length - 10 - headerLength) / 4];
        b.position(10 + headerLength);
        for (int i = 0; i < data.length; i++) {
            data[i] = b.getInt();
        }
        return new Int32Npy(Arrays.copyOf(bytes, 6), bytes[6] & 0xff, bytes[7] & 0xff, headerLength, header,
                find(DESCR, header), find(FORTRAN, header), shape, data);
    }

    /** Row i of a two-dimensional array. */
    int[] row(int i) {
        return Arrays.copyOfRange(data, i * shape[1], (i + 1) * shape[1]);
    }

    /** The rows of a two-dimensional array. */
    int[][] rows() {
        int[][] rows = new int[shape[0]][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = row(i);
        }
        return rows;
    }

    private static String find(Pattern pattern, String header) {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException("no " + pattern + " in the header " + header);
        }
        return m.group(1);
    }
}
