package org.flattenexplorer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .npy files the bench writes for the PyTorch peer read back as NumPy reads them. */
class NpyInt32WriterTest {
    @TempDir
    Path temp;

    @Test
    void aMatrixHasTheFormatsHeaderAndItsValuesLittleEndianInCOrder() throws Exception {
        Path file = temp.resolve("x.npy");
        int[][] rows = {{0, 0, 7, 37_251}, {1, 2, 3, 4}, {-1, Integer.MAX_VALUE, Integer.MIN_VALUE, 65_536}};

        NpyInt32Writer.matrix(file, rows, 4);

        Int32Npy npy = Int32Npy.read(file);
        assertThat(npy.magic()).containsExactly(0x93, 'N', 'U', 'M', 'P', 'Y');
        assertThat(npy.major()).isEqualTo(1);
        assertThat(npy.minor()).isZero();
        assertThat((10 + npy.headerLength()) % 64).isZero(); // the data start 64-byte aligned
        assertThat(npy.header()).startsWith("{'descr': '<i4', 'fortran_order': False, 'shape': (3, 4), }")
                .endsWith("\n").matches("\\{[^\\n]*\\} *\\n");
        assertThat(npy.descr()).isEqualTo("<i4");
        assertThat(npy.fortranOrder()).isEqualTo("False");
        assertThat(npy.shape()).containsExactly(3, 4);
        assertThat(Files.size(file)).isEqualTo(10 + npy.headerLength() + 3 * 4 * 4);
        assertThat(npy.rows()).isDeepEqualTo(rows);
        // little-endian: the fourth value, 37,251 = 0x9183, is written 83 91 00 00
        byte[] bytes = Files.readAllBytes(file);
        int fourth = 10 + npy.headerLength() + 3 * 4;
        assertThat(new byte[] {bytes[fourth], bytes[fourth + 1], bytes[fourth + 2], bytes[fourth + 3]})
                .containsExactly(0x83, 0x91, 0, 0);
    }

    @Test
    void aVectorsShapeIsAOneElementTuple() throws Exception {
        Path file = temp.resolve("y.npy");

        NpyInt32Writer.vector(file, new int[] {1, 0, 1, 1, 0});

        Int32Npy npy = Int32Npy.read(file);
        assertThat(npy.header()).contains("'shape': (5,), }");
        assertThat(npy.shape()).containsExactly(5);
        assertThat((10 + npy.headerLength()) % 64).isZero();
        assertThat(npy.data()).containsExactly(1, 0, 1, 1, 0);
    }

    @Test
    void raggedRowsHaveNoShapeAndAreRefused() {
        assertThatThrownBy(() -> NpyInt32Writer.matrix(temp.resolve("bad.npy"), new int[][] {{1, 2}, {3}}, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 1 of bad.npy holds 1 values, not 2");
    }

    /** The same files through numpy.load, where this machine has NumPy (Debian's python3-numpy). */
    @Test
    void numpyLoadsThemWithTheirShapeDtypeAndValues() throws Exception {
        Assumptions.assumeTrue(python("import numpy") == 0, "no NumPy for " + BenchCommand.PEER_PYTHON);
        NpyInt32Writer.matrix(temp.resolve("x.npy"), new int[][] {{0, 5, 37_251}, {1, 2, 3}}, 3);
        NpyInt32Writer.vector(temp.resolve("y.npy"), new int[] {1, 0});

        Path out = temp.resolve("numpy.txt");
        int code = python("import numpy, sys; x = numpy.load(sys.argv[1]); y = numpy.load(sys.argv[2]); "
                + "open(sys.argv[3], 'w').write(f'{x.dtype} {x.shape} {x.tolist()} {y.dtype} {y.shape} {y.tolist()}')",
                temp.resolve("x.npy").toString(), temp.resolve("y.npy").toString(), out.toString());

        assertThat(code).isZero();
        assertThat(Files.readString(out, StandardCharsets.UTF_8))
                .isEqualTo("int32 (2, 3) [[0, 5, 37251], [1, 2, 3]] int32 (2,) [1, 0]");
    }

    private static int python(String script, String... args) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(BenchCommand.PEER_PYTHON))) {
            return -1;
        }
        List<String> command = new ArrayList<>(List.of(BenchCommand.PEER_PYTHON, "-c", script));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
