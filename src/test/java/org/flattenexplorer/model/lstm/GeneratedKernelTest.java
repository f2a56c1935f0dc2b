package org.flattenexplorer.model.lstm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The double-precision kernel and per-step product (used by gradient checks) are generated from the float ones:
 * never stale.
 */
class GeneratedKernelTest {

    @Test
    void theCommittedDoubleFilesAreWhatTheGeneratorMakesOfTheFloatOnes(@TempDir Path temp) throws Exception {
        Process p = new ProcessBuilder("sh", "scripts/gen-double-kernel.sh", temp.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor()).isZero();

        for (String name : new String[] {"LstmKernelD.java", "StepProductD.java", "InputRunsD.java"}) {
            assertThat(Files.readString(temp.resolve(name)))
                    .as("run scripts/gen-double-kernel.sh after editing " + name.replace("D.java", "F"))
                    .isEqualTo(Files.readString(Path.of("src/main/java/org/flattenexplorer/model/lstm", name)));
        }
    }
}
