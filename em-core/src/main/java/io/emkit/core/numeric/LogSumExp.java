package io.emkit.core.numeric;

/**
 * {@code log(Σ exp(v_i))} without overflow or underflow: with {@code m = max v_i},
 * {@code m + log Σ exp(v_i - m)}.
 *
 * <h2>Non-finite values</h2>
 * An empty range or one holding only {@code -∞} gives {@code -∞} (the log of an empty sum); any
 * {@code +∞} gives {@code +∞} (also beside {@code -∞}); otherwise any NaN gives NaN.
 */
public final class LogSumExp {

    private LogSumExp() {}

    /**
     * {@code log(exp(a) + exp(b))}.
     *
     * @param a a log value
     * @param b a log value
     * @return the log of the sum, following the class's rules for non-finite values
     */
    public static double of(double a, double b) {
        if (a == Double.POSITIVE_INFINITY || b == Double.POSITIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        double max = Math.max(a, b);
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double min = Math.min(a, b);
        return max + Math.log1p(Math.exp(min - max));
    }

    /**
     * {@code log Σ exp(values[i])} over the whole array.
     *
     * @param values log values. Not modified.
     * @return the log of the sum, following the class's rules for non-finite values
     */
    public static double of(double[] values) {
        return of(values, 0, values.length);
    }

    /**
     * {@code log Σ exp(values[i])} for {@code from <= i < to}.
     *
     * @param values log values. Not modified.
     * @param from first index, inclusive
     * @param to last index, exclusive
     * @return the log of the sum, following the class's rules for non-finite values
     * @throws IndexOutOfBoundsException if the range is not within the array
     */
    public static double of(double[] values, int from, int to) {
        java.util.Objects.checkFromToIndex(from, to, values.length);
        double max = Double.NEGATIVE_INFINITY;
        boolean sawNaN = false;
        for (int i = from; i < to; i++) {
            double v = values[i];
            if (v > max) {
                max = v;
            } else if (v != v) {
                sawNaN = true;
            }
        }
        if (max == Double.POSITIVE_INFINITY) {
            return max;
        }
        if (sawNaN) {
            return Double.NaN;
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += Math.exp(values[i] - max);
        }
        return max + Math.log(sum);
    }
}
