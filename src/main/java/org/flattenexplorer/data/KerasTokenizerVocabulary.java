package org.flattenexplorer.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A Keras {@code Tokenizer} saved with {@code tokenizer.to_json()} (or its {@code word_index} alone), encoding like
 * {@code texts_to_sequences}: its own filters, lower-casing and split; indices at or above {@code num_words} and
 * unknown words dropped, or mapped to the {@code oov_token}'s index when it has one.
 */
public final class KerasTokenizerVocabulary implements Vocabulary {
    static final String TYPE = "keras-tokenizer";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Integer> wordIndex;
    private final String[] wordByIndex;
    private final OptionalInt numWords;
    private final Integer oovIndex;
    private final boolean lower;
    private final String filters;
    private final String split;
    private final String sha256;
    private final Path path;

    private KerasTokenizerVocabulary(Map<String, Integer> wordIndex, OptionalInt numWords, String oovToken, boolean lower,
            String filters, String split, String sha256, Path path) {
        this.wordIndex = wordIndex;
        this.numWords = numWords;
        this.oovIndex = oovToken == null ? null : wordIndex.get(oovToken);
        this.lower = lower;
        this.filters = filters;
        this.split = split.isEmpty() ? " " : split;
        this.sha256 = sha256;
        this.path = path;
        int max = wordIndex.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        wordByIndex = new String[max + 1];
        wordIndex.forEach((w, i) -> {
            if (wordByIndex[i] == null || w.compareTo(wordByIndex[i]) < 0) {
                wordByIndex[i] = w;
            }
        });
    }

    /**
     * A tokenizer file: {@code tokenizer.to_json()} ({"class_name": "Tokenizer", "config": {...}}, whose word_index
     * is itself a JSON string), or a plain {word: index} map (Keras's {@code tokenizer.word_index}).
     */
    public static KerasTokenizerVocabulary load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DataException("Cannot read the tokenizer " + file + " (" + e.getMessage() + "): give the file "
                    + "that tokenizer.to_json() wrote", e);
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new DataException(file + " is not a tokenizer: it is not JSON; give the file that tokenizer.to_json() "
                    + "wrote (or imdb_word_index.json)");
        }
        if (root == null || !root.isObject()) {
            throw new DataException(file + " is not a tokenizer (not a JSON object): give the file that "
                    + "tokenizer.to_json() wrote (or imdb_word_index.json)");
        }
        JsonNode config = root.path("config");
        String sha = Hashing.sha256Hex(bytes);
        if (root.has("class_name") || config.has("word_index")) {
            if (!root.path("class_name").asText("Tokenizer").equals("Tokenizer") || !config.has("word_index")) {
                throw new DataException(file + " is a '" + root.path("class_name").asText() + "' JSON, not a Keras "
                        + "Tokenizer: give the file that tokenizer.to_json() wrote");
            }
            Map<String, Integer> index = indexMap(file, textOrObject(file, config.get("word_index")));
            JsonNode numWords = config.get("num_words");
            JsonNode oov = config.get("oov_token");
            if (config.path("char_level").asBoolean(false)) {
                throw new DataException(file + " is a character-level tokenizer (char_level=True): only word "
                        + "tokenizers are supported");
            }
            return new KerasTokenizerVocabulary(index, numWords != null && numWords.isInt()
                    ? OptionalInt.of(numWords.asInt()) : OptionalInt.empty(), oov == null || oov.isNull() ? null
                    : oov.asText(), config.path("lower").asBoolean(true), config.path("filters")
                    .asText(KerasTokenizer.DEFAULT_FILTERS), config.path("split").asText(" "), sha, file);
        }
        return new KerasTokenizerVocabulary(indexMap(file, root), OptionalInt.empty(), null, true,
                KerasTokenizer.DEFAULT_FILTERS, " ", sha, file);
    }

    private static JsonNode textOrObject(Path file, JsonNode node) {
        if (node != null && node.isTextual()) {
            try {
                return JSON.readTree(node.asText());
            } catch (JsonProcessingException e) {
                throw new DataException(file + ": its word_index is not valid JSON; the file is damaged");
            }
        }
        return node;
    }

    private static Map<String, Integer> indexMap(Path file, JsonNode node) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw new DataException(file + " holds no word index (word -> number): give the file that "
                    + "tokenizer.to_json() wrote");
        }
        Map<String, Integer> index = new HashMap<>(node.size() * 2);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().canConvertToInt() || e.getValue().asInt() < 1) {
                throw new DataException(file + ": the index of \"" + e.getKey() + "\" is not a whole number from 1 ("
                        + e.getValue() + "); the file is not a Keras word index");
            }
            index.put(e.getKey(), e.getValue().asInt());
        }
        return index;
    }

    @Override
    public int[] encode(String text) {
        List<Integer> ids = new ArrayList<>();
        for (String token : tokens(text)) {
            Integer i = wordIndex.get(token);
            boolean kept = i != null && (numWords.isEmpty() || i < numWords.getAsInt());
            if (kept) {
                ids.add(i);
            } else if (oovIndex != null) {
                ids.add(oovIndex);
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Keras's text_to_word_sequence with this tokenizer's filters, case and split. */
    private List<String> tokens(String text) {
        if (lower && filters.equals(KerasTokenizer.DEFAULT_FILTERS) && split.equals(" ")) {
            return KerasTokenizer.tokenize(text);
        }
        String s = lower ? text.toLowerCase(Locale.ROOT) : text;
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(filters.indexOf(c) >= 0 ? split : String.valueOf(c));
        }
        List<String> out = new ArrayList<>();
        for (String t : b.toString().split(java.util.regex.Pattern.quote(split), -1)) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    @Override
    public String word(int index) {
        if (index == 0) {
            return PAD;
        }
        return index < wordByIndex.length && wordByIndex[index] != null ? wordByIndex[index] : OOV;
    }

    /** num_words when set (indices stay below it), else the largest index plus one. */
    @Override
    public int inputDim() {
        return numWords.isPresent() ? numWords.getAsInt() : wordByIndex.length;
    }

    public Path path() {
        return path;
    }

    @Override
    public String describe() {
        return TYPE + " sha256=" + sha256 + " num_words=" + (numWords.isPresent() ? numWords.getAsInt() : "none")
                + " words=" + wordIndex.size();
    }

    @Override
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", TYPE);
        root.put("path", path.toString());
        root.put("sha256", sha256);
        return root.toString();
    }
}
