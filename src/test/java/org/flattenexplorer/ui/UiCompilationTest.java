package org.flattenexplorer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The window's directive keeping drawing code off C2: the JVM takes it, and it names the drawing packages only. */
class UiCompilationTest {

    @Test
    void theJvmTakesTheDirectiveForTheDrawingPackagesAndNotTheTrainingCode() {
        assertThat(UiCompilation.keepDrawingCodeOffC2()).as("a directive the JVM could not parse is refused").isTrue();
        try {
            String active = UiCompilation.diagnosticCommand("compilerDirectivesPrint");
            assertThat(active).contains("javafx/*.*", "org/jfree/*.*", "sun/java2d/*.*");
            assertThat(active).doesNotContain("org/flattenexplorer", "org/nd4j", "jdk/incubator");
        } finally {
            UiCompilation.diagnosticCommand("compilerDirectivesRemove");
        }
    }

    @Test
    void thePropertyLeavesItOut() {
        System.setProperty(UiCompilation.PROPERTY, "c2");
        try {
            assertThat(UiCompilation.keepDrawingCodeOffC2()).isFalse();
        } finally {
            System.clearProperty(UiCompilation.PROPERTY);
        }
    }
}
