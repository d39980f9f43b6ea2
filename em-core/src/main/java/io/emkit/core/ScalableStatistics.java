package io.emkit.core;

/**
 * Sufficient statistics that can be multiplied by a factor and copied, which is all that online
 * (stepwise) EM needs beyond {@link SufficientStatistics#merge}: {@link OnlineEm} keeps a running
 * average {@code s ← (1 - η) s + η s_batch} of them.
 *
 * <p>Contract: {@code scale(f)} multiplies every observation weight summarised by {@code f} (counts,
 * weighted sums, the log-likelihood and {@link #weight()} scale; means and other ratios do not), so
 * that the M-step of {@code s.scale(f)} equals the M-step of {@code s} for any {@code f > 0} up to
 * round-off (unless the model adds fixed pseudo-counts or priors). {@code copy()} is deep: the copy
 * and the original can be merged, scaled and handed to an M-step independently.
 *
 * @param <S> the implementing type itself
 */
public interface ScalableStatistics<S extends ScalableStatistics<S>> extends SufficientStatistics<S> {

    /**
     * Multiplies every observation weight summarised by {@code factor}.
     *
     * @param factor finite, {@code >= 0}
     * @return {@code this}, updated
     * @throws IllegalArgumentException if {@code factor} is negative or not finite
     */
    S scale(double factor);

    /**
     * A deep copy.
     *
     * @return new statistics equal to these, sharing no mutable state with them
     */
    S copy();
}
