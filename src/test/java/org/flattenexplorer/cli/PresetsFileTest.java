package org.flattenexplorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PresetsFileTest {

    @Test
    void samplePresetsFileHoldsEveryPresetsCurrentSpec() throws Exception {
        String committed = Files.readString(Path.of("sample-data", "presets.json")).strip();

        assertThat(committed).as("regenerate with ./flatten-explorer presets > sample-data/presets.json")
                .isEqualTo(PresetsCommand.json().strip());
    }
}
