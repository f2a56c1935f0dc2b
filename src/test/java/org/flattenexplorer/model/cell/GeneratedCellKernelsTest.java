package org.flattenexplorer.model.cell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The double-precision cell kernels (used by gradient checks) are generated from the float ones: never stale. */
class GeneratedCellKernelsTest {

    @Test
    void theCommittedDoubleKernelsAreWhatTheGeneratorMakesOfTheFloatKernels(@TempDir Path temp) throws Exception {
        Process p = new ProcessBuilder("sh", "scripts/gen-double-cell-kernels.sh", temp.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor()).isZero();
        for (String kernel : new String[] {"RecurrentKernelD", "GruKernelD", "SimpleRnnKernelD"}) {
            assertThat(Files.readString(temp.resolve(kernel + ".java")))
                    .as("run scripts/gen-double-cell-kernels.sh after editing a *KernelF")
                    .isEqualTo(Files.readString(Path.of("src/main/java/org/flattenexplorer/model/cell/" + kernel + ".java")));
        }
    }
}
