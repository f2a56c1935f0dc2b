package org.flattenexplorer.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.data.Preprocessing;
import org.flattenexplorer.lesson.Handout;
import org.flattenexplorer.lesson.Lesson;
import org.flattenexplorer.lesson.LessonRuns;
import org.flattenexplorer.lesson.StepMaterial;
import org.flattenexplorer.lesson.StepMeasurer;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.training.RunStore;
import org.flattenexplorer.training.SavedRun;

/**
 * {@code lesson --handout OUT.html}: the guided lesson's runs, reused from the run store when saved with the
 * same spec, seed and data, trained otherwise, and the lesson written as one self-contained HTML file.
 * ({@code lesson} without {@code --handout} opens the window in the lesson; the launcher handles that.)
 */
final class LessonCommand {
    static final Set<String> OPTIONS = TrainCommand.options("handout", "data", "runs");

    private LessonCommand() {}

    static int run(CliOptions o, PrintStream out) {
        Path target = Path.of(o.string("handout").orElseThrow(() -> new CliException(
                "lesson needs --handout OUT.html (without options, 'lesson' opens the window in the lesson)")));
        if (Files.isDirectory(target)) {
            throw new CliException("--handout " + target + " is a folder: give the path of the HTML file to write");
        }
        Lesson lesson = Lesson.shipped();
        Map<String, ExperimentSpec> specs = LessonRuns.specs(lesson, spec -> SpecOptions.trainable(spec, o));
        Map<Preprocessing, PreparedDataset> prepared = new HashMap<>();
        Function<Preprocessing, PreparedDataset> datasets = p -> prepared.computeIfAbsent(p,
                q -> DataOptions.prepare(o, q));
        RunStore store = new RunStore(o.string("runs").map(Path::of).orElse(RunStore.defaultRoot()));
        List<SavedRun> saved = new ArrayList<>(store.list().runs());

        Map<String, SavedRun> runs = new LinkedHashMap<>();
        PreparedDataset any = null;
        for (String alias : lesson.usedRuns()) {
            ExperimentSpec spec = specs.get(alias);
            PreparedDataset data = datasets.apply(spec.data());
            any = data;
            Optional<SavedRun> match = LessonRuns.match(saved, spec, data.identity());
            if (match.isPresent()) {
                out.println("Reusing " + match.get().info().name() + " (" + match.get().folder() + ")");
                runs.put(alias, match.get());
                continue;
            }
            out.println("Training " + spec.describe() + " · seed " + spec.training().seed() + " on " + data.source());
            RunLauncher.Outcome outcome = RunLauncher.train(spec, data, new ConsoleProgress(out));
            SavedRun run = store.save(outcome.info(spec.describe()), outcome.result(), outcome.run().network(),
                    data.vocabulary());
            saved.add(run);
            runs.put(alias, run);
        }

        StepMeasurer measurer = new StepMeasurer(lesson, specs, datasets);
        List<StepMaterial> steps = lesson.steps().stream().map(step -> measurer.measure(step, runs)).toList();
        String source = any == null ? "no data" : any.source();
        Handout.write(Handout.html(lesson, steps, List.copyOf(runs.values()), source, o.flag("synthetic")), target);
        out.println("Wrote the handout (" + steps.size() + " steps) to " + target.toAbsolutePath());
        return 0;
    }
}
