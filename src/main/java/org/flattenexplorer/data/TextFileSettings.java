package org.flattenexplorer.data;

import java.nio.file.Path;
import java.util.Locale;

/**
 * How to read a CSV/TSV file of labelled texts: which columns hold the text and the label (null: detected from
 * the header), which label values are positive and negative (null: one of {@link LabelMapping#KNOWN}), whether bad
 * rows are skipped (reported) or stop the reading, and where the test reviews come from: a separate file, or a
 * seeded, stratified share of the same file.
 *
 * @param testFraction share of one file held out for testing when there is no test file (0 keeps every row
 *                     for training and validation)
 */
public record TextFileSettings(String textColumn, String labelColumn, LabelMapping labels, boolean skipBadRows,
        Path testFile, double testFraction) {

    public static final double DEFAULT_TEST_FRACTION = 0.2;

    public TextFileSettings {
        textColumn = blankToNull(textColumn);
        labelColumn = blankToNull(labelColumn);
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new DataException("The test share must be at least 0 and below 1 (got " + testFraction
                    + "), e.g. 0.2 holds out 20% of the file for testing");
        }
    }

    /** Columns and labels detected, bad rows stop, 20% of the file held out for testing. */
    public static TextFileSettings defaults() {
        return new TextFileSettings(null, null, null, false, null, DEFAULT_TEST_FRACTION);
    }

    public TextFileSettings withColumns(String text, String label) {
        return new TextFileSettings(text, label, labels, skipBadRows, testFile, testFraction);
    }

    public TextFileSettings withLabels(LabelMapping mapping) {
        return new TextFileSettings(textColumn, labelColumn, mapping, skipBadRows, testFile, testFraction);
    }

    public TextFileSettings withSkipBadRows(boolean skip) {
        return new TextFileSettings(textColumn, labelColumn, labels, skip, testFile, testFraction);
    }

    public TextFileSettings withTestFile(Path file) {
        return new TextFileSettings(textColumn, labelColumn, labels, skipBadRows, file, testFraction);
    }

    public TextFileSettings withTestFraction(double fraction) {
        return new TextFileSettings(textColumn, labelColumn, labels, skipBadRows, testFile, fraction);
    }

    /** One line with every setting that changes which reviews are read, for a dataset's identity and cache keys. */
    public String describe() {
        return "text-column=" + (textColumn == null ? "detected" : textColumn)
                + " label-column=" + (labelColumn == null ? "detected" : labelColumn)
                + " labels=" + (labels == null ? "detected" : labels.describe())
                + " bad-rows=" + (skipBadRows ? "skip" : "stop")
                + (testFile != null ? " test-file" : String.format(Locale.ROOT, " test-fraction=%.4f", testFraction));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
