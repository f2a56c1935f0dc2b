package org.flattenexplorer.keras;

import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.flattenexplorer.data.Padding;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.Head;
import org.flattenexplorer.model.Implementation;

/**
 * An imported model of the app's own family, {@code Embedding -> LSTM -> (Flatten | pooling | last state) ->
 * Dense(1)} (Dropout layers anywhere): its {@link ExperimentSpec}, and the imported network laid out as the
 * inspection reads the app's runs (layer 0 the embedding, 1 the LSTM, the Dense last; sequences [batch, units,
 * time]), with the imported weights. The Hidden states views then show it like a trained run.
 */
public record FamilyModel(ExperimentSpec spec, MultiLayerNetwork network, String recurrentActivation) {

    /** The family's spec and network, or empty (with the reason) when the model is not of the family. */
    public static Optional<FamilyModel> of(KerasModelFile model, KerasImport.Imported imported, Padding padding,
            Padding truncating) {
        return reasonNotInFamily(model).isPresent() || !imported.sequential() ? Optional.empty()
                : Optional.of(new FamilyModel(spec(model, padding, truncating), laidOut(imported.network()),
                        lstm(model).activation("recurrent_activation", "hard_sigmoid")));
    }

    /** Why the model is not Embedding -> LSTM -> head -> Dense(1); empty when it is. */
    public static Optional<String> reasonNotInFamily(KerasModelFile model) {
        List<KerasLayer> layers = model.computingLayers().stream().filter(l -> !l.className().equals("Dropout")).toList();
        List<String> classes = layers.stream().map(KerasLayer::className).toList();
        boolean shape = classes.size() >= 3 && classes.get(0).equals("Embedding") && classes.get(1).equals("LSTM")
                && classes.get(classes.size() - 1).equals("Dense")
                && (classes.size() == 3 || classes.size() == 4 && List.of("Flatten", "GlobalMaxPooling1D",
                "GlobalAveragePooling1D").contains(classes.get(2)));
        if (!shape) {
            return Optional.of("the app's family is Embedding -> LSTM -> Flatten, pooling or the last state -> Dense(1); "
                    + "this model is " + String.join(" -> ", classes));
        }
        KerasLayer embedding = layers.get(0);
        KerasLayer lstm = layers.get(1);
        KerasLayer dense = layers.get(layers.size() - 1);
        if (embedding.integer("input_length", -1) < 1) {
            return Optional.of("its Embedding has no input_length, so the sequence length (maxlen) is not known");
        }
        if (dense.weight("kernel") == null || dense.weight("kernel").dim(1) != 1) {
            return Optional.of("its Dense layer has " + (dense.weight("kernel") == null ? "no weights" : dense.weight("kernel").dim(1)
                    + " outputs") + ": the app's models end in one output");
        }
        if (!lstm.activation("activation", "tanh").equals("tanh")) {
            return Optional.of("its LSTM's activation is " + lstm.activation("activation", "") + ", the app's is tanh");
        }
        if (!List.of("sigmoid", "linear").contains(dense.activation("activation", "linear"))) {
            return Optional.of("its Dense activation is " + dense.activation("activation", "") + ": the app reads a "
                    + "sigmoid (or linear) output as the logit");
        }
        if (layers.size() == 4 && !lstm.flag("return_sequences", false) && !layers.get(2).className().equals("Flatten")) {
            return Optional.of("its pooling layer follows an LSTM with return_sequences=False");
        }
        return Optional.empty();
    }

    static ExperimentSpec spec(KerasModelFile model, Padding padding, Padding truncating) {
        List<KerasLayer> layers = model.computingLayers();
        KerasLayer embedding = layers.get(0);
        KerasLayer lstm = lstm(model);
        Head head = Head.NONE;
        for (KerasLayer l : layers) {
            switch (l.className()) {
                case "Flatten" -> head = Head.FLATTEN;
                case "GlobalMaxPooling1D" -> head = Head.GLOBAL_MAX;
                case "GlobalAveragePooling1D" -> head = Head.GLOBAL_AVG;
                default -> { }
            }
        }
        return ExperimentSpec.question().toBuilder()
                .returnSequences(lstm.flag("return_sequences", false))
                .head(head)
                .masking(embedding.flag("mask_zero", false))
                .maxlen(embedding.integer("input_length", 500))
                .embedding(embedding.weight("embeddings").dim(1))
                .units(lstm.integer("units", 128))
                .dropout(Math.min(0.95, lstm.decimal("dropout", 0)))
                .padding(padding)
                .truncating(truncating)
                .implementation(Implementation.STOCK)
                .build();
    }

    private static KerasLayer lstm(KerasModelFile model) {
        return model.computingLayers().stream().filter(l -> l.className().equals("LSTM")).findFirst().orElseThrow();
    }

    /** The imported network without its Dropout layers (see {@link KerasImport#relaidOut}). */
    static MultiLayerNetwork laidOut(MultiLayerNetwork imported) {
        return KerasImport.relaidOut(imported, true);
    }
}
