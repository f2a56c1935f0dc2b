package org.flattenexplorer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.flattenexplorer.data.DataException;
import org.flattenexplorer.data.DataLocator;
import org.flattenexplorer.data.DatasetPreparer;
import org.flattenexplorer.data.LabelMapping;
import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.data.Preprocessing;
import org.flattenexplorer.data.TextFileSettings;

/**
 * Where a command's reviews come from: {@code --synthetic}, or what DataLocator finds: an aclImdb folder, or a
 * CSV/TSV file of labelled texts read with the file options below.
 */
final class DataOptions {
    /** The options that say how to read a CSV/TSV file (--skip-bad-rows is a switch, see CliOptions). */
    static final Set<String> FILE_NAMES = Set.of("text-column", "label-column", "labels", "test-data", "test-fraction");

    static final List<String> HELP = List.of(
            "  --data FILE.csv|FILE.tsv        your own labelled texts: a header line, one review a row",
            "  --text-column NAME|N  --label-column NAME|N   the columns (default: found by name, e.g. review, sentiment)",
            "  --labels POSITIVE,NEGATIVE      the label values (known: positive/negative, pos/neg, 1/0, true/false)",
            "  --test-data FILE                test reviews from another file (default: hold out --test-fraction 0.2)",
            "  --skip-bad-rows                 leave out rows that cannot be read, listed by line (default: stop)");

    private DataOptions() {}

    /** Refuses contradictory data options before anything is read. */
    static void check(CliOptions o) {
        if (o.flag("synthetic") && o.has("data")) {
            throw new CliException("--data and --synthetic both given: choose one (--synthetic ignores the folder)");
        }
        if (o.has("test-data") && o.has("test-fraction")) {
            throw new CliException("--test-data and --test-fraction both given: the test reviews come either from "
                    + "another file or from a share of --data; choose one");
        }
        boolean fileOptions = FILE_NAMES.stream().anyMatch(o::has) || o.flag("skip-bad-rows");
        if (fileOptions && (o.flag("synthetic") || o.has("data") && !Files.isRegularFile(Path.of(o.string("data").get())))) {
            throw new CliException(fileOption(o) + " is for a CSV/TSV file of labelled texts given with --data FILE; "
                    + (o.flag("synthetic") ? "--synthetic" : "--data " + o.string("data").get() + " is not a file")
                    + " (an aclImdb folder labels its reviews by pos/ and neg/)");
        }
    }

    static PreparedDataset prepare(CliOptions o, Preprocessing preprocessing) {
        check(o);
        try {
            if (o.flag("synthetic")) {
                return DatasetPreparer.synthetic(preprocessing);
            }
            Path root = DataLocator.locate(o.string("data").map(Path::of)).orElseThrow(() -> new CliException(
                    "no IMDB data found: pass --data DIR (an aclImdb folder with train/ and test/) or --data FILE.csv "
                            + "(your labelled texts), set " + DataLocator.ENV_VARIABLE
                            + ", download it in the app, or use --synthetic"));
            return DatasetPreparer.fromPath(root, fileSettings(o), preprocessing);
        } catch (DataException e) {
            throw new CliException(e.getMessage());
        }
    }

    /** How to read a CSV/TSV file, from the options (every unset one detected or defaulted). */
    static TextFileSettings fileSettings(CliOptions o) {
        TextFileSettings s = TextFileSettings.defaults()
                .withColumns(o.string("text-column").orElse(null), o.string("label-column").orElse(null))
                .withSkipBadRows(o.flag("skip-bad-rows"));
        if (o.has("labels")) {
            s = s.withLabels(LabelMapping.parse(o.string("labels").get()));
        }
        if (o.has("test-data")) {
            s = s.withTestFile(Path.of(o.string("test-data").get()));
        }
        if (o.has("test-fraction")) {
            s = s.withTestFraction(o.decimal("test-fraction").get());
        }
        return s;
    }

    private static String fileOption(CliOptions o) {
        return FILE_NAMES.stream().sorted().filter(o::has).findFirst().map(n -> "--" + n).orElse("--skip-bad-rows");
    }
}
