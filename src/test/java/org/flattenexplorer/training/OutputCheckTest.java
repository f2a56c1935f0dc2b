package org.flattenexplorer.training;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs are checked before any training. Tests run as root, where permissions do not stop a write: the
 * unwritable case is a path under a regular file, which fails for everyone; a full disk is a disk reporting
 * less free space than the run needs.
 */
class OutputCheckTest {
    @TempDir
    Path temp;

    @Test
    void aNewRunFolderMustNotExistBeWritableAndFit() throws Exception {
        Path file = Files.writeString(temp.resolve("notes.txt"), "keep me");
        OutputCheck check = OutputCheck.SYSTEM;

        assertThatThrownBy(() -> check.newFolder("--out", temp.toString(), 0)).isInstanceOf(OutputException.class)
                .hasMessageContaining("already exists").hasMessageContaining("new folder name");
        assertThatThrownBy(() -> check.newFolder("--out", file.resolve("run").toString(), 0))
                .hasMessageContaining(file + " is a file, not a folder");
        assertThatThrownBy(() -> check.newFolder("--out", "", 0)).hasMessageContaining("needs a path");
        assertThatCode(() -> check.newFolder("--out", temp.resolve("a/b/run").toString(), 1000)).doesNotThrowAnyException();
        assertThatThrownBy(() -> new OutputCheck(p -> 3_000_000).newFolder("--out", temp.resolve("r").toString(),
                20_000_000)).hasMessageContaining("not enough free space").hasMessageContaining("22.1 MB")
                .hasMessageContaining("only 3.0 MB are free");
        assertThat(Files.readString(file)).isEqualTo("keep me");
    }

    @Test
    void aFileOutputMustNotBeAFolderNorUnderAFile() throws Exception {
        Path file = Files.writeString(temp.resolve("f"), "x");

        assertThatThrownBy(() -> OutputCheck.SYSTEM.file("--json", temp.toString()))
                .hasMessageContaining("is a folder: give a file name, e.g. " + temp.resolve("out.json"));
        assertThatThrownBy(() -> OutputCheck.SYSTEM.file("--png", file.resolve("x.png").toString()))
                .hasMessageContaining("is a file, not a folder");
        assertThatCode(() -> OutputCheck.SYSTEM.file("--csv", temp.resolve("new/x.csv").toString())).doesNotThrowAnyException();
        assertThatCode(() -> OutputCheck.SYSTEM.file("--json", file.toString())).doesNotThrowAnyException();
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    @Test
    void theRunsFolderMustBeAFolder() throws Exception {
        Path file = Files.writeString(temp.resolve("runs"), "x");
        assertThatThrownBy(() -> OutputCheck.SYSTEM.store(file, 0)).hasMessageContaining("the runs folder " + file
                + " is a file, not a folder");
        assertThatThrownBy(() -> OutputCheck.SYSTEM.store(file.resolve("runs"), 0)).hasMessageContaining("is a file");
    }

    private static org.assertj.core.api.AbstractStringAssert<?> assertThat(String s) {
        return org.assertj.core.api.Assertions.assertThat(s);
    }
}
