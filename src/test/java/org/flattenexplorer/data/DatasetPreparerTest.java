package org.flattenexplorer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetPreparerTest {
    private static final Preprocessing SMALL = Preprocessing.defaults().withSizes(100, 40, 60).withMaxlen(200);
    private static PreparedDataset real;

    @TempDir
    Path tmp;

    @BeforeAll
    static void prepareRealOnce() {
        real = DatasetPreparer.fromFolder(TestData.subset(), SMALL);
    }

    private static Set<String> paths(EncodedSplit split) {
        return split.reviews().stream().map(Review::relativePath).collect(Collectors.toSet());
    }

    @Test
    void splitsHaveTheAskedSizesAndMaxlen() {
        assertThat(real.train().size()).isEqualTo(100);
        assertThat(real.validation().size()).isEqualTo(40);
        assertThat(real.test().size()).isEqualTo(60);
        assertThat(java.util.Arrays.asList(real.train().tokens())).allSatisfy(row -> assertThat(row).hasSize(200));
    }

    @Test
    void splitsAreStratified() {
        assertThat(real.train().positives()).isEqualTo(50);
        assertThat(real.validation().positives()).isEqualTo(20);
        assertThat(real.test().positives()).isEqualTo(30);
    }

    @Test
    void trainAndValidationAreDisjointAndFromTheTrainFolder() {
        Set<String> train = paths(real.train());
        assertThat(train).doesNotContainAnyElementsOf(paths(real.validation()));
        assertThat(train).allMatch(p -> p.startsWith("train/"));
        assertThat(paths(real.validation())).allMatch(p -> p.startsWith("train/"));
        assertThat(paths(real.test())).allMatch(p -> p.startsWith("test/"));
    }

    @Test
    void labelsMatchReviews() {
        EncodedSplit train = real.train();
        for (int i = 0; i < train.size(); i++) {
            assertThat(train.labels()[i]).isEqualTo(train.reviews().get(i).labelValue());
        }
    }

    @Test
    void trainingOrderMixesLabels() {
        int[] labels = real.train().labels();
        assertThat(java.util.Arrays.copyOfRange(labels, 0, 20)).contains(0, 1);
    }

    @Test
    void sameSettingsGiveTheSameDatasetAndIdentity() {
        PreparedDataset again = DatasetPreparer.fromFolder(TestData.subset(), SMALL);
        assertThat(again.identity()).isEqualTo(real.identity()).hasSize(16);
        assertThat(again.train().reviews()).isEqualTo(real.train().reviews());
        assertThat(again.train().tokens()).isDeepEqualTo(real.train().tokens());
    }

    @Test
    void anotherSeedGivesAnotherSampleAndIdentity() {
        PreparedDataset other = DatasetPreparer.fromFolder(TestData.subset(), SMALL.withSeed(7));
        assertThat(paths(other.train())).isNotEqualTo(paths(real.train()));
        assertThat(other.identity()).isNotEqualTo(real.identity());
    }

    @Test
    void paddingChangesTheIdentityButNotTheReviews() {
        PreparedDataset pre = DatasetPreparer.fromFolder(TestData.subset(), SMALL.withPadding(Padding.PRE, Padding.PRE));
        assertThat(pre.train().reviews()).isEqualTo(real.train().reviews());
        assertThat(pre.identity()).isNotEqualTo(real.identity());
    }

    @Test
    void largerTrainSizeKeepsValidationAndExtendsTraining() {
        PreparedDataset larger = DatasetPreparer.fromFolder(TestData.subset(), SMALL.withSizes(300, 40, 60));
        assertThat(paths(larger.validation())).isEqualTo(paths(real.validation()));
        assertThat(paths(larger.train())).containsAll(paths(real.train()));
    }

    @Test
    void vocabularyIsFittedOnTheTrainingSplitOnly() {
        Vocabulary fitted = FittedVocabulary.fit(real.train().reviews().stream().map(Review::text).toList(),
                OptionalInt.empty());
        assertThat(real.vocabulary().describe()).isEqualTo(fitted.describe());
    }

    @Test
    void postPaddingPutsTokensFirst() {
        int[] row = real.train().tokens()[0];
        int length = real.train().realLength(0);
        assertThat(row[0]).isNotZero();
        if (length < row.length) {
            assertThat(row[row.length - 1]).isZero();
        }
    }

    @Test
    void wordIndexVocabularyStartsEveryReviewWithStartChar() {
        Preprocessing p = SMALL.withWordIndex(TestData.wordIndex()).withNumWords(OptionalInt.of(10000));
        PreparedDataset d = DatasetPreparer.fromFolder(TestData.subset(), p);
        assertThat(d.vocabulary()).isInstanceOf(KerasWordIndexVocabulary.class);
        assertThat(d.vocabulary().inputDim()).isEqualTo(10000);
        assertThat(java.util.Arrays.asList(d.train().tokens())).allSatisfy(row -> assertThat(row[0]).isEqualTo(1));
    }

    @Test
    void testSplitTakesAllWhenTheFolderHasFewerAndRecordsTheRealSize() {
        PreparedDataset d = DatasetPreparer.fromFolder(TestData.subset(), SMALL.withSizes(10, 10, 5000));
        assertThat(d.test().size()).isEqualTo(1000);
        assertThat(d.preprocessing().testSize()).isEqualTo(1000);
        assertThat(d.testNote(5000)).hasValueSatisfying(n -> assertThat(n).contains("only 1000 reviews")
                .contains("instead of the 5000 asked"));
        assertThat(d.testNote(1000)).isEmpty();
    }

    @Test
    void aTrainFolderWithOneClassIsRefusedBeforeAnyTraining() throws IOException {
        TestData.emptyLayout(tmp);
        for (int i = 0; i < 20; i++) {
            TestData.write(tmp, "train/neg/" + i + "_2.txt", "bad film " + i);
        }
        TestData.write(tmp, "test/pos/0_8.txt", "good");
        assertThatThrownBy(() -> DatasetPreparer.fromFolder(tmp, SMALL.withSizes(8, 4, 10)))
                .isInstanceOf(DataException.class).hasMessageContaining("only one class (0 pos, 20 neg)")
                .hasMessageContaining("pos/");
        TestData.write(tmp, "train/pos/0_9.txt", "good film");
        assertThatThrownBy(() -> DatasetPreparer.fromFolder(tmp, SMALL.withSizes(8, 4, 10)))
                .isInstanceOf(DataException.class).hasMessageContaining("would hold only negative reviews");
    }

    @Test
    void anEmptyTestFolderOrNoTestReviewsIsSaidBeforeTraining() throws IOException {
        TestData.emptyLayout(tmp);
        for (int i = 0; i < 6; i++) {
            TestData.write(tmp, "train/pos/" + i + "_9.txt", "good film " + i);
            TestData.write(tmp, "train/neg/" + i + "_2.txt", "bad film " + i);
        }
        PreparedDataset d = DatasetPreparer.fromFolder(tmp, SMALL.withSizes(8, 4, 10));
        assertThat(d.test().size()).isZero();
        assertThat(d.testNote(10)).hasValueSatisfying(n -> assertThat(n).contains("holds no reviews"));
        assertThat(d.testNote(0)).hasValueSatisfying(n -> assertThat(n).contains("test size 0"));
    }

    @Test
    void syntheticSizesAreBoundedLikeImdbsFolders() {
        assertThatThrownBy(() -> DatasetPreparer.synthetic(SMALL.withSizes(100_000, 200, 10)))
                .isInstanceOf(DataException.class).hasMessageContaining("at most 25,000")
                .hasMessageContaining("100,000");
    }

    @Test
    void askingForMoreReviewsThanTheFolderHoldsIsReported() {
        assertThatThrownBy(() -> DatasetPreparer.fromFolder(TestData.subset(), SMALL.withSizes(1900, 200, 10)))
                .isInstanceOf(DataException.class).hasMessageContaining("2000").hasMessageContaining("1900")
                .hasMessageContaining(TestData.subset().getFileName().toString());
    }

    @Test
    void unbalancedFolderFillsUpFromTheLargerLabel() throws IOException {
        TestData.emptyLayout(tmp);
        for (int i = 0; i < 3; i++) {
            TestData.write(tmp, "train/pos/" + i + "_9.txt", "good film " + i);
        }
        for (int i = 0; i < 9; i++) {
            TestData.write(tmp, "train/neg/" + i + "_2.txt", "bad film " + i);
        }
        TestData.write(tmp, "test/pos/0_8.txt", "good");
        PreparedDataset d = DatasetPreparer.fromFolder(tmp, SMALL.withSizes(8, 4, 10));
        assertThat(d.validation().positives()).isEqualTo(2);
        assertThat(d.train().positives()).isEqualTo(1);
        assertThat(d.train().size()).isEqualTo(8);
        assertThat(d.test().size()).isEqualTo(1);
    }

    @Test
    void malformedFolderIsReported() {
        assertThatThrownBy(() -> DatasetPreparer.fromFolder(tmp, SMALL))
                .isInstanceOf(DataException.class).hasMessageContaining("Not an aclImdb folder");
    }

    @Test
    void syntheticDatasetIsDeterministicAndBalanced() {
        PreparedDataset a = DatasetPreparer.synthetic(Preprocessing.defaults());
        PreparedDataset b = DatasetPreparer.synthetic(Preprocessing.defaults());
        assertThat(a.identity()).isEqualTo(b.identity());
        assertThat(a.train().size()).isEqualTo(448);
        assertThat(a.train().positives()).isEqualTo(224);
        assertThat(a.validation().size()).isEqualTo(200);
        assertThat(a.test().size()).isEqualTo(1000);
        assertThat(a.source()).contains("synthetic");
    }

    @Test
    void syntheticSignalSitsFarFromTheEndWithPostPadding() {
        PreparedDataset d = DatasetPreparer.synthetic(Preprocessing.defaults());
        for (int i = 0; i < d.train().size(); i++) {
            assertThat(d.train().realLength(i)).isLessThanOrEqualTo(SyntheticReviews.MAX_WORDS);
            assertThat(d.train().tokens()[i][499]).isZero();
        }
    }

    @Test
    void syntheticAndRealIdentitiesDiffer() {
        assertThat(DatasetPreparer.synthetic(SMALL).identity()).isNotEqualTo(real.identity());
    }

    @Test
    void noReviewIsUsedTwice() {
        List<Review> all = new java.util.ArrayList<>(real.train().reviews());
        all.addAll(real.validation().reviews());
        assertThat(new HashSet<>(all)).hasSize(all.size());
    }
}
