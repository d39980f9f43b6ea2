package io.emkit.core;

/**
 * When {@link Em} stops a run: the test applied after every iteration to the log-likelihoods
 * {@code L_{t-1}} and {@code L_t} of two successive parameter values, with the options' tolerance
 * {@code τ} (a tolerance of 0 disables both tests).
 */
public enum ConvergenceRule {
    /**
     * {@code |L_t - L_{t-1}| / W < τ}, W the data's total weight: the absolute change of the mean
     * per-sample log-likelihood (scikit-learn's rule; the default).
     */
    ABSOLUTE,
    /**
     * {@code |L_t - L_{t-1}| <= τ (1 + |L_t|)}: R mclust's rule (its {@code emControl()$tol[1]},
     * default 1e-5), relative to the total log-likelihood.
     */
    RELATIVE;

    /**
     * Whether a run has converged.
     *
     * @param previous the log-likelihood {@code L_{t-1}} before the iteration
     * @param current the log-likelihood {@code L_t} after it
     * @param weight the data's total weight W, {@code > 0}
     * @param tolerance the tolerance τ, {@code >= 0}; 0 never converges
     * @return whether the test passes
     */
    public boolean converged(double previous, double current, double weight, double tolerance) {
        if (tolerance == 0) {
            return false;
        }
        double change = current == previous ? 0.0 : current - previous;
        return switch (this) {
            case ABSOLUTE -> Math.abs(change / weight) < tolerance;
            case RELATIVE -> Math.abs(change) <= tolerance * (1 + Math.abs(current));
        };
    }
}
