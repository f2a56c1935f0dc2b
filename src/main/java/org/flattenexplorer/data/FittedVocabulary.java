package org.flattenexplorer.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Keras's {@code Tokenizer(num_words)} after {@code fit_on_texts}, encoding like
 * {@code texts_to_sequences}: words ranked by count (ties in first-occurrence order), indices
 * from 1; with num_words only indices below it are kept and other words are dropped (Keras's
 * default, without an oov_token).
 */
public final class FittedVocabulary implements Vocabulary {
    static final String TYPE = "fitted";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Words by index - 1; only those the encoding can emit (below num_words). */
    private final List<String> words;
    private final Map<String, Integer> indexOf;
    private final OptionalInt numWords;
    private final int distinctWords;
    private final int fittedTexts;

    private FittedVocabulary(List<String> words, OptionalInt numWords, int distinctWords, int fittedTexts) {
        this.words = List.copyOf(words);
        this.numWords = numWords;
        this.distinctWords = distinctWords;
        this.fittedTexts = fittedTexts;
        this.indexOf = new HashMap<>(words.size() * 2);
        for (int i = 0; i < this.words.size(); i++) {
            indexOf.putIfAbsent(this.words.get(i), i + 1);
        }
    }

    /** {@code fit_on_texts(texts)} with an optional {@code num_words}. */
    public static FittedVocabulary fit(List<String> texts, OptionalInt numWords) {
        checkNumWords(numWords);
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (String text : texts) {
            for (String token : KerasTokenizer.tokenize(text)) {
                counts.computeIfAbsent(token, t -> new int[1])[0]++;
            }
        }
        List<Map.Entry<String, int[]>> ranked = new ArrayList<>(counts.entrySet());
        // List.sort is stable, like Python's sort(reverse=True): ties keep first-occurrence order.
        ranked.sort((a, b) -> Integer.compare(b.getValue()[0], a.getValue()[0]));
        int keep = numWords.isPresent() ? Math.min(ranked.size(), Math.max(0, numWords.getAsInt() - 1)) : ranked.size();
        List<String> words = new ArrayList<>(keep);
        for (int i = 0; i < keep; i++) {
            words.add(ranked.get(i).getKey());
        }
        return new FittedVocabulary(words, numWords, ranked.size(), texts.size());
    }

    @Override
    public int[] encode(String text) {
        List<String> tokens = KerasTokenizer.tokenize(text);
        int[] out = new int[tokens.size()];
        int n = 0;
        for (String token : tokens) {
            Integer index = indexOf.get(token);
            if (index != null) {
                out[n++] = index;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    @Override
    public String word(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("negative token index: " + index);
        }
        if (index == 0) {
            return PAD;
        }
        return index <= words.size() ? words.get(index - 1) : OOV;
    }

    @Override
    public int inputDim() {
        return numWords.orElse(distinctWords + 1);
    }

    /** The fitted word count (Keras's {@code len(word_index)}), before num_words cuts it. */
    public int distinctWords() {
        return distinctWords;
    }

    public OptionalInt numWords() {
        return numWords;
    }

    @Override
    public String describe() {
        String wordsHash = Hashing.sha256Hex(String.join("\n", words).getBytes(StandardCharsets.UTF_8));
        return "Keras Tokenizer fitted on " + fittedTexts + " texts: " + distinctWords + " distinct words, num_words="
                + (numWords.isPresent() ? numWords.getAsInt() : "none") + ", input_dim=" + inputDim()
                + ", words sha256=" + wordsHash.substring(0, 16);
    }

    @Override
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", TYPE);
        if (numWords.isPresent()) {
            root.put("numWords", numWords.getAsInt());
        } else {
            root.putNull("numWords");
        }
        root.put("distinctWords", distinctWords);
        root.put("fittedTexts", fittedTexts);
        ArrayNode list = root.putArray("words");
        words.forEach(list::add);
        return root.toString();
    }

    /** Rebuilds a vocabulary saved with {@link #toJson}; no data folder needed. */
    public static FittedVocabulary fromJson(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !TYPE.equals(root.path("type").asText())) {
                throw new DataException("Not a saved fitted vocabulary (type \"" + TYPE + "\" expected)");
            }
            JsonNode nw = root.path("numWords");
            OptionalInt numWords = nw.isInt() ? OptionalInt.of(nw.asInt()) : OptionalInt.empty();
            List<String> words = new ArrayList<>();
            root.path("words").forEach(w -> words.add(w.asText()));
            return new FittedVocabulary(words, numWords, root.path("distinctWords").asInt(words.size()),
                    root.path("fittedTexts").asInt());
        } catch (JsonProcessingException e) {
            throw new DataException("Malformed saved vocabulary JSON: " + e.getOriginalMessage(), e);
        }
    }

    static void checkNumWords(OptionalInt numWords) {
        if (numWords.isPresent() && numWords.getAsInt() < 1) {
            throw new IllegalArgumentException("num_words must be at least 1: " + numWords.getAsInt());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FittedVocabulary v && words.equals(v.words) && numWords.equals(v.numWords)
                && distinctWords == v.distinctWords && fittedTexts == v.fittedTexts;
    }

    @Override
    public int hashCode() {
        return words.hashCode() * 31 + numWords.hashCode();
    }

    @Override
    public String toString() {
        return "FittedVocabulary[" + distinctWords + " words, input_dim=" + inputDim() + "]";
    }
}
