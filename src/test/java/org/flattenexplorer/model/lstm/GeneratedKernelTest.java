package org.flattenexplorer.model.lstm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The double-precision kernel (used by gradient checks) is generated from the float one: never stale. */
class GeneratedKernelTest {

    @Test
    void theCommittedDoubleKernelIsWhatTheGeneratorMakesOfTheFloatKernel(@TempDir Path temp) throws Exception {
        Path generated = temp.resolve("LstmKernelD.java");
        Process p = new ProcessBuilder("sh", "scripts/gen-double-kernel.sh", generated.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor()).isZero();

        assertThat(Files.readString(generated)).as("run scripts/gen-double-kernel.sh after editing LstmKernelF")
                .isEqualTo(Files.readString(Path.of("src/main/java/org/flattenexplorer/model/lstm/LstmKernelD.java")));
    }
}
