package org.flattenexplorer.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SyntheticReviewsTest {

    @Test
    void sameSeedGivesSameReviews() {
        assertThat(SyntheticReviews.generate("train", 50, 7)).isEqualTo(SyntheticReviews.generate("train", 50, 7));
    }

    @Test
    void differentSeedsOrSplitsGiveDifferentReviews() {
        List<Review> a = SyntheticReviews.generate("train", 50, 7);
        assertThat(SyntheticReviews.generate("train", 50, 8)).isNotEqualTo(a);
        assertThat(SyntheticReviews.generate("test", 50, 7).stream().map(Review::text).toList())
                .isNotEqualTo(a.stream().map(Review::text).toList());
    }

    @Test
    void labelsAreBalanced() {
        assertThat(SyntheticReviews.generate("train", 101, 1).stream().filter(r -> r.labelValue() == 1)).hasSize(50);
    }

    @Test
    void idsAreUniquePerLabelAndRatingsMatchLabels() {
        List<Review> reviews = SyntheticReviews.generate("test", 200, 3);
        assertThat(reviews.stream().map(Review::relativePath).collect(Collectors.toSet())).hasSize(200);
        assertThat(reviews).allMatch(r -> r.labelValue() == 1 ? r.rating() >= 7 && r.rating() <= 10
                : r.rating() >= 1 && r.rating() <= 4);
    }

    @Test
    void lengthsStayWellBelowTheDefaultMaxlen() {
        assertThat(SyntheticReviews.generate("train", 300, 2)).allSatisfy(r ->
                assertThat(KerasTokenizer.tokenize(r.text()).size()).isBetween(SyntheticReviews.MIN_WORDS,
                        SyntheticReviews.MAX_WORDS));
    }

    @Test
    void sentimentWordsAppearOnlyEarlyAndMatchTheLabel() {
        for (Review r : SyntheticReviews.generate("train", 300, 4)) {
            List<String> tokens = KerasTokenizer.tokenize(r.text());
            Set<String> own = Set.copyOf(r.labelValue() == 1 ? SyntheticReviews.POSITIVE : SyntheticReviews.NEGATIVE);
            Set<String> other = Set.copyOf(r.labelValue() == 1 ? SyntheticReviews.NEGATIVE : SyntheticReviews.POSITIVE);
            assertThat(tokens.subList(0, SyntheticReviews.SIGNAL_WINDOW)).anyMatch(own::contains);
            assertThat(tokens.subList(SyntheticReviews.SIGNAL_WINDOW, tokens.size())).noneMatch(own::contains);
            assertThat(tokens).noneMatch(other::contains);
        }
    }

    @Test
    void generatingAThousandReviewsTakesMilliseconds() {
        SyntheticReviews.generate("train", 1000, 0); // warm-up
        long start = System.nanoTime();
        SyntheticReviews.generate("train", 1000, 1);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(200);
    }

    @Test
    void sortedLikeTheFolderReader() {
        List<Review> reviews = SyntheticReviews.generate("train", 10, 5);
        assertThat(reviews.get(0).label()).isEqualTo("neg");
        assertThat(reviews.get(9).label()).isEqualTo("pos");
    }
}
