package org.flattenexplorer.lesson;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.flattenexplorer.model.ExperimentSpec;
import org.flattenexplorer.model.KerasSummary;
import org.flattenexplorer.training.SavedRun;

/**
 * The lesson as one self-contained HTML file for the class: every step's title, its text with the numbers of the
 * runs it was made from, and its figure as an embedded PNG. No network, no script; prints on A4 or Letter with
 * one step per block.
 */
public final class Handout {
    private Handout() {}

    /**
     * @param steps      every step, measured with all of the lesson's runs present
     * @param lessonRuns the lesson's runs in lesson order (the summary's table and chart)
     * @param dataSource where the reviews came from, and whether they were generated
     */
    public static String html(Lesson lesson, List<StepMaterial> steps, List<SavedRun> lessonRuns, String dataSource,
                              boolean synthetic) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(lesson.title())).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(escape(lesson.title())).append("</h1>\n");
        h.append("<p class=\"source\">Every number below was measured by Flatten Explorer in the runs shown, on ")
                .append(escape(dataSource)).append(".</p>\n");
        if (synthetic && !lesson.syntheticNote().isBlank()) {
            h.append("<p class=\"note\">").append(escape(lesson.syntheticNote())).append("</p>\n");
        }
        for (int i = 0; i < steps.size(); i++) {
            StepMaterial m = steps.get(i);
            h.append("<section class=\"step\">\n<h2>").append(i + 1).append(". ").append(escape(m.title()))
                    .append("</h2>\n<p>").append(escape(m.text())).append("</p>\n");
            if (m.step().view() == StepView.ARCHITECTURE && m.spec() != null) {
                h.append(summaryTable(m.spec(), m.vocabulary()));
            }
            List<BufferedImage> figures = HandoutFigures.of(m, lessonRuns);
            h.append(figures.size() > 1 ? "<div class=\"pair\">\n" : "");
            for (BufferedImage image : figures) {
                h.append("<img alt=\"").append(escape(m.title())).append("\" src=\"data:image/png;base64,")
                        .append(base64Png(image)).append("\">\n");
            }
            h.append(figures.size() > 1 ? "</div>\n" : "");
            if (m.step().view() == StepView.SUMMARY) {
                h.append(runsTable(lessonRuns));
            }
            h.append("</section>\n");
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** Writes the file in one piece (a temporary file, then a rename): a failed write leaves no half file behind. */
    public static void write(String html, Path file) {
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
            try {
                Files.writeString(partial, html, StandardCharsets.UTF_8);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the handout to " + file + ": " + e.getMessage(), e);
        }
    }

    private static String summaryTable(ExperimentSpec spec, int vocabulary) {
        KerasSummary s = KerasSummary.of(spec, vocabulary);
        StringBuilder t = new StringBuilder("<table>\n<tr><th>Layer (type)</th><th>Output Shape</th><th>Param #</th></tr>\n");
        for (KerasSummary.Row r : s.rows()) {
            t.append("<tr><td>").append(escape(r.name() + " (" + r.type() + ")")).append("</td><td>")
                    .append(escape(r.outputShape())).append("</td><td class=\"num\">")
                    .append(KerasSummary.formatCount(r.params())).append("</td></tr>\n");
        }
        return t.append("<tr><th colspan=\"2\">Total params</th><th class=\"num\">")
                .append(KerasSummary.formatCount(s.totalParams())).append("</th></tr>\n</table>\n").toString();
    }

    private static String runsTable(List<SavedRun> runs) {
        StringBuilder t = new StringBuilder("<table>\n<tr><th>run</th><th>Dense weights</th><th>best training accuracy</th>"
                + "<th>best validation accuracy</th><th>test accuracy</th></tr>\n");
        for (SavedRun r : runs) {
            ExperimentSpec spec = r.info().spec();
            t.append("<tr><td>").append(escape(r.info().name())).append("</td><td class=\"num\">")
                    .append(KerasSummary.formatCount(spec.denseInputSize() + 1)).append("</td><td class=\"num\">")
                    .append(fixed(r.result().bestTrainingAccuracy())).append("</td><td class=\"num\">")
                    .append(fixed(r.result().bestValidationAccuracy())).append("</td><td class=\"num\">")
                    .append(r.info().testAccuracy() == null ? "" : fixed(r.info().testAccuracy())).append("</td></tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static String fixed(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static String base64Png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String CSS = """
            @page { size: auto; margin: 15mm; }
            body { font-family: "DejaVu Sans", Arial, sans-serif; max-width: 180mm; margin: 0 auto; color: #1a1a1a;
                   line-height: 1.45; font-size: 11pt; }
            h1 { font-size: 20pt; margin-bottom: 0.2em; }
            h2 { font-size: 14pt; margin: 0 0 0.3em 0; }
            .step { break-inside: avoid; page-break-inside: avoid; margin: 0 0 1.2em 0; padding-top: 0.6em;
                    border-top: 1px solid #ccc; }
            img { display: block; max-width: 100%; height: auto; margin: 0.4em 0; }
            .pair { display: flex; gap: 2mm; }
            .pair img { max-width: calc(50% - 1mm); }
            table { border-collapse: collapse; margin: 0.4em 0; font-size: 10pt; }
            th, td { border: 1px solid #bbb; padding: 0.2em 0.6em; text-align: left; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            .source { color: #555; }
            .note { background: #fff4dc; padding: 0.4em 0.6em; }
            """;
}
