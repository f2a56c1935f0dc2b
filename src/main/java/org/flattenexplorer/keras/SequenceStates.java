package org.flattenexplorer.keras;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.flattenexplorer.model.cell.RecurrentStates;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One numeric sequence under a user's Keras model that reads numbers (e.g. {@code Masking -> LSTM}): the input,
 * which steps Keras masks, the recurrent layer's hidden state at every time step ({@code states[t][u]}, Keras's
 * orientation, T x U), the model's output, and how far the states are from the project's reference pass.
 *
 * <p>The states come from the imported DL4J network, even where the layer returns only its last state
 * ({@link RecurrentStates} runs the layer inside DL4J's LastTimeStep). Keras's masking is followed exactly: the real
 * steps run through the network with no mask (a masked step changes nothing in Keras), and a masked step shows the
 * state before it again (zeros before the first real step), as Keras's LSTM outputs it; DL4J's own masked LSTM
 * zeroes its state there instead.
 *
 * @param source              the sequences file's name; {@code count} sequences in it
 * @param layer               the recurrent layer shown, "lstm_1 (LSTM)" (the model's last recurrent layer)
 * @param index               which sequence of the file, from 0
 * @param input               the sequence, T x F
 * @param masked              which steps Keras's Masking skips (every value equal to the mask value)
 * @param states              h_t[u], T x U
 * @param readRow             the row the layer passes on when it returns its last state (its last real step); -1
 *                            when it returns the whole sequence, or when every step is masked
 * @param outputLayer         the model's last layer, "dense_1 (Dense)"
 * @param output              that layer's output for this sequence (a batch of one)
 * @param referenceDifference largest |DL4J - reference| over the states
 * @param notes               what the user should know about these numbers (empty when nothing)
 */
public record SequenceStates(String modelName, String layer, String source, int count, int index, float[][] input, boolean[] masked,
        float[][] states, int readRow, String outputLayer, Activations output, double referenceDifference,
        List<String> notes) {

    public SequenceStates {
        notes = List.copyOf(notes);
    }

    /** Sequence {@code index} of {@code sequences} under the model; the model must be imported and read numbers. */
    public static SequenceStates of(OpenedKerasModel model, NumericSequences sequences, int index) {
        if (!model.compatible()) {
            throw new KerasModelException(Compatibility.refusal(model.file(), model.problems()));
        }
        KerasModelFile file = model.file();
        int[] shape = NumericSequences.inputShape(file);
        if (sequences.features() != shape[1] || shape[0] > 0 && sequences.timeSteps() != shape[0]) {
            throw new KerasModelException(String.format(Locale.ROOT, "%s holds sequences of %d time steps x %d "
                    + "features; %s reads %s x %d features", sequences.source(), sequences.timeSteps(),
                    sequences.features(), file.fileName(), shape[0] > 0 ? shape[0] + " time steps" : "time steps",
                    shape[1]));
        }
        Activations x = sequences.one(index);
        int steps = x.steps();
        boolean[][] kerasMask = KerasImport.kerasMask(file, x);
        boolean[] masked = new boolean[steps];
        List<Integer> real = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            masked[t] = kerasMask != null && !kerasMask[0][t];
            if (!masked[t]) {
                real.add(t);
            }
        }
        KerasLayer recurrent = lastRecurrent(file);
        Activations compressed = compressed(x, real);
        int units = recurrent.integer("units", recurrent.weight("recurrent_kernel").dim(0));
        float[][] realStates = real.isEmpty() ? new float[0][units]
                : dl4jStates(model.imported(), file, compressed, recurrent.name());
        float[][] states = new float[steps][];
        int k = 0;
        for (int t = 0; t < steps; t++) {
            if (!masked[t]) {
                k++;
            }
            states[t] = k == 0 ? new float[units] : realStates[k - 1].clone();
        }
        Activations reference = ReferenceForward.states(file, x, recurrent.name());
        double difference = Activations.maxAbsDifference(
                new Activations(new float[][][] {states}, true, null), new Activations(reference.values(), true, null));
        List<String> notes = new ArrayList<>();
        Activations output;
        boolean gap = interiorGap(masked);
        boolean compressible = file.computingLayers().stream().map(KerasLayer::className)
                .noneMatch(c -> c.equals("Flatten") || c.equals("GlobalMaxPooling1D"));
        if (gap && compressible && !real.isEmpty()) {
            output = lastOutput(KerasImport.activations(model.imported(), file, compressed));
        } else {
            output = lastOutput(KerasImport.activations(model.imported(), file, x));
            if (gap) {
                notes.add("masked steps lie between real steps: DL4J's masked layers restart from zeros after them, "
                        + "so the output may differ from Keras's (the states above follow Keras)");
            }
        }
        if (real.isEmpty()) {
            notes.add("every step is masked (all values equal the mask value): the states stay zero");
        }
        boolean lastState = !recurrent.flag("return_sequences", false);
        int readRow = lastState && !real.isEmpty() ? real.get(real.size() - 1) : -1;
        KerasLayer last = file.computingLayers().get(file.computingLayers().size() - 1);
        return new SequenceStates(file.fileName(), recurrent.title(),
                String.valueOf(sequences.source().getFileName()), sequences.count(), index, x.values()[0], masked, states, readRow,
                last.title(), output, difference, notes);
    }

    public int timeSteps() {
        return states.length;
    }

    public int units() {
        return states.length == 0 ? 0 : states[0].length;
    }

    public int features() {
        return input.length == 0 ? 0 : input[0].length;
    }

    public int maskedCount() {
        int n = 0;
        for (boolean m : masked) {
            n += m ? 1 : 0;
        }
        return n;
    }

    /** The model's output as text: "[0.1234, 0.5678]", or "T x U sequence" for a sequence output. */
    public String outputText() {
        if (output.sequence()) {
            return output.steps() + " x " + output.width() + " sequence";
        }
        StringBuilder s = new StringBuilder("[");
        float[] v = output.values()[0][0];
        for (int i = 0; i < v.length; i++) {
            s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6g", v[i]));
        }
        return s.append(']').toString();
    }

    /** The lines under the picture's title, also what the CLI prints. */
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "sequence %d of %d from %s: T = %d time steps x F = %d features; %d real, "
                + "%d masked", index, count, source, timeSteps(), features(), timeSteps() - maskedCount(),
                maskedCount()));
        lines.add(String.format(Locale.ROOT, "%s: U = %d units; %s", layer, units(), readRow >= 0
                ? "the model reads its last state (t = " + readRow + ", outlined)"
                : "it passes every state on (return_sequences=True)"));
        lines.add(String.format(Locale.ROOT, "states through DL4J against the project's reference pass: max |difference| "
                + "%.2g", referenceDifference));
        return lines;
    }

    /** The model's output a line a value ("[2]  0.123456"), or one line for a sequence. */
    public List<String> outputLines() {
        if (output.sequence()) {
            return List.of(outputText());
        }
        float[] v = output.values()[0][0];
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            lines.add(String.format(Locale.ROOT, "[%d]  %+.6g", i, v[i]));
        }
        return lines;
    }

    /** The picture of this sequence (see {@link org.flattenexplorer.inspect.InspectionImageRenderer}). */
    public org.flattenexplorer.inspect.SequencePicture picture() {
        List<String> lines = summary();
        List<String> all = new ArrayList<>(notes);
        all.add(0, lines.get(2).substring(0, 1).toUpperCase(Locale.ROOT) + lines.get(2).substring(1) + ".");
        return new org.flattenexplorer.inspect.SequencePicture("Hidden states of one sequence: " + modelName,
                lines.subList(0, 2), layer, input, states, masked, readRow, "Output of " + outputLayer + " "
                + output.shapeText(), outputLines(), all);
    }

    /** The states as CSV: a header {@code t,masked,h0..h(U-1)}, then one row per time step (T rows). */
    public String csv() {
        StringBuilder out = new StringBuilder(timeSteps() * units() * 11);
        out.append("t,masked");
        for (int u = 0; u < units(); u++) {
            out.append(",h").append(u);
        }
        out.append('\n');
        for (int t = 0; t < timeSteps(); t++) {
            out.append(t).append(',').append(masked[t] ? 1 : 0);
            for (float v : states[t]) {
                out.append(',').append(Float.toString(v));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Largest |h|: the colour scale's end. */
    public float maxAbs() {
        return org.flattenexplorer.inspect.Inspection.maxAbs(states);
    }

    static KerasLayer lastRecurrent(KerasModelFile file) {
        KerasLayer found = null;
        for (KerasLayer l : file.computingLayers()) {
            if (l.className().equals("LSTM") || l.className().equals("SimpleRNN")) {
                found = l;
            }
        }
        if (found == null) {
            throw new KerasModelException(file.fileName() + " has no LSTM or SimpleRNN layer: there are no hidden "
                    + "states to show");
        }
        return found;
    }

    private static Activations compressed(Activations x, List<Integer> real) {
        float[][] steps = new float[real.size()][];
        for (int i = 0; i < real.size(); i++) {
            steps[i] = x.values()[0][real.get(i)];
        }
        return new Activations(new float[][][] {steps}, true, null);
    }

    /** A masked step after a real one and before another real one. */
    static boolean interiorGap(boolean[] masked) {
        boolean seenReal = false;
        boolean gapAfterReal = false;
        for (boolean m : masked) {
            if (!m && gapAfterReal) {
                return true;
            }
            if (!m) {
                seenReal = true;
            } else if (seenReal) {
                gapAfterReal = true;
            }
        }
        return false;
    }

    private static Activations lastOutput(Map<String, Activations> activations) {
        Activations last = null;
        for (Activations a : activations.values()) {
            last = a;
        }
        return last;
    }

    /** The layer's states over the (unmasked) steps given, [T][U], through the imported network. */
    private static float[][] dl4jStates(KerasImport.Imported imported, KerasModelFile model, Activations input,
            String layerName) {
        INDArray features = KerasImport.toDl4jInput(model, input, KerasImport.inputFormat(imported));
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        if (imported.sequential()) {
            MultiLayerNetwork net = imported.network();
            synchronized (net) {
                int i = KerasImport.layerIndex(net, layerName);
                try {
                    net.clearLayerMaskArrays();
                    INDArray in = i == 0 ? features : net.feedForwardToLayer(i - 1, features, false).get(i);
                    InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(i);
                    if (pre != null) {
                        in = pre.preProcess(in, 1, noWorkspaces);
                    }
                    INDArray states = RecurrentStates.sequence(net.getLayer(i), in);
                    return KerasImport.toActivations(states,
                            KerasImport.format(net.getLayerWiseConfigurations().getConf(i).getLayer())).values()[0];
                } finally {
                    net.clear();
                    clear(net.getLayer(i));
                }
            }
        }
        ComputationGraph graph = imported.graph();
        synchronized (graph) {
            try {
                graph.clearLayerMaskArrays();
                LayerVertex vertex = (LayerVertex) graph.getConfiguration().getVertices().get(layerName);
                String from = graph.getConfiguration().getVertexInputs().get(layerName).get(0);
                INDArray in;
                if (graph.getConfiguration().getNetworkInputs().contains(from)) {
                    in = features;
                } else {
                    in = graph.feedForward(new INDArray[] {features}, false, false).get(from);
                }
                if (vertex.getPreProcessor() != null) {
                    in = vertex.getPreProcessor().preProcess(in, 1, noWorkspaces);
                }
                INDArray states = RecurrentStates.sequence(graph.getLayer(layerName), in);
                return KerasImport.toActivations(states, KerasImport.format(vertex.getLayerConf().getLayer()))
                        .values()[0];
            } finally {
                graph.clear();
                clear(graph.getLayer(layerName));
            }
        }
    }

    private static void clear(Layer layer) {
        if (layer instanceof org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer last) {
            last.getUnderlying().clear();
        }
        layer.clear();
    }
}
