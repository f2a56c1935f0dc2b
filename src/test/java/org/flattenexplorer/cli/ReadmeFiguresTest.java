package org.flattenexplorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every results table in the README is what {@code report} prints for the committed JSON it names. */
class ReadmeFiguresTest {

    @Test
    void everyTableInTheReadmeIsPrintedFromItsCommittedJson() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Matcher m = Pattern.compile("report (assets/results/[\\w.-]+\\.json)").matcher(readme);
        int tables = 0;
        while (m.find()) {
            Path json = Path.of(m.group(1));
            assertThat(json).exists();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ReportCommand.run(List.of(json.toString()), new PrintStream(out, true, StandardCharsets.UTF_8));

            assertThat(readme).as("README table for " + json).contains(out.toString(StandardCharsets.UTF_8).strip());
            tables++;
        }
        assertThat(tables).isGreaterThanOrEqualTo(2);
    }
}
