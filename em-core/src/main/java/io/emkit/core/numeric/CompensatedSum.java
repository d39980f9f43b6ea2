package io.emkit.core.numeric;

/**
 * A running sum with Neumaier's compensation: the error stays near one rounding of the result
 * instead of growing with the number of terms. Mutable and not thread-safe; combine per-thread
 * instances with {@link #merge}, which is associative up to round-off.
 *
 * <h2>Non-finite values</h2>
 * Infinities and NaN propagate as in plain summation.
 */
public final class CompensatedSum {
    private double sum;
    private double compensation;

    /** An empty sum (value 0). */
    public CompensatedSum() {}

    /**
     * Adds one term.
     *
     * @param value the term
     * @return this sum
     */
    public CompensatedSum add(double value) {
        double t = sum + value;
        if (Math.abs(sum) >= Math.abs(value)) {
            compensation += (sum - t) + value;
        } else {
            compensation += (value - t) + sum;
        }
        sum = t;
        return this;
    }

    /**
     * Adds every term of another sum.
     *
     * @param other another sum. Not modified.
     * @return this sum
     */
    public CompensatedSum merge(CompensatedSum other) {
        add(other.sum);
        compensation += other.compensation;
        return this;
    }

    /**
     * The compensated total.
     *
     * @return the sum of all terms added
     */
    public double value() {
        // With infinite or NaN terms the compensation is meaningless; the plain sum is the answer.
        return Double.isFinite(sum) ? sum + compensation : sum;
    }
}
