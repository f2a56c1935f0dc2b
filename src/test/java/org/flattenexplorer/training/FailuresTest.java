package org.flattenexplorer.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.List;
import java.util.regex.Pattern;
import org.flattenexplorer.data.DataException;
import org.junit.jupiter.api.Test;

/** Every failure becomes one sentence naming what happened and what to do, whatever depth its cause lies at. */
class FailuresTest {
    private static final Pattern CLASS_NAME = Pattern.compile("\\b\\w*(Exception|Error)\\b|java\\.|org\\.(?!flatten)");

    private record Case(Throwable failure, String expectedStart, String expectedToContain) {}

    @Test
    void eachFailureIsOneSentenceWithWhatToDoAndNoClassNames() {
        RuntimeException deepOom = new RuntimeException("Error during neural network forward pass",
                new RuntimeException("op failed", new OutOfMemoryError("Cannot allocate new FloatPointer(1000): "
                        + "totalBytes = 1G, physicalBytes = 3G")));
        FileSystemException full = new FileSystemException("/runs/.x.partial-1-2/model.zip", null,
                "No space left on device");
        List<Case> cases = List.of(
                new Case(deepOom, "Out of memory", "smaller batch"),
                new Case(new OutputException("could not save the run to /runs/x", full),
                        "could not save the run to /runs/x: the disk is full (/runs/.x.partial-1-2/model.zip)",
                        "free some space"),
                new Case(new UncheckedIOException(new IOException("No space left on device")), "The disk is full",
                        "another disk"),
                new Case(new OutputException("cannot write --json /x/a.json", new AccessDeniedException("/x/a.json")),
                        "cannot write --json /x/a.json: permission denied (/x/a.json)", "choose a folder"),
                new Case(new OutputException("cannot write --png /f/a.png",
                        new FileSystemException("/f/a.png", null, "Not a directory")), "cannot write --png /f/a.png: "
                        + "/f/a.png is a file, not a folder", "not inside a file"),
                new Case(new OutputException("cannot write x", new FileSystemException("/ro/x", null,
                        "Read-only file system")), "cannot write x: the folder is on a read-only file system",
                        "choose a folder you can write to"),
                new Case(new DataException("Data folder does not exist: /d"), "Data folder does not exist: /d", "/d"),
                new Case(new NullPointerException("Cannot invoke \"org.deeplearning4j.nn.api.Layer.conf()\" because "
                        + "\"x\" is null"), "Unexpected error", "please report it"));
        for (Case c : cases) {
            String sentence = Failures.explain(c.failure());
            assertThat(sentence).as(c.failure().toString()).startsWith(c.expectedStart()).contains(c.expectedToContain());
            assertThat(sentence.lines().count()).isEqualTo(1);
            assertThat(CLASS_NAME.matcher(sentence).find()).as(sentence).isFalse();
        }
    }

    @Test
    void userProblemsAreToldApartFromBugs() {
        assertThat(Failures.isUserActionable(new OutputException("x"))).isTrue();
        assertThat(Failures.isUserActionable(new RuntimeException(new OutOfMemoryError()))).isTrue();
        assertThat(Failures.isUserActionable(new ArrayIndexOutOfBoundsException(3))).isFalse();
        assertThat(Failures.details(new OutputException("x", new AccessDeniedException("/a"))))
                .contains("AccessDeniedException").contains("caused by");
    }

    @Test
    void jsonErrorsNameTheLineOrTheFieldInOneLine() {
        ObjectMapper json = new ObjectMapper();
        String parse = Failures.json("f.json", catchJson(() -> json.readTree("{\"runs\": [1,\n}")));
        assertThat(parse).startsWith("f.json is not valid JSON (line 2, column").doesNotContain("\n")
                .doesNotContain("Source");
        String mapping = Failures.json("run.json", catchJson(() -> json.readValue("{\"status\": \"DONE\"}", RunInfo.class)));
        assertThat(mapping).startsWith("run.json: \"status\" has a value that is not allowed ('DONE')");
    }

    private static com.fasterxml.jackson.core.JsonProcessingException catchJson(JsonCall call) {
        try {
            call.run();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return e;
        }
        throw new AssertionError("expected a JSON error");
    }

    private interface JsonCall {
        void run() throws com.fasterxml.jackson.core.JsonProcessingException;
    }
}
