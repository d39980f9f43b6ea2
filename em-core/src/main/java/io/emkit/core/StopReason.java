package io.emkit.core;

/** Why a fit stopped. */
public enum StopReason {
    /** The absolute change of the mean per-sample log-likelihood fell below the tolerance. */
    TOLERANCE_REACHED,
    /** The iteration cap was reached first (always the case when the tolerance is 0). */
    ITERATION_CAP,
    /**
     * The log-likelihood decreased beyond round-off and {@link EmOptions#stopOnDecrease()} was set;
     * the result holds the parameters from before the decrease.
     */
    LIKELIHOOD_DECREASED
}
