package org.flattenexplorer.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Every setting that determines the encoded data; together with the reviews it fixes a
 * {@link PreparedDataset} exactly.
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
    private static final ObjectMapper JSON = new ObjectMapper();

    public Preprocessing {
        Objects.requireNonNull(padding, "padding");
        Objects.requireNonNull(truncating, "truncating");
        Objects.requireNonNull(numWords, "numWords (use OptionalInt.empty())");
        if (maxlen < 1) {
            throw new IllegalArgumentException("maxlen must be at least 1: " + maxlen);
        }
        if (trainSize < 1 || valSize < 0 || testSize < 0) {
            throw new IllegalArgumentException("sizes must be train >= 1, validation >= 0, test >= 0: "
                    + trainSize + "/" + valSize + "/" + testSize);
        }
        if (useWordIndex && wordIndexPath == null) {
            throw new IllegalArgumentException("useWordIndex needs a wordIndexPath");
        }
        FittedVocabulary.checkNumWords(numWords);
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
        return root.toString();
    }

    public static Preprocessing fromJson(String json) {
        try {
            JsonNode r = JSON.readTree(json);
            String wordIndex = r.path("wordIndexPath").isTextual() ? r.path("wordIndexPath").asText() : null;
            JsonNode nw = r.path("numWords");
            return new Preprocessing(r.path("maxlen").asInt(), Padding.valueOf(r.path("padding").asText()),
                    Padding.valueOf(r.path("truncating").asText()), r.path("useWordIndex").asBoolean(),
                    wordIndex == null ? null : Path.of(wordIndex),
                    nw.isInt() ? OptionalInt.of(nw.asInt()) : OptionalInt.empty(),
                    r.path("trainSize").asInt(), r.path("valSize").asInt(), r.path("testSize").asInt(),
                    r.path("seed").asLong());
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new DataException("Malformed saved preprocessing JSON: " + e.getMessage(), e);
        }
    }
}
