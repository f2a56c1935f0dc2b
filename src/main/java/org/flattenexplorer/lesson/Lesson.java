package org.flattenexplorer.lesson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flattenexplorer.charts.CompareMetric;
import org.flattenexplorer.model.Preset;

/**
 * A guided lesson: its steps and the runs they show, read from a lesson file (data, not code). Runs are named
 * by aliases bound to presets, so every step that mentions "flatten" means the same run.
 */
public record Lesson(String title, String syntheticNote, Map<String, Preset> runs, List<LessonStep> steps) {
    /** The shipped lesson: "What is this Flatten layer doing in my LSTM?". */
    public static final String SHIPPED = "/org/flattenexplorer/lesson/flatten-lesson.json";

    public Lesson {
        runs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(runs));
        steps = List.copyOf(steps);
    }

    public static Lesson shipped() {
        try (InputStream in = Lesson.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new LessonFormatException("the lesson file " + SHIPPED + " is missing from the application");
            }
            return read(in);
        } catch (IOException e) {
            throw new LessonFormatException("cannot read the lesson file: " + e.getMessage(), e);
        }
    }

    /** Reads and checks a lesson file: unknown presets, aliases, views or placeholders are named. */
    public static Lesson read(InputStream in) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new LessonFormatException("the lesson file is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        Map<String, Preset> runs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = required(root, "runs", "the lesson").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                runs.put(e.getKey(), Preset.fromId(e.getValue().asText()));
            } catch (IllegalArgumentException ex) {
                throw new LessonFormatException("run '" + e.getKey() + "': " + ex.getMessage());
            }
        }
        List<LessonStep> steps = new ArrayList<>();
        JsonNode list = required(root, "steps", "the lesson");
        for (int i = 0; i < list.size(); i++) {
            steps.add(step(list.get(i), "step " + (i + 1), runs));
        }
        if (steps.isEmpty()) {
            throw new LessonFormatException("the lesson has no steps");
        }
        return new Lesson(required(root, "title", "the lesson").asText(), root.path("syntheticNote").asText(""),
                runs, steps);
    }

    private static LessonStep step(JsonNode node, String where, Map<String, Preset> known) {
        List<String> runs = new ArrayList<>();
        node.path("runs").forEach(r -> runs.add(r.asText()));
        String spec = node.hasNonNull("spec") ? node.get("spec").asText() : null;
        for (String alias : spec == null ? runs : concat(runs, spec)) {
            if (!known.containsKey(alias)) {
                throw new LessonFormatException(where + ": unknown run '" + alias + "' (the lesson's runs: "
                        + String.join(", ", known.keySet()) + ")");
            }
        }
        StepView view = constant(StepView.class, required(node, "view", where).asText(), where + " view");
        if (runs.size() < view.minimumRuns()) {
            throw new LessonFormatException(where + ": the " + name(view) + " view needs " + view.minimumRuns()
                    + " run(s), the step names " + runs.size());
        }
        String text = required(node, "text", where).asText();
        String notes = node.path("notes").asText("");
        for (String field : List.of(required(node, "title", where).asText(), text, notes)) {
            LessonFacts.checkPlaceholders(field, known.keySet(), where);
        }
        CompareMetric metric = node.hasNonNull("metric") ? Arrays.stream(CompareMetric.values())
                .filter(m -> m.toString().equals(node.get("metric").asText())).findFirst()
                .orElseThrow(() -> new LessonFormatException(where + ": unknown metric '" + node.get("metric").asText()
                        + "' (val_accuracy, accuracy, val_loss or loss)")) : CompareMetric.VAL_ACCURACY;
        ReviewChoice review;
        try {
            review = ReviewChoice.parse(node.path("review").asText("first"));
        } catch (LessonFormatException e) {
            throw new LessonFormatException(where + ": " + e.getMessage());
        }
        return new LessonStep(required(node, "title", where).asText(), text, notes, view, runs, spec, review,
                constant(Highlight.class, node.path("highlight").asText("none"), where + " highlight"),
                node.path("animate").asBoolean(false), metric, node.path("showControls").asBoolean(false),
                node.path("showLog").asBoolean(false));
    }

    private static List<String> concat(List<String> list, String one) {
        List<String> all = new ArrayList<>(list);
        all.add(one);
        return all;
    }

    private static JsonNode required(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new LessonFormatException(where + " has no \"" + field + "\"");
        }
        return value;
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String text, String where) {
        for (E e : type.getEnumConstants()) {
            if (name(e).equals(text)) {
                return e;
            }
        }
        throw new LessonFormatException(where + ": unknown value '" + text + "' (one of: "
                + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Lesson::name).toList()) + ")");
    }

    /** The lesson file's spelling of a constant: SIDE_BY_SIDE is "side-by-side". */
    static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every alias some step shows, in the order of the lesson's run list. */
    public List<String> usedRuns() {
        return runs.keySet().stream().filter(a -> steps.stream().anyMatch(s -> s.runs().contains(a))).toList();
    }
}
