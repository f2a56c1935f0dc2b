package org.flattenexplorer.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * SYNTHETIC reviews for tests and for trying the app without the IMDB data: neutral filler with
 * a few sentiment words, all of them near the START of the review, in reviews of 30-150 words.
 * With post padding to 500 the signal then sits hundreds of steps before the last one, so an
 * unmasked last-state LSTM struggles while Flatten, which sees every step, learns: the same
 * effect as on the real reviews, reproducible in milliseconds.
 */
public final class SyntheticReviews {
    public static final int MIN_WORDS = 30;
    public static final int MAX_WORDS = 150;
    /** Sentiment words go into the first this-many positions. */
    public static final int SIGNAL_WINDOW = 12;
    public static final int SENTIMENT_WORDS_PER_REVIEW = 3;

    static final List<String> POSITIVE = List.of("great", "wonderful", "excellent", "brilliant", "superb",
            "amazing", "beautiful", "loved");
    static final List<String> NEGATIVE = List.of("awful", "boring", "terrible", "worst", "horrible", "dull",
            "waste", "poor");
    static final List<String> FILLER = List.of("the", "a", "movie", "film", "was", "and", "of", "to", "it",
            "this", "is", "in", "that", "story", "scene", "actor", "actress", "plot", "character", "time",
            "there", "about", "with", "some", "one", "on", "at", "by", "which", "their", "people", "director",
            "camera", "script", "ending", "music", "watched", "saw", "then", "after", "before", "while", "when",
            "his", "her", "they", "we", "i", "an", "as", "for", "from", "house", "city", "night", "day",
            "family", "friend", "car", "road", "town", "minutes", "role", "cast", "series", "episode");

    private SyntheticReviews() {}

    /**
     * {@code count} reviews of one split, half positive (the odd one negative), sorted like
     * {@link AclImdbReader#read}: label then id. Ids count from 0 per label, ratings are 7-10 for
     * positive and 1-4 for negative reviews, as in aclImdb.
     */
    public static List<Review> generate(String split, int count, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        Random random = new Random(seed * 1_000_003L + split.hashCode());
        int positives = count / 2;
        List<Review> reviews = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean positive = i < positives;
            int id = positive ? i : i - positives;
            int rating = positive ? 7 + random.nextInt(4) : 1 + random.nextInt(4);
            reviews.add(new Review(split, positive ? Review.POS : Review.NEG, id, rating, text(random, positive)));
        }
        reviews.sort(Comparator.comparing(Review::label).thenComparingInt(Review::id));
        return List.copyOf(reviews);
    }

    private static String text(Random random, boolean positive) {
        int length = MIN_WORDS + random.nextInt(MAX_WORDS - MIN_WORDS + 1);
        String[] words = new String[length];
        for (int i = 0; i < length; i++) {
            words[i] = FILLER.get(random.nextInt(FILLER.size()));
        }
        List<String> sentiment = positive ? POSITIVE : NEGATIVE;
        for (int k = 0; k < SENTIMENT_WORDS_PER_REVIEW; k++) {
            words[random.nextInt(SIGNAL_WINDOW)] = sentiment.get(random.nextInt(sentiment.size()));
        }
        StringBuilder text = new StringBuilder(length * 7);
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(i == 0 ? Character.toUpperCase(words[i].charAt(0)) + words[i].substring(1) : words[i]);
        }
        return text.append('.').toString();
    }
}
