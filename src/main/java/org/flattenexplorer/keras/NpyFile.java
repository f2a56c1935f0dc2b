package org.flattenexplorer.keras;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A NumPy {@code .npy} array of floats, read with the project's own code (no NumPy): the magic {@code \x93NUMPY},
 * the format version (1.0, 2.0 or 3.0), the header dictionary ({@code descr}, {@code fortran_order}, {@code shape})
 * and the data. Only what {@code numpy.save} writes for a float array is accepted: little-endian {@code float32}
 * ({@code <f4}) or {@code float64} ({@code <f8}) in C order; anything else is refused with one sentence naming the
 * file and what to do.
 *
 * @param shape the array's shape, as the header states it
 * @param data  every value in C order (the last axis fastest), as floats
 */
public record NpyFile(Path file, int[] shape, float[] data) {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final String SAVE_HINT = "save it with numpy.save(\"x.npy\", x.astype(\"float32\"))";
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

    /** Whether the bytes start with the .npy magic string. */
    static boolean hasMagic(byte[] head, int length) {
        if (length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Parses a whole .npy file held in memory. */
    static NpyFile parse(Path file, byte[] bytes) {
        if (!hasMagic(bytes, bytes.length)) {
            throw new KerasModelException(file + " is not a NumPy .npy file (it does not start with \\x93NUMPY): "
                    + SAVE_HINT + ", or give a CSV file");
        }
        if (bytes.length < 10) {
            throw new KerasModelException(file + " is a truncated .npy file (it ends inside its header): " + SAVE_HINT);
        }
        int major = bytes[6] & 0xff;
        int minor = bytes[7] & 0xff;
        if (major < 1 || major > 3) {
            throw new KerasModelException(String.format(Locale.ROOT, "%s is a .npy file of format version %d.%d; "
                    + "Flatten Explorer reads versions 1.0, 2.0 and 3.0 (what numpy.save writes)", file, major, minor));
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = buffer.getShort(8) & 0xffff;
            headerStart = 10;
        } else {
            if (bytes.length < 12) {
                throw new KerasModelException(file + " is a truncated .npy file (it ends inside its header): "
                        + SAVE_HINT);
            }
            headerLength = buffer.getInt(8) & 0xffffffffL;
            headerStart = 12;
        }
        if (headerStart + headerLength > bytes.length) {
            throw new KerasModelException(file + " is a truncated .npy file (its header says " + headerLength
                    + " bytes, the file ends before): " + SAVE_HINT);
        }
        String header = new String(bytes, headerStart, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).strip();
        String descr = group(file, DESCR, header, "descr");
        String fortran = group(file, FORTRAN, header, "fortran_order");
        int[] shape = shape(file, group(file, SHAPE, header, "shape"));
        int itemSize = switch (descr) {
            case "<f4" -> 4;
            case "<f8" -> 8;
            default -> throw new KerasModelException(file + " holds " + dtypeName(descr) + ": the model reads "
                    + "float32 or float64 numbers, little-endian; " + SAVE_HINT);
        };
        if (fortran.equals("True")) {
            throw new KerasModelException(file + " is stored in Fortran order (fortran_order: True): Flatten Explorer "
                    + "reads C order; save np.ascontiguousarray(x) instead");
        }
        long count = 1;
        for (int d : shape) {
            count *= d;
        }
        long dataStart = headerStart + headerLength;
        long expected = count * itemSize;
        long actual = bytes.length - dataStart;
        if (actual != expected) {
            throw new KerasModelException(String.format(Locale.ROOT, "%s is %s: its shape %s of %s needs %,d bytes of "
                            + "data, the file has %,d; %s", file, actual < expected ? "truncated" : "damaged (longer "
                            + "than its header says)", shapeText(shape), descr, expected, actual, SAVE_HINT));
        }
        float[] data = new float[(int) count];
        buffer.position((int) dataStart);
        for (int i = 0; i < data.length; i++) {
            data[i] = itemSize == 4 ? buffer.getFloat() : (float) buffer.getDouble();
        }
        return new NpyFile(file, shape, data);
    }

    private static String group(Path file, Pattern pattern, String header, String key) {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new KerasModelException(file + " has a .npy header without a readable '" + key + "' entry ("
                    + abbreviate(header) + "): the file is damaged; " + SAVE_HINT);
        }
        return m.group(1);
    }

    private static int[] shape(Path file, String text) {
        List<Integer> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            if (p.endsWith("L")) {
                p = p.substring(0, p.length() - 1); // Python 2's long
            }
            try {
                dims.add(Integer.parseInt(p));
            } catch (NumberFormatException e) {
                throw new KerasModelException(file + " has a .npy shape that is not a tuple of sizes: (" + text
                        + "); the file is damaged; " + SAVE_HINT);
            }
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String dtypeName(String descr) {
        String kind = switch (descr.length() >= 2 ? descr.substring(1, 2) : "") {
            case "i" -> "integers";
            case "u" -> "unsigned integers";
            case "b" -> "booleans";
            case "f" -> "floats";
            case "c" -> "complex numbers";
            case "O" -> "Python objects";
            case "U", "S" -> "strings";
            default -> "values";
        };
        String order = descr.startsWith(">") ? ", big-endian" : "";
        return "dtype '" + descr + "' (" + kind + order + ")";
    }

    /** "(3, 10, 42)", as NumPy prints a shape. */
    static String shapeText(int[] shape) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return s.append(shape.length == 1 ? ",)" : ")").toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
