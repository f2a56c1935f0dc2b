package org.flattenexplorer.cli;

import java.nio.file.Path;
import org.flattenexplorer.data.DataException;
import org.flattenexplorer.data.DataLocator;
import org.flattenexplorer.data.DatasetPreparer;
import org.flattenexplorer.data.PreparedDataset;
import org.flattenexplorer.data.Preprocessing;

/** Where a command's reviews come from: {@code --synthetic}, or the aclImdb folder that DataLocator finds. */
final class DataOptions {
    private DataOptions() {}

    /** Refuses contradictory data options before anything is read. */
    static void check(CliOptions o) {
        if (o.flag("synthetic") && o.has("data")) {
            throw new CliException("--data and --synthetic both given: choose one (--synthetic ignores the folder)");
        }
    }

    static PreparedDataset prepare(CliOptions o, Preprocessing preprocessing) {
        check(o);
        try {
            if (o.flag("synthetic")) {
                return DatasetPreparer.synthetic(preprocessing);
            }
            Path root = DataLocator.locate(o.string("data").map(Path::of)).orElseThrow(() -> new CliException(
                    "no IMDB data found: pass --data DIR (an aclImdb folder with train/ and test/), set "
                            + DataLocator.ENV_VARIABLE + ", download it in the app, or use --synthetic"));
            return DatasetPreparer.fromFolder(root, preprocessing);
        } catch (DataException e) {
            throw new CliException(e.getMessage());
        }
    }
}
