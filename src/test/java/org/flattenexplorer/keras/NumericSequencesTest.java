package org.flattenexplorer.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Numeric sequences from .npy and CSV files, and every way such a file can be wrong, worded for the user. */
class NumericSequencesTest {
    @TempDir
    Path temp;

    /** 2 sequences of 3 steps x 2 features: value = 100 b + 10 t + f. */
    private static float[] values() {
        float[] v = new float[12];
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 3; t++) {
                for (int f = 0; f < 2; f++) {
                    v[(b * 3 + t) * 2 + f] = 100 * b + 10 * t + f;
                }
            }
        }
        return v;
    }

    private static void assertLaidOutInKerasOrder(NumericSequences s) {
        assertThat(s.count()).isEqualTo(2);
        assertThat(s.timeSteps()).isEqualTo(3);
        assertThat(s.features()).isEqualTo(2);
        assertThat(s.values()[1][2]).containsExactly(120f, 121f);
        assertThat(s.values()[0][1]).containsExactly(10f, 11f);
    }

    private String error(Path file, int steps, int features) {
        Throwable t = catchThrowable(() -> NumericSequences.read(file, steps, features));
        assertThat(t).isInstanceOf(KerasModelException.class);
        return t.getMessage();
    }

    @Test
    void npyFilesOfEveryVersionAndBothFloatWidthsAreReadInCOrder() throws Exception {
        for (int version = 1; version <= 3; version++) {
            for (String descr : new String[] {"<f4", "<f8"}) {
                Path file = NpyWriter.write(temp.resolve("v" + version + descr.substring(1) + ".npy"), version, descr,
                        false, new int[] {2, 3, 2}, values());
                assertLaidOutInKerasOrder(NumericSequences.read(file, 3, 2));
            }
        }
        Path one = NpyWriter.float32(temp.resolve("one.npy"), new int[] {3, 2}, java.util.Arrays.copyOf(values(), 6));
        NumericSequences single = NumericSequences.read(one, 3, 2);
        assertThat(single.count()).isEqualTo(1);
        assertThat(single.values()[0][2]).containsExactly(20f, 21f);
        // a model of free length takes the file's
        assertThat(NumericSequences.read(one, -1, 2).timeSteps()).isEqualTo(3);
    }

    @Test
    void csvRowsAreOneSequenceEachTimeStepByTimeStepWithAnOptionalHeader() throws Exception {
        Path csv = temp.resolve("s.csv");
        Files.writeString(csv, "\uFEFFt0f0,t0f1,t1f0,t1f1,t2f0,t2f1\r\n0,1,10,11,20,21\r\n\r\n100,101,110,111,120,121\r\n");
        assertLaidOutInKerasOrder(NumericSequences.read(csv, 3, 2));
        Path plain = temp.resolve("plain.txt");
        Files.writeString(plain, "0 1 10 11 20 21\n100 101 110 111 120 1.21e2\n");
        assertLaidOutInKerasOrder(NumericSequences.read(plain, 3, 2));
        assertThat(NumericSequences.read(plain, -1, 2).timeSteps()).isEqualTo(3);
    }

    @Test
    void aCsvRowOfTheWrongLengthIsNamedWithItsLineAndTheExpectedCount() throws Exception {
        Path csv = temp.resolve("short.csv");
        Files.writeString(csv, "a,b,c,d,e,f\n0,1,10,11,20,21\n1,2,3,4,5\n");
        assertThat(error(csv, 3, 2)).isEqualTo(csv + " line 3 has 5 numbers; the model reads 6 numbers (3 time steps "
                + "x 2 features, time step by time step)");
        Files.writeString(csv, "0,1,10,11,20,21\n0,1,x,11,20,21\n");
        assertThat(error(csv, 3, 2)).contains(csv + " line 2, number 3 is 'x', not a number");
        Files.writeString(csv, "0,1,10,11,20,21\n0,1,10,nan,20,21\n");
        assertThat(error(csv, 3, 2)).contains(csv + " line 2, number 4 (time step 1, feature 1) is nan");
        Files.writeString(csv, "0,1,10,11,20,21\n0,1,10,,20,21\n");
        assertThat(error(csv, 3, 2)).contains("line 2, number 4 is '', not a number");
        Files.writeString(csv, "a,b\n\n");
        assertThat(error(csv, 3, 2)).contains(csv + " holds no sequences");
        Files.writeString(csv, "0,1,10,11,20,21\n0,1,10,11\n");
        assertThat(error(csv, -1, 2)).contains("line 2 has 4 numbers; the model reads 6 numbers (3 time steps, as the "
                + "first sequence, x 2 features)");
    }

    @Test
    void badNpyFilesAreRefusedWithOneClearSentence() throws Exception {
        Path fortran = NpyWriter.write(temp.resolve("f.npy"), 1, "<f4", true, new int[] {2, 3, 2}, values());
        assertThat(error(fortran, 3, 2)).contains("Fortran order (fortran_order: True)");
        Path ints = NpyWriter.write(temp.resolve("i.npy"), 1, "<i4", false, new int[] {2, 3, 2}, values());
        assertThat(error(ints, 3, 2)).contains("dtype '<i4' (integers)").contains("float32 or float64");
        Path big = NpyWriter.write(temp.resolve("b.npy"), 1, ">f4", false, new int[] {2, 3, 2}, values());
        assertThat(error(big, 3, 2)).contains("big-endian");
        Path shape = NpyWriter.float32(temp.resolve("s.npy"), new int[] {2, 2, 3}, values());
        assertThat(error(shape, 3, 2)).isEqualTo(shape + " has shape (2, 2, 3); the model reads sequences of 3 time "
                + "steps x 2 features: give shape (n, 3, 2), or (3, 2) for one sequence");
        Path flat = NpyWriter.float32(temp.resolve("flat.npy"), new int[] {12}, values());
        assertThat(error(flat, 3, 2)).contains("has shape (12,)");
        Path truncated = temp.resolve("t.npy");
        byte[] whole = Files.readAllBytes(NpyWriter.float32(temp.resolve("w.npy"), new int[] {2, 3, 2}, values()));
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length - 5));
        assertThat(error(truncated, 3, 2)).contains("is truncated");
        Path version = NpyWriter.write(temp.resolve("v9.npy"), 1, "<f4", false, new int[] {2, 3, 2}, values());
        byte[] v9 = Files.readAllBytes(version);
        v9[6] = 9;
        Files.write(version, v9);
        assertThat(error(version, 3, 2)).contains("format version 9.0");
        float[] nan = values();
        nan[7] = Float.NaN;
        Path withNan = NpyWriter.float32(temp.resolve("nan.npy"), new int[] {2, 3, 2}, nan);
        assertThat(error(withNan, 3, 2)).contains(withNan + ": sequence 1, time step 0, feature 1 is NaN");
        Path notNpy = temp.resolve("x.npy");
        Files.writeString(notNpy, "0,1,10,11,20,21\n");
        assertThat(error(notNpy, 3, 2)).contains("is not a NumPy .npy file");
        Path missing = temp.resolve("none.npy");
        assertThat(error(missing, 3, 2)).isEqualTo("No sequences file at " + missing + ": check the path");
        Path zip = temp.resolve("x.npz");
        Files.write(zip, new byte[] {'P', 'K', 3, 4, 0, 0});
        assertThat(error(zip, 3, 2)).contains("zip archive");
    }
}
