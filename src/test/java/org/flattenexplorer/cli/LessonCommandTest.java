package org.flattenexplorer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flattenexplorer.lesson.Lesson;
import org.flattenexplorer.lesson.StepView;
import org.flattenexplorer.training.RunStore;
import org.flattenexplorer.training.SavedRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lesson --handout}: the lesson's runs trained (or reused) headless, the lesson written as one HTML file. */
class LessonCommandTest {
    private static final String[] TINY = {"--synthetic", "--epochs", "1", "--units", "8", "--embedding", "8",
            "--maxlen", "30", "--train-size", "64", "--val-size", "32", "--test-size", "32"};

    @TempDir
    Path temp;

    @Test
    void theHandoutHasEveryStepAndAnEmbeddedFigureWhereTheStepHasOneAndTheRunsAreReusedNextTime() throws Exception {
        Path runs = temp.resolve("runs");
        Path html = temp.resolve("out/handout.html");
        CliRunner first = new CliRunner();
        assertThat(first.run(args("lesson", "--handout", html.toString(), "--runs", runs.toString())))
                .as(first.stderr()).isZero();
        Lesson lesson = Lesson.shipped();
        assertThat(first.stdout()).contains("Training").doesNotContain("Reusing");
        List<SavedRun> saved = new RunStore(runs).list().runs();
        assertThat(saved).hasSize(lesson.usedRuns().size());

        String page = Files.readString(html);
        List<String> sections = List.of(page.split("<section class=\"step\">")).subList(1, lesson.steps().size() + 1);
        assertThat(sections).hasSize(lesson.steps().size());
        for (int i = 0; i < sections.size(); i++) {
            String section = sections.get(i);
            StepView view = lesson.steps().get(i).view();
            assertThat(section).as("step " + (i + 1)).contains("<h2>" + (i + 1) + ". ");
            int images = count(section, "src=\"data:image/png;base64,");
            int expected = switch (view) {
                case ARCHITECTURE -> 0;
                case SIDE_BY_SIDE -> 2;
                default -> 1;
            };
            assertThat(images).as("figures of step " + (i + 1) + " (" + view + ")").isEqualTo(expected);
            assertThat(section).as("no number left unmeasured in step " + (i + 1)).doesNotContain("\u2026");
        }
        assertThat(sections.get(0)).contains("<table>").contains("Param #");
        assertThat(page).doesNotContain("http://").doesNotContain("https://").doesNotContain("<script");
        assertThat(page).contains("generated reviews"); // the synthetic-data note

        // the numbers are the saved runs' own: step 2 quotes the Flatten run's best accuracies
        SavedRun flatten = saved.stream().filter(r -> r.info().spec().model().head().name().equals("FLATTEN")
                && r.info().spec().model().returnSequences()).findFirst().orElseThrow();
        assertThat(sections.get(1)).contains(String.format(Locale.ROOT, "Training accuracy reaches %.3f",
                flatten.result().bestTrainingAccuracy()));
        assertThat(sections.get(1)).contains(String.format(Locale.ROOT, "validation accuracy peaks at %.3f",
                flatten.result().bestValidationAccuracy()));

        CliRunner second = new CliRunner();
        assertThat(second.run(args("lesson", "--handout", html.toString(), "--runs", runs.toString()))).isZero();
        assertThat(second.stdout()).contains("Reusing").doesNotContain("Training ");
        assertThat(new RunStore(runs).list().runs()).hasSize(saved.size());
        try (Stream<Path> files = Files.list(html.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("handout.html");
        }
    }

    @Test
    void aHandoutPathThatIsAFolderIsRefusedBeforeAnyTraining() throws Exception {
        CliRunner cli = new CliRunner();
        assertThat(cli.run(args("lesson", "--handout", temp.toString(), "--runs", temp.resolve("runs").toString())))
                .isEqualTo(2);
        assertThat(cli.stderr()).contains("is a folder");
        assertThat(Files.exists(temp.resolve("runs"))).isFalse();
    }

    private static String[] args(String... first) {
        return Stream.concat(Stream.of(first), Stream.of(TINY)).toArray(String[]::new);
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
