package org.flattenexplorer.ui.viewmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.KerasSummary;
import org.flattenexplorer.model.NetworkFactory;

/**
 * One box of the layer diagram: a layer and the shape it outputs. The input comes first with no layer.
 *
 * @param layer   e.g. "Flatten"; empty for the input
 * @param shape   e.g. "(None, 64000)"
 * @param noOp    the layer changes nothing (Flatten after return_sequences=False)
 */
public record DiagramStep(String layer, String shape, boolean noOp) {

    /** The diagram of a spec from its summary: Input -> Embedding -> recurrent layer -> head -> Dense. */
    public static List<DiagramStep> of(ExperimentSpec spec, KerasSummary summary) {
        List<DiagramStep> steps = new ArrayList<>();
        steps.add(new DiagramStep("", "(None, " + spec.data().maxlen() + ")", false));
        List<KerasSummary.Row> rows = summary.rows();
        for (int i = 0; i < rows.size(); i++) {
            KerasSummary.Row row = rows.get(i);
            boolean noOp = row.type().equals("Flatten") && spec.model().flattenIsNoOp();
            String layer = i == NetworkFactory.RECURRENT_LAYER ? spec.model().recurrentLayerName() : row.type();
            steps.add(new DiagramStep(layer, row.outputShape(), noOp));
        }
        return List.copyOf(steps);
    }

    /** {@code (None, 500) -> Embedding -> (None, 500, 128) -> ... -> Dense -> (None, 1)}. */
    public static String text(List<DiagramStep> steps) {
        return steps.stream().map(s -> s.layer().isEmpty() ? s.shape() : s.layer() + " -> " + s.shape())
                .collect(Collectors.joining(" -> "));
    }
}
