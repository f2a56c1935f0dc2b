package org.flattenexplorer.data;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A label column whose values are none of the known pairs (positive/negative, pos/neg, 1/0, true/false): the user
 * has to say which value is positive ({@code --labels POSITIVE,NEGATIVE}; the window asks when there are two).
 */
public final class UnknownLabelsException extends DataException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final List<String> values;

    UnknownLabelsException(Path file, String column, List<String> values, List<Integer> firstLines) {
        super(message(file, column, values, firstLines));
        this.file = file;
        this.values = List.copyOf(values);
    }

    public Path file() {
        return file;
    }

    /** The distinct label values (without case and surrounding spaces), in order of first appearance. */
    public List<String> values() {
        return values;
    }

    private static String message(Path file, String column, List<String> values, List<Integer> lines) {
        String known = LabelMapping.KNOWN.stream().map(LabelMapping::describe).collect(Collectors.joining(", "));
        String shown = IntStream.range(0, Math.min(5, values.size()))
                .mapToObj(i -> "'" + values.get(i) + "' (line " + lines.get(i) + ")").collect(Collectors.joining(", "))
                + (values.size() > 5 ? " and " + (values.size() - 5) + " more" : "");
        if (values.size() == 1) {
            return file + ": every row of column '" + column + "' has the label " + shown + ", which is none of "
                    + known + ": a sentiment model needs positive and negative reviews; choose the label column with "
                    + "--label-column, or name the two values with --labels POSITIVE,NEGATIVE";
        }
        if (values.size() == 2) {
            return file + ": the labels " + shown + " in column '" + column + "' are not ones Flatten Explorer knows ("
                    + known + "): say which is positive with --labels " + values.get(0) + "," + values.get(1)
                    + " (positive first)";
        }
        return file + ": column '" + column + "' holds " + values.size() + " label values (" + shown + "), none of "
                + "them " + known + ": a sentiment model needs two; choose the label column with --label-column, or "
                + "name the positive and the negative value with --labels POSITIVE,NEGATIVE (other rows are then bad "
                + "rows)";
    }
}
