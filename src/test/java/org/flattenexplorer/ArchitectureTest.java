package org.flattenexplorer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The layering of DESIGN.md: the core runs headless, the window only observes it. */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java/org/flattenexplorer");

    private static List<String> filesImporting(String packageName, String forbidden) throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES.resolve(packageName))) {
            return files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return Files.readAllLines(p).stream().anyMatch(l -> l.startsWith("import " + forbidden));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).map(Path::toString).toList();
        }
    }

    @Test
    void theCoreHasNoJavaFx() throws IOException {
        for (String core : List.of("data", "model", "training", "inspect", "charts", "lesson", "cli", "keras")) {
            assertThat(filesImporting(core, "javafx")).as(core).isEmpty();
        }
    }

    @Test
    void theWindowNeverCallsDl4jDirectly() throws IOException {
        assertThat(filesImporting("ui", "org.deeplearning4j")).isEmpty();
        assertThat(filesImporting("ui", "org.nd4j")).isEmpty();
    }

    @Test
    void theDataLayerKnowsNothingOfModelsOrTraining() throws IOException {
        assertThat(filesImporting("data", "org.deeplearning4j")).isEmpty();
        assertThat(filesImporting("data", "org.flattenexplorer.model")).isEmpty();
        assertThat(filesImporting("data", "org.flattenexplorer.training")).isEmpty();
    }
}
