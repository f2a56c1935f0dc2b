package org.flattenexplorer.data;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which label value of a file means a positive review and which a negative one. Values are compared without case
 * and surrounding spaces. The pairs such datasets usually use are known; any other pair is named by the user.
 */
public record LabelMapping(String positive, String negative) {
    /** The pairs recognised without being told: positive/negative, pos/neg, 1/0, true/false. */
    public static final List<LabelMapping> KNOWN = List.of(new LabelMapping("positive", "negative"),
            new LabelMapping("pos", "neg"), new LabelMapping("1", "0"), new LabelMapping("true", "false"));

    public LabelMapping {
        positive = normalize(positive);
        negative = normalize(negative);
        if (positive.isEmpty() || negative.isEmpty()) {
            throw new DataException("A label mapping needs a positive and a negative value, got '" + positive + "' and '"
                    + negative + "': give them as POSITIVE,NEGATIVE, e.g. good,bad");
        }
        if (positive.equals(negative)) {
            throw new DataException("The positive and the negative label are both '" + positive
                    + "': give two different values, positive first, e.g. good,bad");
        }
    }

    /** "POSITIVE,NEGATIVE" as the user writes it ({@code --labels good,bad}). */
    public static LabelMapping parse(String positiveCommaNegative) {
        String[] parts = positiveCommaNegative.split(",", -1);
        if (parts.length != 2) {
            throw new DataException("--labels needs two values, positive first, separated by one comma (e.g. good,bad), "
                    + "got '" + positiveCommaNegative + "'");
        }
        return new LabelMapping(parts[0], parts[1]);
    }

    /** 1 for the positive value, 0 for the negative one, -1 for any other. */
    public int valueOf(String label) {
        String v = normalize(label);
        return v.equals(positive) ? 1 : v.equals(negative) ? 0 : -1;
    }

    public boolean covers(String label) {
        return valueOf(label) >= 0;
    }

    /** The known pair a value belongs to, if any. */
    static Optional<LabelMapping> knownPairOf(String label) {
        return KNOWN.stream().filter(m -> m.covers(label)).findFirst();
    }

    static String normalize(String label) {
        return label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
    }

    /** "positive/negative". */
    public String describe() {
        return positive + "/" + negative;
    }
}
