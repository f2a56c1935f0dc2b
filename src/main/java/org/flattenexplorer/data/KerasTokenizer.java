package org.flattenexplorer.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keras's {@code text_to_word_sequence} with its defaults: lower-case, every filter character
 * becomes a space, split on single spaces, empty strings dropped. Only the space splits: a
 * carriage return or a non-breaking space stays inside a token, exactly as in Keras. Apostrophes
 * are not filtered, so "don't" is one token, and {@code <br />} becomes the token "br".
 */
public final class KerasTokenizer {
    /** Keras's default {@code filters} argument. */
    public static final String DEFAULT_FILTERS = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n";

    private static final boolean[] IS_FILTER = new boolean[128];

    static {
        for (char c : DEFAULT_FILTERS.toCharArray()) {
            IS_FILTER[c] = true;
        }
    }

    private KerasTokenizer() {}

    public static List<String> tokenize(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            boolean separator = c == ' ' || (c < 128 && IS_FILTER[c]);
            if (separator) {
                if (start >= 0) {
                    tokens.add(lower.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
        if (start >= 0) {
            tokens.add(lower.substring(start));
        }
        return tokens;
    }
}
