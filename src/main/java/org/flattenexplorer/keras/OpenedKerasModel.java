package org.flattenexplorer.keras;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.flattenexplorer.data.DataException;
import org.flattenexplorer.data.KerasTokenizerVocabulary;
import org.flattenexplorer.data.KerasWordIndexVocabulary;
import org.flattenexplorer.data.Padding;
import org.flattenexplorer.data.Vocabulary;
import org.flattenexplorer.inspect.InspectedModel;

/**
 * A user's Keras model opened: the file read, its compatibility, the DL4J import (when every layer is supported),
 * the app-family view of it for the Hidden states tab (when it has that shape), and the tokenizer that turns
 * review text into its token ids.
 *
 * @param imported   null when a layer is not supported (then {@code problems} says which)
 * @param family     the inspection's network and spec; empty for other shapes ({@code notFamily} says why)
 * @param vocabulary null without a tokenizer
 */
public record OpenedKerasModel(KerasModelFile file, List<Compatibility.Problem> problems, KerasImport.Imported imported,
        Optional<FamilyModel> family, String notFamily, Vocabulary vocabulary) {

    /**
     * Opens a model and its tokenizer. Bad input (the model file, the tokenizer, a tokenizer that does not fit the
     * Embedding) is refused with a {@link DataException}; unsupported layers are not: they are listed in
     * {@code problems}, for the compatibility report.
     */
    public static OpenedKerasModel open(Path h5, Path tokenizer, Padding padding, Padding truncating) {
        KerasModelFile file = KerasModelFile.read(h5);
        List<Compatibility.Problem> problems = Compatibility.problems(file);
        Vocabulary vocabulary = tokenizer == null ? null : tokenizer(file, tokenizer);
        if (!problems.isEmpty()) {
            return new OpenedKerasModel(file, problems, null, Optional.empty(), "", vocabulary);
        }
        KerasImport.Imported imported = KerasImport.load(file);
        Optional<String> why = FamilyModel.reasonNotInFamily(file);
        Optional<FamilyModel> family = FamilyModel.of(file, imported, padding, truncating);
        return new OpenedKerasModel(file, problems, imported, family, why.orElse(""), vocabulary);
    }

    /** The tokenizer, checked against the model's Embedding: every id it can emit needs a row. */
    static Vocabulary tokenizer(KerasModelFile file, Path tokenizer) {
        Optional<KerasLayer> embedding = file.computingLayers().stream()
                .filter(l -> l.className().equals("Embedding")).findFirst();
        if (embedding.isEmpty() || embedding.get().weight("embeddings") == null) {
            throw new KerasModelException(file.file() + " reads numbers, not words (it has no Embedding layer), so the "
                    + "tokenizer " + tokenizer + " does not apply: leave out --tokenizer and give sequences");
        }
        int rows = embedding.get().weight("embeddings").dim(0);
        String name = tokenizer.getFileName().toString().toLowerCase(Locale.ROOT);
        Vocabulary v = name.startsWith("imdb_word_index")
                ? KerasWordIndexVocabulary.load(tokenizer, OptionalInt.of(rows)) // keras.datasets.imdb: ids below rows
                : KerasTokenizerVocabulary.load(tokenizer);
        if (v.inputDim() > rows) {
            throw new KerasModelException(String.format(Locale.ROOT, "The tokenizer %s does not match %s: it gives ids up "
                    + "to %,d, but the model's Embedding has %,d rows; give the tokenizer the model was trained with "
                    + "(or set its num_words to %,d)", tokenizer, file.fileName(), v.inputDim() - 1, rows, rows));
        }
        return v;
    }

    public boolean compatible() {
        return problems.isEmpty();
    }

    /** The model as the Hidden states views read a run; needs the family's shape and a tokenizer. */
    public InspectedModel inspected() {
        if (!compatible()) {
            throw new KerasModelException(Compatibility.refusal(file, problems));
        }
        if (family.isEmpty()) {
            throw new KerasModelException(file.file() + " cannot be shown as hidden states of one review: " + notFamily);
        }
        if (vocabulary == null) {
            throw new KerasModelException(file.file() + " reads token ids: give its tokenizer (--tokenizer "
                    + "tokenizer.json from tokenizer.to_json(), or imdb_word_index.json) to read review text");
        }
        return new InspectedModel(file.fileName(), family.get().network(), family.get().spec(), vocabulary);
    }

    /** Each computing layer's output shape, from the reference pass on one seeded input (Keras's summary column). */
    public Map<String, String> outputShapes() {
        Map<String, String> shapes = new LinkedHashMap<>();
        if (!compatible()) {
            return shapes;
        }
        ReferenceForward.run(file, ImportCheck.seededInput(file, 1, 1))
                .forEach((name, a) -> shapes.put(name, a.shapeText()));
        return shapes;
    }
}
