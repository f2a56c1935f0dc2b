package org.flattenexplorer.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The list of review files that make up a subset of aclImdb (split, label, id, rating; no text),
 * e.g. {@code sample-data/imdb-subset-files.tsv}: the downloader extracts exactly these files
 * from the official archive, so anyone can rebuild the shared subset.
 */
public final class SubsetManifest {
    static final String HEADER = "split\tlabel\tid\trating";

    /** One manifest line. */
    public record Entry(String split, String label, int id, int rating) {
        public String relativePath() {
            return split + "/" + label + "/" + id + "_" + rating + ".txt";
        }
    }

    private final List<Entry> entries;
    private final Set<String> relativePaths;

    private SubsetManifest(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        Set<String> paths = new LinkedHashSet<>();
        entries.forEach(e -> paths.add(e.relativePath()));
        this.relativePaths = java.util.Collections.unmodifiableSet(paths);
    }

    /** The file list shipped with the app (sample-data/imdb-subset-files.tsv): the 3,000 reviews of the subset. */
    public static SubsetManifest bundled() {
        String name = "imdb-subset-files.tsv";
        try (java.io.InputStream in = SubsetManifest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new DataException("the subset's file list " + name + " is missing from the application");
            }
            return parse(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new DataException("cannot read the subset's file list " + name + ": " + e.getMessage());
        }
    }

    public static SubsetManifest load(Path tsv) {
        try (Reader reader = Files.newBufferedReader(tsv, StandardCharsets.UTF_8)) {
            return parse(reader, tsv.toString());
        } catch (NoSuchFileException e) {
            throw new DataException("Subset manifest does not exist: " + tsv, e);
        } catch (IOException e) {
            throw new DataException("Cannot read subset manifest: " + tsv + " (" + e.getMessage() + ")", e);
        }
    }

    /** Parses manifest text; {@code source} names it in error messages (a path or resource). */
    public static SubsetManifest parse(Reader reader, String source) throws IOException {
        BufferedReader lines = new BufferedReader(reader);
        String header = lines.readLine();
        if (header == null || !header.strip().equals(HEADER)) {
            throw new DataException("Malformed subset manifest (first line must be \"" + HEADER.replace("\t", "\\t")
                    + "\"): " + source);
        }
        List<Entry> entries = new ArrayList<>();
        int lineNumber = 1;
        for (String line; (line = lines.readLine()) != null; ) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            entries.add(parseLine(line, lineNumber, source));
        }
        return new SubsetManifest(entries);
    }

    private static Entry parseLine(String line, int lineNumber, String source) {
        String[] f = line.strip().split("\t");
        try {
            if (f.length != 4 || !AclImdbReader.SPLITS.contains(f[0]) || !AclImdbReader.LABELS.contains(f[1])) {
                throw new IllegalArgumentException();
            }
            return new Entry(f[0], f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]));
        } catch (IllegalArgumentException e) {
            throw new DataException("Malformed subset manifest line " + lineNumber + " (expected split, label, id, "
                    + "rating separated by tabs): \"" + line + "\" in " + source);
        }
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Paths inside an aclImdb folder, e.g. "train/pos/2_9.txt", in manifest order. */
    public Set<String> relativePaths() {
        return relativePaths;
    }

    /** Files per folder, keyed like {@link AclImdbReader#counts}. */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String split : AclImdbReader.SPLITS) {
            for (String label : AclImdbReader.LABELS) {
                counts.put(split + "/" + label, 0);
            }
        }
        entries.forEach(e -> counts.merge(e.split() + "/" + e.label(), 1, Integer::sum));
        return counts;
    }

    public int size() {
        return entries.size();
    }
}
