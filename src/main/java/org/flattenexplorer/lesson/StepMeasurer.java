package org.flattenexplorer.lesson;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.data.Preprocessing;
import org.flattenexplorer.inspect.ContributionShares;
import org.flattenexplorer.inspect.EncodedReview;
import org.flattenexplorer.inspect.InspectedModel;
import org.flattenexplorer.inspect.Inspection;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.training.SavedRun;

/**
 * Measures lesson steps: loads the runs' models (once each), probes the step's review, measures the padding's
 * share over the validation reviews when a step's text asks for it, and fills the text. Slow work (model loading,
 * probing): call it off the UI thread.
 */
public final class StepMeasurer {
    private final Lesson lesson;
    private final Map<String, ExperimentSpec> specs;
    private final Function<Preprocessing, PreparedDataset> datasets;
    private final Map<java.nio.file.Path, InspectedModel> models = new HashMap<>();
    private final Map<java.nio.file.Path, ContributionShares> shares = new HashMap<>();

    /**
     * @param datasets the reviews a spec's preprocessing gives (the same ones its runs were trained on)
     */
    public StepMeasurer(Lesson lesson, Map<String, ExperimentSpec> specs,
                        Function<Preprocessing, PreparedDataset> datasets) {
        this.lesson = lesson;
        this.specs = Map.copyOf(specs);
        this.datasets = datasets;
    }

    public synchronized StepMaterial measure(LessonStep step, Map<String, SavedRun> runs) {
        LessonFacts facts = new LessonFacts();
        for (String alias : lesson.runs().keySet()) {
            ExperimentSpec spec = specs.get(alias);
            if (mentions(step, alias)) {
                facts.spec(alias, spec, dataset(alias).vocabulary().inputDim());
            }
            SavedRun run = runs.get(alias);
            if (run != null) {
                facts.run(alias, run.result());
            }
        }
        List<Inspection> inspections = new ArrayList<>();
        int row = -1;
        for (String alias : step.runs()) {
            SavedRun run = runs.get(alias);
            boolean probe = step.view().inspectsReview() || asks(step, alias, "review.");
            if (run == null || !(probe || asks(step, alias, "val."))) {
                continue;
            }
            PreparedDataset data = dataset(alias);
            InspectedModel model = model(run);
            if (probe && data.validation().size() > 0) {
                row = row >= 0 ? row : step.review().pick(data.validation());
                Inspection in = model.inspect(EncodedReview.ofTokens(data.validation().tokens()[row], model.vocabulary()));
                inspections.add(in);
                facts.review(alias, in);
            }
            if (asks(step, alias, "val.")) {
                facts.validation(alias, shares.computeIfAbsent(run.folder(),
                        f -> ContributionShares.measure(model, data.validation())));
            }
        }
        ExperimentSpec shown = step.specAlias().map(specs::get).orElse(null);
        int vocabulary = step.specAlias().map(a -> dataset(a).vocabulary().inputDim()).orElse(0);
        return new StepMaterial(step, runs, inspections, row, facts.fill(step.title()), facts.fill(step.text()),
                facts.fill(step.notes()),
                shown, vocabulary);
    }

    /** A run's model, loaded once (the window's hidden-state views show the same one). */
    public synchronized InspectedModel model(SavedRun run) {
        return models.computeIfAbsent(run.folder(), f -> InspectedModel.of(run));
    }

    /** The dataset of an alias's spec (prepared once by the caller's cache). */
    public PreparedDataset dataset(String alias) {
        return datasets.apply(specs.get(alias).data());
    }

    public ExperimentSpec spec(String alias) {
        return specs.get(alias);
    }

    private static boolean mentions(LessonStep step, String alias) {
        String marker = "{" + alias + ".";
        return step.title().contains(marker) || step.text().contains(marker) || step.notes().contains(marker);
    }

    private static boolean asks(LessonStep step, String alias, String prefix) {
        return LessonFacts.asks(step.text(), alias, prefix) || LessonFacts.asks(step.notes(), alias, prefix);
    }
}
