package org.flattenexplorer.data;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Turns reviews into a {@link PreparedDataset}: a seeded, stratified split of the train folder
 * into validation and training reviews, a seeded stratified sample of the test folder, a
 * vocabulary fitted on the training reviews only (or Keras's word index), encoded and padded.
 *
 * <p>Validation is taken first from the shuffled pools and training after it, so with one seed a
 * larger trainSize keeps the same validation reviews and only adds training reviews: runs with
 * different training sizes stay comparable on validation.
 */
public final class DatasetPreparer {
    private DatasetPreparer() {}

    /** Prepares the reviews of an aclImdb folder (or the folder holding {@code aclImdb/}). */
    public static PreparedDataset fromFolder(Path aclImdbRoot, Preprocessing p) {
        p.requireValid();
        Path root = AclImdbReader.resolveRoot(aclImdbRoot);
        AclImdbReader.checkLayout(root);
        return prepare(AclImdbReader.read(root, "train"), AclImdbReader.read(root, "test"), p,
                "aclImdb folder " + root, Pools.FOLDERS, null, List.of());
    }

    /** What {@code --data PATH} names: a CSV/TSV file of labelled texts, or an aclImdb folder. */
    public static PreparedDataset fromPath(Path data, TextFileSettings fileSettings, Preprocessing p) {
        p.requireValid();
        return Files.isRegularFile(data) ? fromTextFile(data, fileSettings, p) : fromFolder(data, p);
    }

    /**
     * Prepares a CSV/TSV file of labelled texts. Its test reviews come from the settings' test file (read with the
     * same settings; its known label pair is detected on its own, so 1/0 there and positive/negative here agree), or
     * else from a
     * seeded, stratified share of the file held out before training and validation are drawn: the held-out rows
     * depend only on the file, the settings and the seed, so runs with other training sizes test on the same rows.
     */
    public static PreparedDataset fromTextFile(Path file, TextFileSettings settings, Preprocessing p) {
        p.requireValid();
        LabelledTextFile.Contents contents = LabelledTextFile.read(file, settings);
        List<String> notes = new ArrayList<>();
        contents.skippedNote().ifPresent(notes::add);
        List<Review> trainPool;
        List<Review> testPool;
        Pools pools;
        String identitySource = "text file sha256=" + contents.sha256() + " text=" + contents.textColumnName()
                + " label=" + contents.labelColumnName() + " labels=" + contents.labels().describe() + " "
                + settings.describe();
        String name = file.getFileName().toString();
        if (settings.testFile() != null) {
            LabelledTextFile.Contents test = LabelledTextFile.read(settings.testFile(), settings);
            test.skippedNote().ifPresent(notes::add);
            trainPool = reviews(contents, contents.rows(), "train");
            testPool = reviews(test, test.rows(), "test");
            identitySource += " test-file sha256=" + test.sha256();
            pools = new Pools(name, settings.testFile().getFileName().toString(), false);
        } else {
            List<LabelledTextFile.Row> train = new ArrayList<>();
            List<LabelledTextFile.Row> test = new ArrayList<>();
            holdOut(contents.rows(), settings.testFraction(), p.seed(), train, test);
            trainPool = reviews(contents, train, "train");
            testPool = reviews(contents, test, "test");
            String share = String.format(java.util.Locale.ROOT, "%.0f%%", 100 * settings.testFraction());
            pools = new Pools(name + " (less the " + share + " held out for testing)",
                    "the " + share + " of " + name + " held out for testing", false);
        }
        return prepare(trainPool, testPool, p, "reviews file " + file.toAbsolutePath().normalize(), pools,
                identitySource, notes);
    }

    /** Each class's rows shuffled with the seed, the first {@code fraction} of each class to test. */
    private static void holdOut(List<LabelledTextFile.Row> rows, double fraction, long seed,
            List<LabelledTextFile.Row> train, List<LabelledTextFile.Row> test) {
        Random random = new Random(seed ^ 0x5DEECE66DL);
        for (int label = 1; label >= 0; label--) {
            int value = label;
            List<LabelledTextFile.Row> pool = new ArrayList<>(rows.stream().filter(r -> r.label() == value).toList());
            Collections.shuffle(pool, random);
            int held = (int) Math.round(pool.size() * fraction);
            test.addAll(pool.subList(0, held));
            train.addAll(pool.subList(held, pool.size()));
        }
        // back in file order: the preparation shuffles again with its own seed
        train.sort(java.util.Comparator.comparingInt(LabelledTextFile.Row::line));
        test.sort(java.util.Comparator.comparingInt(LabelledTextFile.Row::line));
    }

    private static List<Review> reviews(LabelledTextFile.Contents file, List<LabelledTextFile.Row> rows, String split) {
        String name = file.file().getFileName().toString();
        List<Review> out = new ArrayList<>(rows.size());
        for (LabelledTextFile.Row r : rows) {
            out.add(new Review(split, r.label() == 1 ? Review.POS : Review.NEG, r.line(), 0, r.text(),
                    name + ":" + r.line()));
        }
        return out;
    }

    /**
     * How messages name the pools the splits are drawn from.
     *
     * @param folders true for an aclImdb layout (classes live in pos/ and neg/ subfolders)
     */
    record Pools(String train, String test, boolean folders) {
        static final Pools FOLDERS = new Pools("the train folder", "the test folder", true);
    }

    /** As many synthetic reviews as IMDB has per folder: more is a typo, and would only fill the memory. */
    public static final int MAX_SYNTHETIC_REVIEWS = 25_000;

    /** Prepares {@link SyntheticReviews}: just enough of them for the sizes asked, from p's seed. */
    public static PreparedDataset synthetic(Preprocessing p) {
        p.requireValid();
        if ((long) p.trainSize() + p.valSize() > MAX_SYNTHETIC_REVIEWS || p.testSize() > MAX_SYNTHETIC_REVIEWS) {
            throw new DataException(String.format(Locale.ROOT, "The synthetic set has at most %,d training + "
                    + "validation reviews and %,d test reviews (as IMDB's folders), but %,d + %,d and %,d were asked: "
                    + "use smaller --train-size, --val-size or --test-size", MAX_SYNTHETIC_REVIEWS,
                    MAX_SYNTHETIC_REVIEWS, p.trainSize(), p.valSize(), p.testSize()));
        }
        List<Review> train = SyntheticReviews.generate("train", p.trainSize() + p.valSize(), p.seed());
        List<Review> test = SyntheticReviews.generate("test", p.testSize(), p.seed());
        return prepare(train, test, p, "synthetic reviews (seed " + p.seed() + ")", Pools.FOLDERS, null, List.of());
    }

    /** The common path of every source; the lists must be in a deterministic order. */
    static PreparedDataset prepare(List<Review> trainFolder, List<Review> testFolder, Preprocessing p, String source) {
        p.requireValid();
        return prepare(trainFolder, testFolder, p, source, Pools.FOLDERS, null, List.of());
    }

    /**
     * @param identitySource what else identifies the data (a file's checksum and reading settings); null for
     *                       folders, whose identity stays what earlier versions computed
     */
    private static PreparedDataset prepare(List<Review> trainFolder, List<Review> testFolder, Preprocessing p,
            String source, Pools pools, String identitySource, List<String> notes) {
        int needed = p.trainSize() + p.valSize();
        List<Review> pos = withLabel(trainFolder, Review.POS);
        List<Review> neg = withLabel(trainFolder, Review.NEG);
        if (trainFolder.size() < needed) {
            throw new DataException("Not enough training reviews: " + p.trainSize() + " training + " + p.valSize()
                    + " validation reviews asked, but " + pools.train() + " holds only " + trainFolder.size()
                    + " (" + pos.size() + " pos, " + neg.size() + " neg): " + source);
        }
        if (pos.isEmpty() || neg.isEmpty()) {
            throw new DataException("The training reviews have only one class (" + pos.size() + " pos, " + neg.size()
                    + " neg): a sentiment model needs both positive and negative reviews; " + (pools.folders()
                    ? "add reviews to the train folder's " + (pos.isEmpty() ? "pos/" : "neg/") + " subfolder"
                    : "add " + (pos.isEmpty() ? "positive" : "negative") + " reviews to " + pools.train()
                    + ", or check the label column") + ": " + source);
        }
        List<Review> testPos = withLabel(testFolder, Review.POS);
        List<Review> testNeg = withLabel(testFolder, Review.NEG);

        // Shuffle the pools first: they consume the same random numbers whatever the sizes are.
        Random random = new Random(p.seed());
        Collections.shuffle(pos, random);
        Collections.shuffle(neg, random);
        Collections.shuffle(testPos, random);
        Collections.shuffle(testNeg, random);

        StratifiedSampler valCounts = StratifiedSampler.counts(p.valSize(), pos.size(), neg.size());
        List<Review> validation = concat(pos.subList(0, valCounts.positives()), neg.subList(0, valCounts.negatives()));
        StratifiedSampler trainCounts = StratifiedSampler.counts(p.trainSize(),
                pos.size() - valCounts.positives(), neg.size() - valCounts.negatives());
        List<Review> train = concat(
                pos.subList(valCounts.positives(), valCounts.positives() + trainCounts.positives()),
                neg.subList(valCounts.negatives(), valCounts.negatives() + trainCounts.negatives()));
        if (trainCounts.positives() == 0 || trainCounts.negatives() == 0) {
            throw new DataException("The training split would hold only " + (trainCounts.positives() == 0 ? "negative"
                    : "positive") + " reviews: the validation split takes the other class's last ones (" + pos.size()
                    + " pos, " + neg.size() + " neg in " + pools.train() + "); add reviews or use a smaller --val-size: "
                    + source);
        }
        // A short test folder is used whole, and the size recorded is the real one (never the one asked).
        int testSize = Math.min(p.testSize(), testFolder.size());
        Preprocessing actual = testSize == p.testSize() ? p : p.withSizes(p.trainSize(), p.valSize(), testSize);
        StratifiedSampler testCounts = StratifiedSampler.counts(testSize, testPos.size(), testNeg.size());
        List<Review> test = concat(testPos.subList(0, testCounts.positives()), testNeg.subList(0, testCounts.negatives()));
        // Mix the labels: training order must not be all positives, then all negatives.
        Collections.shuffle(train, random);
        Collections.shuffle(validation, random);
        Collections.shuffle(test, random);

        Vocabulary vocabulary = p.useWordIndex()
                ? KerasWordIndexVocabulary.load(p.wordIndexPath(), p.numWords())
                : FittedVocabulary.fit(train.stream().map(Review::text).toList(), p.numWords());
        EncodedSplit encodedTrain = EncodedSplit.encode(train, vocabulary, p);
        EncodedSplit encodedVal = EncodedSplit.encode(validation, vocabulary, p);
        EncodedSplit encodedTest = EncodedSplit.encode(test, vocabulary, p);
        String identity = identity(encodedTrain, encodedVal, encodedTest, vocabulary, actual, identitySource);
        return new PreparedDataset(encodedTrain, encodedVal, encodedTest, vocabulary, actual, identity, source,
                pools.test(), notes);
    }

    /**
     * First 16 hex digits of a SHA-256 over each split's reviews in order (path and text), every
     * preprocessing setting and the vocabulary description. The text is included so that two
     * folders whose file names agree but whose contents differ are told apart.
     */
    static String identity(EncodedSplit train, EncodedSplit validation, EncodedSplit test, Vocabulary vocabulary,
            Preprocessing p, String identitySource) {
        MessageDigest digest = Hashing.sha256();
        update(digest, "flatten-explorer dataset v1\n");
        if (identitySource != null) {
            update(digest, "source " + identitySource + "\n");
        }
        update(digest, "preprocessing " + p.describe() + "\n");
        update(digest, "vocabulary " + vocabulary.describe() + "\n");
        String[] names = {"train", "validation", "test"};
        EncodedSplit[] splits = {train, validation, test};
        for (int s = 0; s < splits.length; s++) {
            update(digest, "split " + names[s] + " " + splits[s].size() + "\n");
            for (Review r : splits[s].reviews()) {
                update(digest, r.relativePath() + "\n" + r.text().length() + "\n" + r.text() + "\n");
            }
        }
        return Hashing.hex(digest.digest()).substring(0, 16);
    }

    private static void update(MessageDigest digest, String s) {
        digest.update(s.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Review> withLabel(List<Review> reviews, String label) {
        List<Review> out = new ArrayList<>();
        for (Review r : reviews) {
            if (r.label().equals(label)) {
                out.add(r);
            }
        }
        return out;
    }

    private static List<Review> concat(List<Review> a, List<Review> b) {
        List<Review> out = new ArrayList<>(a.size() + b.size());
        out.addAll(a);
        out.addAll(b);
        return out;
    }
}
