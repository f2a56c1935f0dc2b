package org.flattenexplorer.keras;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * How faithful an import is, layer by layer: the largest absolute difference between DL4J's output and Keras's
 * own recorded output ({@code *_inputs_and_outputs.h5}: {@code inputs/}, {@code activations/<layer>}), or, where
 * Keras recorded nothing, the project's reference pass over seeded inputs (padded where the model masks).
 */
public final class ImportCheck {
    /** The tolerance the tests hold imports to: float32 arithmetic in a different order. */
    public static final double TOLERANCE = 1e-5;

    /** One layer's comparison; {@code referenceVsKeras} is NaN when there is no recording. */
    public record LayerCheck(String layer, String shape, double maxAbsDifference, double referenceVsKeras) {}

    /** What was compared with what, and every layer's result. */
    public record Result(String against, int samples, List<LayerCheck> layers) {
        public double worst() {
            return layers.stream().mapToDouble(LayerCheck::maxAbsDifference).max().orElse(0);
        }

        public boolean passes() {
            return !layers.isEmpty() && worst() <= TOLERANCE;
        }
    }

    private ImportCheck() {}

    /** Against the reference pass, on {@code samples} seeded inputs. */
    public static Result againstReference(KerasModelFile model, KerasImport.Imported imported, int samples) {
        Activations input = seededInput(model, samples, 42);
        Map<String, Activations> reference = ReferenceForward.run(model, input);
        Map<String, Activations> dl4j = KerasImport.activations(imported, model, input);
        List<LayerCheck> checks = new ArrayList<>();
        for (Map.Entry<String, Activations> e : dl4j.entrySet()) {
            Activations ref = reference.get(e.getKey());
            checks.add(new LayerCheck(e.getKey(), ref.shapeText(), difference(e.getValue(), ref), Double.NaN));
        }
        return new Result("the project's reference forward pass (" + samples + " seeded inputs)", samples, checks);
    }

    /** Against the outputs Keras recorded for its own inputs. */
    public static Result againstRecording(KerasModelFile model, KerasImport.Imported imported, Path recording) {
        KerasModelFile.checkIsHdf5(recording);
        Map<String, Activations> recorded = new LinkedHashMap<>();
        Activations input;
        try (Hdf5File h5 = Hdf5File.open(recording)) {
            if (!h5.isGroup("inputs") || !h5.isGroup("activations")) {
                throw new KerasModelException(recording + " is not a recording of Keras's inputs and outputs (it needs "
                        + "the groups inputs/ and activations/, as the *_inputs_and_outputs.h5 files have)");
            }
            List<String> inputs = h5.children("inputs");
            if (inputs.size() != 1) {
                throw new KerasModelException(recording + " records " + inputs.size() + " inputs: the model has one");
            }
            input = toActivations(h5.readFloats("inputs/" + inputs.get(0)));
            for (KerasLayer l : model.computingLayers()) {
                if (h5.isDataset("activations/" + l.name())) {
                    recorded.put(l.name(), toActivations(h5.readFloats("activations/" + l.name())));
                }
            }
        }
        if (recorded.isEmpty()) {
            throw new KerasModelException(recording + " records no activations of this model's layers ("
                    + model.computingLayers().stream().map(KerasLayer::name).toList() + "): it belongs to another model");
        }
        Map<String, Activations> reference = ReferenceForward.run(model, input);
        Map<String, Activations> dl4j = KerasImport.activations(imported, model, input);
        List<LayerCheck> checks = new ArrayList<>();
        for (Map.Entry<String, Activations> e : recorded.entrySet()) {
            Activations mine = dl4j.get(e.getKey());
            double refDiff = difference(reference.get(e.getKey()), e.getValue());
            checks.add(new LayerCheck(e.getKey(), e.getValue().shapeText(),
                    mine == null ? Double.NaN : difference(mine, e.getValue()), refDiff));
        }
        return new Result("Keras's recorded outputs (" + recording.getFileName() + ", " + input.batch() + " samples)",
                input.batch(), checks);
    }

    /** Shapes that disagree count as an infinite difference; a difference is never hidden. */
    private static double difference(Activations a, Activations b) {
        return Activations.maxAbsDifference(a, b);
    }

    /** [batch, T, F] or [batch, F] as Keras holds it. */
    static Activations toActivations(Hdf5File.Tensor t) {
        int batch = t.dim(0);
        if (t.shape().length == 3) {
            int steps = t.dim(1);
            int width = t.dim(2);
            float[][][] v = new float[batch][steps][width];
            for (int b = 0; b < batch; b++) {
                for (int s = 0; s < steps; s++) {
                    System.arraycopy(t.data(), (b * steps + s) * width, v[b][s], 0, width);
                }
            }
            return new Activations(v, true, null);
        }
        int width = t.size() / batch;
        float[][] rows = new float[batch][width];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(t.data(), b * width, rows[b], 0, width);
        }
        return Activations.vectors(rows);
    }

    /**
     * Seeded inputs of the model's shape: token ids for an Embedding (the last steps padded with 0 when it masks
     * zeros), numbers for a recurrent input (the last steps all mask value when it has a Masking layer).
     */
    static Activations seededInput(KerasModelFile model, int samples, long seed) {
        Random random = new Random(seed);
        List<KerasLayer> layers = model.computingLayers();
        List<Integer> shape = model.inputShape();
        int steps = shape.isEmpty() || shape.get(0) < 0 ? 12 : shape.get(0);
        KerasLayer first = layers.get(0);
        boolean embedding = first.className().equals("Embedding");
        boolean masks = embedding ? first.flag("mask_zero", false) : first.className().equals("Masking");
        int width = embedding ? 1 : shape.size() > 1 && shape.get(1) > 0 ? shape.get(1)
                : layers.stream().filter(l -> l.weight("kernel") != null).findFirst().map(l -> l.weight("kernel").dim(0)).orElse(1);
        int vocabulary = embedding ? first.weight("embeddings").dim(0) : 0;
        float[][][] v = new float[samples][steps][width];
        for (int b = 0; b < samples; b++) {
            int real = masks ? Math.max(1, steps - b % Math.max(1, steps / 2)) : steps;
            for (int t = 0; t < real; t++) {
                for (int f = 0; f < width; f++) {
                    v[b][t][f] = embedding ? (masks ? 1 + random.nextInt(Math.max(1, vocabulary - 1)) : random.nextInt(vocabulary))
                            : (float) random.nextGaussian();
                }
            }
        }
        return new Activations(v, true, null);
    }
}
