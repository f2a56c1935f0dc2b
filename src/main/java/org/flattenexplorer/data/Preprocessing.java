package org.flattenexplorer.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Every setting that determines the encoded data; together with the reviews it fixes a
 * {@link PreparedDataset} exactly. Out-of-range numbers are kept, so that {@link #problems()} can name them in the
 * user's terms; {@link DatasetPreparer} refuses them.
 *
 * @param maxlen        padded length T
 * @param padding       where zeros go ({@code pad_sequences} padding)
 * @param truncating    which end long reviews lose
 * @param useWordIndex  true: Keras's IMDB word index; false: a Tokenizer fitted on the train split
 * @param wordIndexPath the word index file; needed only when useWordIndex, otherwise may be null
 * @param numWords      Keras's num_words, empty for the whole vocabulary
 * @param trainSize     training reviews, taken from the train folder
 * @param valSize       validation reviews, taken from the train folder, disjoint from training
 * @param testSize      test reviews, sampled from the test folder (all of them if it has fewer)
 * @param seed          seed of the shuffles and samples
 */
public record Preprocessing(int maxlen, Padding padding, Padding truncating, boolean useWordIndex,
        Path wordIndexPath, OptionalInt numWords, int trainSize, int valSize, int testSize, long seed) {

    /** The question's tutorial: T = 500, post padding and truncating, 448 / 200 reviews. */
    public static final int DEFAULT_MAXLEN = 500;
    public static final int DEFAULT_TRAIN_SIZE = 448;
    public static final int DEFAULT_VAL_SIZE = 200;
    public static final int DEFAULT_TEST_SIZE = 1000;
    public static final long DEFAULT_SEED = 42L;
    /** Upper bound of maxlen that keeps one run inside a desktop's memory; beyond it the number is a typo. */
    public static final int MAX_MAXLEN = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();

    public Preprocessing {
        Objects.requireNonNull(padding, "padding");
        Objects.requireNonNull(truncating, "truncating");
        Objects.requireNonNull(numWords, "numWords (use OptionalInt.empty())");
        if (useWordIndex && wordIndexPath == null) {
            throw new IllegalArgumentException("useWordIndex needs a wordIndexPath");
        }
    }

    /** The question's data: T = 500, post padding, pre truncating, a fitted vocabulary, 448 / 200 / 1000, seed 42. */
    public static Preprocessing question() {
        return defaults().withPadding(Padding.POST, Padding.PRE);
    }

    /** Why these settings cannot prepare a dataset, in the user's terms; empty when they can. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        RangeCheck.check(problems, "maxlen", maxlen, 1, MAX_MAXLEN, "tokens");
        if (trainSize < 2) {
            problems.add("the training split needs at least 2 reviews (got " + trainSize + ")");
        }
        if (valSize < 1) {
            problems.add("the validation split needs at least 1 review (got " + valSize + ")");
        }
        if (testSize < 0) {
            problems.add("the test size cannot be negative (got " + testSize + ")");
        }
        if (numWords.isPresent() && numWords.getAsInt() < 4) {
            problems.add("num_words must be at least 4 when set (got " + numWords.getAsInt() + ")");
        }
        return problems;
    }

    /** @throws IllegalArgumentException naming every problem */
    public Preprocessing requireValid() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return this;
    }

    /** The tutorial's settings with a vocabulary fitted on the train split. */
    public static Preprocessing defaults() {
        return new Preprocessing(DEFAULT_MAXLEN, Padding.POST, Padding.POST, false, null, OptionalInt.empty(),
                DEFAULT_TRAIN_SIZE, DEFAULT_VAL_SIZE, DEFAULT_TEST_SIZE, DEFAULT_SEED);
    }

    public Preprocessing withMaxlen(int newMaxlen) {
        return new Preprocessing(newMaxlen, padding, truncating, useWordIndex, wordIndexPath, numWords,
                trainSize, valSize, testSize, seed);
    }

    public Preprocessing withPadding(Padding newPadding, Padding newTruncating) {
        return new Preprocessing(maxlen, newPadding, newTruncating, useWordIndex, wordIndexPath, numWords,
                trainSize, valSize, testSize, seed);
    }

    public Preprocessing withSizes(int newTrain, int newVal, int newTest) {
        return new Preprocessing(maxlen, padding, truncating, useWordIndex, wordIndexPath, numWords,
                newTrain, newVal, newTest, seed);
    }

    public Preprocessing withSeed(long newSeed) {
        return new Preprocessing(maxlen, padding, truncating, useWordIndex, wordIndexPath, numWords,
                trainSize, valSize, testSize, newSeed);
    }

    public Preprocessing withNumWords(OptionalInt newNumWords) {
        return new Preprocessing(maxlen, padding, truncating, useWordIndex, wordIndexPath, newNumWords,
                trainSize, valSize, testSize, seed);
    }

    /** Switches to Keras's word index at {@code path}, or back to a fitted vocabulary if null. */
    public Preprocessing withWordIndex(Path path) {
        return new Preprocessing(maxlen, padding, truncating, path != null, path, numWords,
                trainSize, valSize, testSize, seed);
    }

    /**
     * One line with every setting that changes the encoded data. The word index path is left
     * out on purpose: the same file elsewhere is the same data (the vocabulary's own description
     * carries the file's checksum).
     */
    public String describe() {
        return "maxlen=" + maxlen + " padding=" + padding.kerasName() + " truncating=" + truncating.kerasName()
                + " vocabulary=" + (useWordIndex ? "keras-word-index" : "fitted")
                + " num_words=" + (numWords.isPresent() ? numWords.getAsInt() : "none")
                + " train=" + trainSize + " validation=" + valSize + " test=" + testSize + " seed=" + seed;
    }

    public String toJson() {
        return toJsonNode().toString();
    }

    /** The JSON object saved runs and the CLI's JSON write; {@link #fromJsonNode} reads it back. */
    @JsonValue
    public ObjectNode toJsonNode() {
        ObjectNode root = JSON.createObjectNode();
        root.put("maxlen", maxlen);
        root.put("padding", padding.name());
        root.put("truncating", truncating.name());
        root.put("useWordIndex", useWordIndex);
        if (wordIndexPath != null) {
            root.put("wordIndexPath", wordIndexPath.toString());
        } else {
            root.putNull("wordIndexPath");
        }
        if (numWords.isPresent()) {
            root.put("numWords", numWords.getAsInt());
        } else {
            root.putNull("numWords");
        }
        root.put("trainSize", trainSize);
        root.put("valSize", valSize);
        root.put("testSize", testSize);
        root.put("seed", seed);
        return root;
    }

    public static Preprocessing fromJson(String json) {
        try {
            return fromJsonNode(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new DataException("Malformed saved preprocessing JSON: " + e.getMessage(), e);
        }
    }

    @JsonCreator
    public static Preprocessing fromJsonNode(JsonNode r) {
        try {
            String wordIndex = r.path("wordIndexPath").isTextual() ? r.path("wordIndexPath").asText() : null;
            JsonNode nw = r.path("numWords");
            return new Preprocessing(r.path("maxlen").asInt(), Padding.valueOf(r.path("padding").asText()),
                    Padding.valueOf(r.path("truncating").asText()), r.path("useWordIndex").asBoolean(),
                    wordIndex == null ? null : Path.of(wordIndex),
                    nw.isInt() ? OptionalInt.of(nw.asInt()) : OptionalInt.empty(),
                    r.path("trainSize").asInt(), r.path("valSize").asInt(), r.path("testSize").asInt(),
                    r.path("seed").asLong());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new DataException("Malformed saved preprocessing JSON: " + e.getMessage(), e);
        }
    }
}
