package org.flattenexplorer.inspect;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Each time step's contribution to the logit as a bar chart over time, the strongest words written at their
 * bars, padding shaded. One JFreeChart for both the window (in a ChartView) and the exported PNG.
 */
public final class ContributionChart {
    /** How many of the strongest positive and negative words are written on the chart. */
    public static final int LABELLED_WORDS = 6;

    private ContributionChart() {}

    public static JFreeChart create(Inspection inspection) {
        double[] c = inspection.readout().contributions();
        XYSeries series = new XYSeries("contribution", false, false);
        for (int t = 0; t < c.length; t++) {
            series.add(t, c[t], false);
        }
        NumberAxis time = new NumberAxis("time step t (word)");
        time.setRange(-0.5, c.length - 0.5);
        time.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis value = new NumberAxis("contribution to the logit");
        value.setAutoRangeIncludesZero(true);
        XYBarRenderer bars = new XYBarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                return c[column] >= 0 ? new Color(DivergingColorMap.argb(0.8, 1) & 0xffffff)
                        : new Color(DivergingColorMap.argb(-0.8, 1) & 0xffffff);
            }
        };
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setMargin(0.0);
        bars.setDefaultToolTipGenerator((dataset, s, item) -> String.format(Locale.ROOT, "t = %d, %s: %+.4f",
                item, inspection.review().words()[item], c[item]));
        XYPlot plot = new XYPlot(new XYSeriesCollection(series), time, value, bars);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
        markPadding(plot, inspection.review());
        labelTopWords(plot, inspection, value);
        JFreeChart chart = new JFreeChart(title(inspection), new Font(Font.SANS_SERIF, Font.BOLD, 13), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** "sum of bars -1.234 + bias 0.056 = logit -1.178 -> P(positive) = 0.235". */
    public static String title(Inspection inspection) {
        DenseReadout r = inspection.readout();
        return String.format(Locale.ROOT, "Each word's contribution: bars %+.3f + bias %+.3f = logit %+.3f  ->  "
                + "P(positive) = %.3f", r.logit() - r.bias(), r.bias(), r.logit(), r.probability());
    }

    private static void markPadding(XYPlot plot, EncodedReview review) {
        boolean[] pad = review.padding();
        int t = 0;
        while (t < pad.length) {
            if (!pad[t]) {
                t++;
                continue;
            }
            int start = t;
            while (t < pad.length && pad[t]) {
                t++;
            }
            IntervalMarker marker = new IntervalMarker(start - 0.5, t - 0.5, new Color(0xeeeeee));
            marker.setLabel("<pad> x " + (t - start));
            marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            marker.setLabelPaint(Color.GRAY);
            marker.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP);
            marker.setLabelTextAnchor(TextAnchor.TOP_CENTER);
            plot.addDomainMarker(marker, Layer.BACKGROUND);
        }
    }

    private static void labelTopWords(XYPlot plot, Inspection inspection, NumberAxis value) {
        List<Inspection.WordContribution> words = new ArrayList<>(inspection.topWords(LABELLED_WORDS, true));
        words.addAll(inspection.topWords(LABELLED_WORDS, false));
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        int spacing = Math.max(1, inspection.timeSteps() / 100);
        List<Inspection.WordContribution> placed = new ArrayList<>();
        for (Inspection.WordContribution w : words) {
            boolean crowded = placed.stream().anyMatch(p -> Math.abs(p.t() - w.t()) < spacing
                    && (p.contribution() >= 0) == (w.contribution() >= 0));
            if (crowded) {
                continue;
            }
            placed.add(w);
            XYTextAnnotation label = new XYTextAnnotation(" " + w.word() + " ", w.t(), w.contribution());
            label.setFont(font);
            label.setPaint(Color.DARK_GRAY);
            label.setRotationAngle(-Math.PI / 2);
            boolean up = w.contribution() >= 0;
            label.setTextAnchor(up ? TextAnchor.CENTER_LEFT : TextAnchor.CENTER_RIGHT);
            label.setRotationAnchor(up ? TextAnchor.CENTER_LEFT : TextAnchor.CENTER_RIGHT);
            plot.addAnnotation(label);
        }
        // leave room above and below the bars for the rotated words
        value.setUpperMargin(0.35);
        value.setLowerMargin(0.35);
    }
}
