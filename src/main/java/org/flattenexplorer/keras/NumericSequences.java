package org.flattenexplorer.keras;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The numeric input sequences of a model that reads numbers (its input is {@code [time steps, features]} floats,
 * e.g. {@code Masking -> LSTM}), read from a file, in Keras's orientation {@code values[sequence][t][feature]}:
 * <ul>
 *   <li>a NumPy {@code .npy} file ({@link NpyFile}), shape {@code (n, T, F)} or {@code (T, F)} for one sequence;</li>
 *   <li>a CSV file: one sequence a row, {@code T * F} numbers in Keras's C order, time step by time step
 *       ({@code x[0][0], x[0][1], ..., x[0][F-1], x[1][0], ...}: what {@code x.reshape(n, -1)} gives), separated by
 *       commas (or semicolons, tabs or spaces); one header row of names is allowed, empty lines are ignored.</li>
 * </ul>
 * A missing file, another kind of file, a row or shape that does not fit the model, or a value that is not a finite
 * number (NaN, inf) is refused with one sentence naming the file (and the line) and what the model expects.
 */
public record NumericSequences(Path source, int timeSteps, int features, float[][][] values) {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NOT_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);
    private static final long MAX_BYTES = 1L << 30;

    public int count() {
        return values.length;
    }

    /** Sequence {@code index} (from 0) as a batch of one, {@code [1][T][F]}. */
    public Activations one(int index) {
        if (index < 0 || index >= count()) {
            throw new KerasModelException(String.format(Locale.ROOT, "there is no sequence %d in %s: it holds %d "
                    + "sequence%s, numbered 0 to %d", index, source, count(), count() == 1 ? "" : "s", count() - 1));
        }
        return new Activations(new float[][][] {values[index]}, true, null);
    }

    /**
     * The input a model that reads numbers takes, {@code {T, F}} (T is -1 when the model accepts any length);
     * refused for a model that reads token ids.
     */
    public static int[] inputShape(KerasModelFile model) {
        List<KerasLayer> layers = model.computingLayers();
        if (!layers.isEmpty() && layers.get(0).className().equals("Embedding")) {
            throw new KerasModelException(model.fileName() + " reads token ids (it starts with an Embedding), not "
                    + "numeric sequences: give its tokenizer and a review (--tokenizer T.json --review TEXT)");
        }
        List<Integer> shape = model.inputShape();
        int steps = shape.isEmpty() ? -1 : shape.get(0);
        int features = shape.size() > 1 ? shape.get(1) : -1;
        if (features < 1) {
            features = layers.stream().filter(l -> l.weight("kernel") != null).findFirst()
                    .map(l -> l.weight("kernel").dim(0)).orElse(-1);
        }
        if (features < 1) {
            throw new KerasModelException(model.fileName() + " does not state how many features each time step has "
                    + "(no input shape and no recurrent kernel): its sequences cannot be read");
        }
        return new int[] {steps < 1 ? -1 : steps, features};
    }

    /** Reads the sequences for this model's input; {@link #read(Path, int, int)} with its shape. */
    public static NumericSequences read(Path file, KerasModelFile model) {
        int[] shape = inputShape(model);
        return read(file, shape[0], shape[1]);
    }

    /**
     * Reads a .npy (recognised by its magic string, whatever its name) or CSV file of sequences of {@code steps}
     * time steps ({@code -1}: any number, the same for every sequence) of {@code features} numbers.
     */
    public static NumericSequences read(Path file, int steps, int features) {
        if (!Files.exists(file)) {
            throw new KerasModelException("No sequences file at " + file + ": check the path");
        }
        if (Files.isDirectory(file)) {
            throw new KerasModelException(file + " is a folder: give a .npy or CSV file of sequences");
        }
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new KerasModelException(String.format(Locale.ROOT, "%s is %,d MB: Flatten Explorer reads "
                        + "sequence files up to 1,024 MB; keep the sequences you want to see", file,
                        Files.size(file) >> 20));
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readAllBytes();
            }
        } catch (IOException e) {
            throw new KerasModelException("Cannot read the sequences file " + file + " (" + e.getMessage() + ")", e);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (NpyFile.hasMagic(bytes, bytes.length) || name.endsWith(".npy")) {
            return fromNpy(NpyFile.parse(file, bytes), steps, features);
        }
        if (bytes.length >= 2 && bytes[0] == 'P' && bytes[1] == 'K') {
            throw new KerasModelException(file + " is a zip archive (a .npz?), not a .npy or CSV file: save one array "
                    + "with numpy.save(\"x.npy\", x), or one sequence a row with numpy.savetxt");
        }
        if (name.endsWith(".h5") || name.endsWith(".hdf5") || name.endsWith(".keras")) {
            throw new KerasModelException(file + " is a model file, not sequences: give a .npy or CSV file");
        }
        for (int i = 0; i < Math.min(bytes.length, 4096); i++) {
            if (bytes[i] == 0) {
                throw new KerasModelException(file + " is neither a NumPy .npy file nor a CSV text file: give the "
                        + "sequences as x.npy (numpy.save) or one sequence a row in a CSV file");
            }
        }
        return fromCsv(file, new String(bytes, StandardCharsets.UTF_8), steps, features);
    }

    static NumericSequences fromNpy(NpyFile npy, int steps, int features) {
        int[] s = npy.shape();
        int n;
        int t;
        int f;
        if (s.length == 3) {
            n = s[0];
            t = s[1];
            f = s[2];
        } else if (s.length == 2) {
            n = 1;
            t = s[0];
            f = s[1];
        } else {
            n = -1;
            t = -1;
            f = -1;
        }
        if (n < 0 || f != features || steps > 0 && t != steps || t < 1) {
            throw new KerasModelException(String.format(Locale.ROOT, "%s has shape %s; the model reads sequences of %s "
                    + "x %d features: give shape (n, %s, %d), or (%s, %d) for one sequence", npy.file(),
                    NpyFile.shapeText(s), stepsText(steps), features, steps > 0 ? steps : "T", features,
                    steps > 0 ? steps : "T", features));
        }
        if (n == 0) {
            throw new KerasModelException(npy.file() + " holds no sequences (shape " + NpyFile.shapeText(s) + ")");
        }
        float[][][] values = new float[n][t][f];
        float[] data = npy.data();
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < t; i++) {
                for (int k = 0; k < f; k++) {
                    float v = data[(b * t + i) * f + k];
                    if (!Float.isFinite(v)) {
                        throw new KerasModelException(String.format(Locale.ROOT, "%s: sequence %d, time step %d, "
                                + "feature %d is %s; the model cannot read it: replace missing values (for instance "
                                + "with the mask value) before saving", npy.file(), b, i, k, Float.isNaN(v) ? "NaN"
                                : "infinite"));
                    }
                    values[b][i][k] = v;
                }
            }
        }
        return new NumericSequences(npy.file(), t, f, values);
    }

    static NumericSequences fromCsv(Path file, String text, int steps, int features) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\r\n|\r|\n", -1);
        List<float[][]> rows = new ArrayList<>();
        String separator = null;
        boolean first = true;
        int rowSteps = steps;
        String expected = steps > 0 ? String.format(Locale.ROOT, "%,d numbers (%d time steps x %d features, time "
                + "step by time step)", steps * features, steps, features) : String.format(Locale.ROOT,
                "a multiple of %d numbers (time steps x %d features, time step by time step)", features, features);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int lineNumber = i + 1;
            if (separator == null) {
                separator = line.contains(",") ? "," : line.contains(";") ? ";" : line.contains("\t") ? "\t" : " ";
            }
            String[] fields = separator.equals(" ") ? line.split("\\s+") : line.split(Pattern.quote(separator), -1);
            if (first) {
                first = false;
                if (isHeader(fields)) {
                    continue;
                }
            }
            int count = fields.length;
            if (steps > 0 ? count != steps * features : count % features != 0 || rowSteps > 0 && count != rowSteps
                    * features) {
                throw new KerasModelException(String.format(Locale.ROOT, "%s line %d has %,d numbers; the model "
                        + "reads %s", file, lineNumber, count, rowSteps > 0 && steps < 1 ? String.format(Locale.ROOT,
                        "%,d numbers (%d time steps, as the first sequence, x %d features)", rowSteps * features,
                        rowSteps, features) : expected));
            }
            rowSteps = count / features;
            float[][] seq = new float[rowSteps][features];
            for (int k = 0; k < count; k++) {
                String field = fields[k].strip();
                if (field.startsWith("\"") && field.endsWith("\"") && field.length() >= 2) {
                    field = field.substring(1, field.length() - 1).strip();
                }
                if (NOT_FINITE.matcher(field).matches()) {
                    throw new KerasModelException(String.format(Locale.ROOT, "%s line %d, number %d (time step %d, "
                            + "feature %d) is %s; the model cannot read it: replace missing values (for instance "
                            + "with the mask value)", file, lineNumber, k + 1, k / features, k % features, field));
                }
                if (!NUMBER.matcher(field).matches()) {
                    throw new KerasModelException(String.format(Locale.ROOT, "%s line %d, number %d is '%s', not a "
                            + "number; the model reads %s", file, lineNumber, k + 1, abbreviate(field), expected));
                }
                float v = Float.parseFloat(field);
                if (!Float.isFinite(v)) {
                    throw new KerasModelException(String.format(Locale.ROOT, "%s line %d, number %d (%s) is too large "
                            + "for a float", file, lineNumber, k + 1, field));
                }
                seq[k / features][k % features] = v;
            }
            rows.add(seq);
        }
        if (rows.isEmpty()) {
            throw new KerasModelException(file + " holds no sequences: give one sequence a row, " + expected);
        }
        return new NumericSequences(file, rowSteps, features, rows.toArray(float[][][]::new));
    }

    /** A first row of names: some field is neither a number nor NaN/inf. */
    private static boolean isHeader(String[] fields) {
        for (String f : fields) {
            String s = f.strip().replace("\"", "");
            if (!NUMBER.matcher(s).matches() && !NOT_FINITE.matcher(s).matches()) {
                return true;
            }
        }
        return false;
    }

    private static String stepsText(int steps) {
        return steps > 0 ? steps + " time steps" : "any number of time steps";
    }

    private static String abbreviate(String s) {
        return s.length() <= 30 ? s : s.substring(0, 27) + "...";
    }
}
