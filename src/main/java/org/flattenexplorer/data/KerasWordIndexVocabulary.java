package org.flattenexplorer.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The encoding of {@code keras.datasets.imdb.load_data} applied to raw text: tokens map to their
 * frequency rank in Keras's {@code imdb_word_index.json}, index = rank + 3 (index_from); every
 * review starts with 1 (start_char); unknown words and indices at or above num_words become 2
 * (oov_char); 0 is padding and 3 is never used.
 */
public final class KerasWordIndexVocabulary implements Vocabulary {
    public static final int START_CHAR = 1;
    public static final int OOV_CHAR = 2;
    public static final int INDEX_FROM = 3;
    static final String TYPE = "keras-word-index";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final String sha256;
    private final Map<String, Integer> rankOf;
    /** Words by rank; index 0 unused. */
    private final String[] wordByRank;
    private final OptionalInt numWords;

    private KerasWordIndexVocabulary(Path path, String sha256, Map<String, Integer> rankOf, String[] wordByRank,
            OptionalInt numWords) {
        this.path = path;
        this.sha256 = sha256;
        this.rankOf = rankOf;
        this.wordByRank = wordByRank;
        this.numWords = numWords;
    }

    /** Reads the word index (word -> rank, 1-based); num_words empty keeps every word. */
    public static KerasWordIndexVocabulary load(Path wordIndexJson, OptionalInt numWords) {
        Objects.requireNonNull(wordIndexJson, "wordIndexJson");
        FittedVocabulary.checkNumWords(numWords);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(wordIndexJson);
        } catch (NoSuchFileException e) {
            throw new DataException("Word index file does not exist: " + wordIndexJson, e);
        } catch (IOException e) {
            throw new DataException("Cannot read word index: " + wordIndexJson + " (" + e.getMessage() + ")", e);
        }
        Map<String, Integer> rankOf = new HashMap<>(1 << 18);
        int maxRank = 0;
        try (JsonParser parser = new JsonFactory().createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw malformed(wordIndexJson, "expected a JSON object of word -> rank");
            }
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                String word = parser.currentName();
                if (parser.nextToken() != JsonToken.VALUE_NUMBER_INT) {
                    throw malformed(wordIndexJson, "the rank of \"" + word + "\" is not an integer");
                }
                int rank = parser.getIntValue();
                if (rank < 1) {
                    throw malformed(wordIndexJson, "the rank of \"" + word + "\" is below 1: " + rank);
                }
                rankOf.put(word, rank);
                maxRank = Math.max(maxRank, rank);
            }
        } catch (JsonProcessingException e) {
            throw malformed(wordIndexJson, e.getOriginalMessage());
        } catch (IOException e) {
            throw new DataException("Cannot read word index: " + wordIndexJson + " (" + e.getMessage() + ")", e);
        }
        if (rankOf.isEmpty()) {
            throw malformed(wordIndexJson, "it holds no words");
        }
        String[] wordByRank = new String[maxRank + 1];
        rankOf.forEach((w, r) -> {
            if (wordByRank[r] == null || w.compareTo(wordByRank[r]) < 0) {
                wordByRank[r] = w; // deterministic if two words share a rank
            }
        });
        return new KerasWordIndexVocabulary(wordIndexJson, Hashing.sha256Hex(bytes), rankOf, wordByRank, numWords);
    }

    private static DataException malformed(Path file, String detail) {
        return new DataException("Malformed word index JSON (" + detail + "): " + file);
    }

    @Override
    public int[] encode(String text) {
        List<String> tokens = KerasTokenizer.tokenize(text);
        int limit = numWords.orElse(Integer.MAX_VALUE);
        int[] out = new int[tokens.size() + 1];
        out[0] = START_CHAR;
        for (int i = 0; i < tokens.size(); i++) {
            Integer rank = rankOf.get(tokens.get(i));
            int index = rank == null ? OOV_CHAR : rank + INDEX_FROM;
            out[i + 1] = index < limit ? index : OOV_CHAR;
        }
        return out;
    }

    @Override
    public String word(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("negative token index: " + index);
        }
        switch (index) {
            case 0: return PAD;
            case START_CHAR: return START;
            case OOV_CHAR: return OOV;
            case INDEX_FROM: return "<unused>";
            default:
                int rank = index - INDEX_FROM;
                return rank < wordByRank.length && wordByRank[rank] != null ? wordByRank[rank] : OOV;
        }
    }

    @Override
    public int inputDim() {
        return numWords.orElse(maxRank() + INDEX_FROM + 1);
    }

    public int maxRank() {
        return wordByRank.length - 1;
    }

    /** The rank of a word in the index, or empty if the index lacks it. */
    public OptionalInt rank(String word) {
        Integer rank = rankOf.get(word);
        return rank == null ? OptionalInt.empty() : OptionalInt.of(rank);
    }

    public Path path() {
        return path;
    }

    /** SHA-256 of the word index file, so a saved run can tell whether the file changed. */
    public String sha256() {
        return sha256;
    }

    public OptionalInt numWords() {
        return numWords;
    }

    @Override
    public String describe() {
        return "Keras IMDB word index (" + rankOf.size() + " words, sha256=" + sha256.substring(0, 16)
                + "): start_char=1, oov_char=2, index_from=3, num_words="
                + (numWords.isPresent() ? numWords.getAsInt() : "none") + ", input_dim=" + inputDim();
    }

    /** Stores the path, its SHA-256 and num_words: the 1.6 MB index itself stays where it is. */
    @Override
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", TYPE);
        root.put("path", path.toAbsolutePath().toString());
        root.put("sha256", sha256);
        if (numWords.isPresent()) {
            root.put("numWords", numWords.getAsInt());
        } else {
            root.putNull("numWords");
        }
        return root.toString();
    }

    /** Reloads a saved word-index vocabulary from its recorded path. */
    public static KerasWordIndexVocabulary fromJson(String json) {
        return fromJson(json, null);
    }

    /**
     * Reloads a saved word-index vocabulary, from {@code wordIndexJson} if not null (the file was
     * moved) or else from the recorded path; a file whose SHA-256 differs is refused.
     */
    public static KerasWordIndexVocabulary fromJson(String json, Path wordIndexJson) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new DataException("Malformed saved vocabulary JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !TYPE.equals(root.path("type").asText())) {
            throw new DataException("Not a saved word-index vocabulary (type \"" + TYPE + "\" expected)");
        }
        Path file = wordIndexJson != null ? wordIndexJson : Path.of(root.path("path").asText());
        JsonNode nw = root.path("numWords");
        KerasWordIndexVocabulary loaded = load(file, nw.isInt() ? OptionalInt.of(nw.asInt()) : OptionalInt.empty());
        String expected = root.path("sha256").asText();
        if (!expected.isEmpty() && !expected.equals(loaded.sha256)) {
            throw new DataException("Word index changed since the run was saved (checksum mismatch: expected sha256 "
                    + expected + ", actual " + loaded.sha256 + "): " + file);
        }
        return loaded;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KerasWordIndexVocabulary v && sha256.equals(v.sha256) && numWords.equals(v.numWords);
    }

    @Override
    public int hashCode() {
        return sha256.hashCode() * 31 + numWords.hashCode();
    }

    @Override
    public String toString() {
        return "KerasWordIndexVocabulary[" + path + ", input_dim=" + inputDim() + "]";
    }
}
