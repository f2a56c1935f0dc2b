package org.flattenexplorer.lesson;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.flattenexplorer.charts.CompareCurve;
import org.flattenexplorer.charts.CompareMetric;
import org.flattenexplorer.charts.ComparisonChart;
import org.flattenexplorer.charts.RunCurves;
import org.flattenexplorer.inspect.Inspection;
import org.flattenexplorer.inspect.InspectionImageRenderer;
import org.flattenexplorer.training.SavedRun;
import org.jfree.chart.JFreeChart;

/**
 * The pictures of a step for the handout, drawn from the same chart and inspection definitions as the window
 * ({@link RunCurves}, {@link ComparisonChart}, {@link InspectionImageRenderer}), in print colours.
 */
final class HandoutFigures {
    /** Font size of the charts on paper. */
    private static final double FONT = 15;
    private static final float LINE = 2.5f;

    private HandoutFigures() {}

    /** Empty for a step whose figure is a table (the architecture's summary). */
    static List<BufferedImage> of(StepMaterial m, List<SavedRun> lessonRuns) {
        List<BufferedImage> images = new ArrayList<>();
        switch (m.step().view()) {
            case ARCHITECTURE -> { }
            case TRAINING -> {
                SavedRun run = m.runs().get(m.step().runs().get(0));
                RunCurves curves = RunCurves.of(run.info().name(), run.result(), run.info().spec().training().epochs());
                curves.style(FONT, false, LINE);
                images.add(side(curves.lossChart(), curves.accuracyChart(), 1500, 520));
            }
            case COMPARE -> images.add(comparison(stepRuns(m), m.step().metric()));
            case SUMMARY -> images.add(comparison(lessonRuns, m.step().metric()));
            case HIDDEN_STATES, CONTRIBUTIONS, SIDE_BY_SIDE -> {
                for (Inspection in : m.inspections()) {
                    images.add(InspectionImageRenderer.render(in));
                }
            }
        }
        return images;
    }

    private static List<SavedRun> stepRuns(StepMaterial m) {
        return m.step().runs().stream().map(m.runs()::get).filter(java.util.Objects::nonNull).toList();
    }

    private static BufferedImage comparison(List<SavedRun> runs, CompareMetric metric) {
        ComparisonChart chart = new ComparisonChart();
        chart.show(CompareCurve.of(runs, metric.value()), metric);
        chart.style(FONT, false, LINE);
        return draw(chart.chart(), 1200, 560);
    }

    private static BufferedImage side(JFreeChart left, JFreeChart right, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            hints(g);
            left.draw(g, new Rectangle2D.Double(0, 0, width / 2.0, height));
            right.draw(g, new Rectangle2D.Double(width / 2.0, 0, width / 2.0, height));
        } finally {
            g.dispose();
        }
        return image;
    }

    private static BufferedImage draw(JFreeChart chart, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            hints(g);
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void hints(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    }
}
