package io.emkit.core.numeric;

/**
 * Probability vectors as unconstrained coordinates: the additive log-ratio transform
 * {@code y_i = log p_i - log p_ref} against a reference entry, and back by a stable softmax. Used
 * by the models' {@link io.emkit.core.ParameterVector}s for mixing weights, start probabilities,
 * rows of transition matrices and categorical emissions.
 *
 * <p>A layout vector fixes the coordinates: its zero entries are structural (they have no
 * coordinate and stay 0) and the reference is its last non-zero entry, so a vector of {@code n}
 * probabilities with {@code z} zeros in the layout has {@code n - z - 1} coordinates. Stateless.
 */
public final class LogRatios {

    private LogRatios() {}

    /**
     * The number of coordinates of a probability vector laid out like {@code layout[from, from + n)}.
     *
     * @param layout the layout's probabilities. Not modified.
     * @param from the first entry
     * @param n the number of entries
     * @return the number of non-zero entries minus 1 (0 if none is non-zero)
     */
    public static int length(double[] layout, int from, int n) {
        int nonZero = 0;
        for (int i = 0; i < n; i++) {
            if (layout[from + i] != 0) {
                nonZero++;
            }
        }
        return Math.max(0, nonZero - 1);
    }

    /**
     * Writes the coordinates of {@code p[pFrom, pFrom + n)} in the layout of
     * {@code layout[from, from + n)} to {@code out} from {@code offset} ({@link #length} values).
     *
     * @param p the probabilities to write. Not modified.
     * @param pFrom the first entry of {@code p}
     * @param layout the layout's probabilities. Not modified.
     * @param from the first entry of {@code layout}
     * @param n the number of entries
     * @param out receives the coordinates. Modified.
     * @param offset where in {@code out}
     * @return false (with {@code out} partly written) when {@code p} has a zero where the layout has
     *     not, or a non-zero where the layout has a zero
     */
    public static boolean write(double[] p, int pFrom, double[] layout, int from, int n, double[] out, int offset) {
        int ref = reference(layout, from, n);
        if (ref < 0) {
            return true;
        }
        double logRef = Math.log(p[pFrom + ref]);
        if (!(logRef > Double.NEGATIVE_INFINITY)) {
            return false;
        }
        int o = offset;
        for (int i = 0; i < n; i++) {
            double value = p[pFrom + i];
            if (layout[from + i] == 0) {
                if (value != 0) {
                    return false;
                }
                continue;
            }
            if (i == ref) {
                continue;
            }
            double log = Math.log(value);
            if (!(log > Double.NEGATIVE_INFINITY)) {
                return false;
            }
            out[o++] = log - logRef;
        }
        return true;
    }

    /**
     * Reads the probabilities laid out like {@code layout[from, from + n)} from coordinates at
     * {@code in[offset]} into {@code out[outFrom, outFrom + n)}; they sum to 1 up to round-off.
     *
     * @param in the coordinates. Not modified.
     * @param offset where in {@code in}
     * @param layout the layout's probabilities. Not modified.
     * @param from the first entry of {@code layout}
     * @param n the number of entries
     * @param out receives the probabilities. Modified.
     * @param outFrom where in {@code out}
     * @return false when a coordinate is not finite
     */
    public static boolean read(double[] in, int offset, double[] layout, int from, int n, double[] out, int outFrom) {
        int ref = reference(layout, from, n);
        if (ref < 0) {
            for (int i = 0; i < n; i++) {
                out[outFrom + i] = 0;
            }
            return true;
        }
        double max = 0; // the reference's coordinate
        int o = offset;
        for (int i = 0; i < n; i++) {
            if (layout[from + i] != 0 && i != ref) {
                double y = in[o++];
                if (!Double.isFinite(y)) {
                    return false;
                }
                max = Math.max(max, y);
            }
        }
        double sum = 0;
        o = offset;
        for (int i = 0; i < n; i++) {
            double value;
            if (layout[from + i] == 0) {
                value = 0;
            } else if (i == ref) {
                value = Math.exp(-max);
            } else {
                value = Math.exp(in[o++] - max);
            }
            out[outFrom + i] = value;
            sum += value;
        }
        for (int i = 0; i < n; i++) {
            out[outFrom + i] /= sum;
        }
        return true;
    }

    private static int reference(double[] layout, int from, int n) {
        for (int i = n - 1; i >= 0; i--) {
            if (layout[from + i] != 0) {
                return i;
            }
        }
        return -1;
    }
}
