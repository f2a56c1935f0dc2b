package org.flattenexplorer.data;

/** How many positive and negative reviews a split of n gets: equal, as far as the pools allow. */
record StratifiedSampler(int positives, int negatives) {

    /**
     * Half of n from each pool (the odd one is positive); when a pool runs short the other one
     * makes up the difference. Callers ensure {@code n <= availablePos + availableNeg}.
     */
    static StratifiedSampler counts(int n, int availablePos, int availableNeg) {
        if (n > availablePos + availableNeg) {
            throw new IllegalArgumentException(n + " reviews asked from " + availablePos + " + " + availableNeg);
        }
        int pos = Math.min(availablePos, Math.max(n - n / 2, n - availableNeg));
        return new StratifiedSampler(pos, n - pos);
    }
}
