package org.flattenexplorer.inspect;

import java.util.List;

/**
 * What the picture of one numeric sequence shows ({@link InspectionImageRenderer#render(SequencePicture)}): a title
 * and lines under it, the input x_t (T x F) and a recurrent layer's states h_t (T x U) in Keras's orientation, which
 * steps are masked, the row the layer passes on (-1: every row), and the model's output as lines of text.
 */
public record SequencePicture(String title, List<String> lines, String layer, float[][] input, float[][] states,
        boolean[] masked, int readRow, String outputTitle, List<String> outputLines, List<String> notes) {

    public SequencePicture {
        lines = List.copyOf(lines);
        outputLines = List.copyOf(outputLines);
        notes = List.copyOf(notes);
    }
}
