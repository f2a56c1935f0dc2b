package org.flattenexplorer.inspect;

import org.flattenexplorer.data.EncodedSplit;

/**
 * Where the logit comes from over many reviews: for each review, the share of the absolute per-step
 * contributions that falls on padding steps, averaged. With post padding and Flatten this shows how much of
 * the decision the Dense layer reads from the steps after the last word.
 *
 * @param reviews how many reviews were probed
 */
public record ContributionShares(int reviews, double meanPaddingShare) {
    /** Enough reviews for a stable mean, few enough to measure in seconds. */
    public static final int MAX_REVIEWS = 100;

    public static ContributionShares measure(InspectedModel model, EncodedSplit split) {
        int n = Math.min(MAX_REVIEWS, split.size());
        double sum = 0;
        for (int row = 0; row < n; row++) {
            Inspection in = model.inspect(EncodedReview.ofTokens(split.tokens()[row], model.vocabulary()));
            sum += paddingShare(in);
        }
        return new ContributionShares(n, n == 0 ? 0 : sum / n);
    }

    /** The padding steps' part of the sum of |contribution| over all steps (0 for a review without padding). */
    public static double paddingShare(Inspection in) {
        double[] c = in.readout().contributions();
        boolean[] padding = in.review().padding();
        double all = 0;
        double pads = 0;
        for (int t = 0; t < c.length; t++) {
            all += Math.abs(c[t]);
            pads += padding[t] ? Math.abs(c[t]) : 0;
        }
        return all == 0 ? 0 : pads / all;
    }
}
