package org.flattenexplorer.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLocatorTest {
    @TempDir
    Path tmp;

    private DataLocator locator(Map<String, String> env) {
        return new DataLocator(env::get, tmp.resolve("home"));
    }

    @Test
    void cliValueWinsOverEnvironmentAndDefault() throws IOException {
        Path cli = TestData.emptyLayout(tmp.resolve("cli"));
        Files.createDirectories(tmp.resolve("home/.flatten-explorer/data/aclImdb"));
        Optional<Path> found = locator(Map.of(DataLocator.ENV_VARIABLE, tmp.resolve("env").toString()))
                .find(Optional.of(cli));
        assertThat(found).contains(cli.toAbsolutePath().normalize());
    }

    @Test
    void environmentVariableIsUsedWithoutCliValue() {
        Path env = tmp.resolve("env");
        assertThat(locator(Map.of(DataLocator.ENV_VARIABLE, env.toString())).find(Optional.empty()))
                .contains(env.toAbsolutePath().normalize());
    }

    @Test
    void blankEnvironmentVariableIsIgnored() {
        assertThat(locator(Map.of(DataLocator.ENV_VARIABLE, "  ")).find(Optional.empty())).isEmpty();
    }

    @Test
    void defaultFolderIsUsedWhenItExists() throws IOException {
        Path fallback = Files.createDirectories(tmp.resolve("home/.flatten-explorer/data/aclImdb"));
        assertThat(locator(Map.of()).find(Optional.empty())).contains(fallback);
    }

    @Test
    void nothingIsFoundWhenTheDefaultFolderIsAbsent() {
        assertThat(locator(Map.of()).find(Optional.empty())).isEmpty();
    }

    @Test
    void cliValuePointingAtTheParentResolvesToAclImdb() throws IOException {
        Path root = TestData.emptyLayout(tmp.resolve("downloads/aclImdb"));
        assertThat(locator(Map.of()).find(Optional.of(tmp.resolve("downloads"))))
                .contains(root.toAbsolutePath().normalize());
    }

    @Test
    void dataFolderIsUnderTheHomeFolder() {
        assertThat(locator(Map.of()).dataFolder()).isEqualTo(tmp.resolve("home/.flatten-explorer/data/aclImdb"));
    }
}
