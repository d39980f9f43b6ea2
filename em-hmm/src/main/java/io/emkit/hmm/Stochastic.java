package io.emkit.hmm;

/** Package-private checks of probability vectors and stochastic rows. */
final class Stochastic {

    /** Absolute tolerance on a probability vector's sum: generous for hand-typed decimals. */
    static final double SUM_TOLERANCE = 1e-8;

    private Stochastic() {}

    /**
     * Checks that {@code p[offset .. offset+n)} holds finite non-negative entries summing to 1.
     *
     * @param name the argument's name, e.g. {@code "transitions[2]"}
     */
    static void checkProbabilities(String name, double[] p, int offset, int n) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
            double v = p[offset + j];
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException(name + "[" + j + "] (" + v + ") must be a probability in [0, 1]");
            }
            sum += v;
        }
        if (!(Math.abs(sum - 1) <= SUM_TOLERANCE)) {
            throw new IllegalArgumentException(name + " sums to " + sum + ", not 1 (tolerance " + SUM_TOLERANCE + ")");
        }
    }
}
