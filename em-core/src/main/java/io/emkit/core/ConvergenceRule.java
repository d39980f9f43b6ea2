package io.emkit.core;

/**
 * When {@link Em} calls a run converged: the one place where the stopping rule is defined.
 *
 * <p>After every EM step (an E-step after an M-step) the driver compares the total log-likelihood
 * before, {@code L_old}, and after, {@code L_new}, with {@link EmOptions#tolerance()} {@code tol} and
 * the data's total weight {@code W} (the number of samples, steps or documents when unweighted).
 * A tolerance of 0 disables the test under either rule, so exactly {@link EmOptions#maxIterations()}
 * iterations run. Two equal log-likelihoods (even both {@code -∞}) count as a change of 0.
 * Under {@link Acceleration#SQUAREM} the test is applied to each EM step inside a cycle.
 *
 * <p>A run that ends at {@link EmOptions#maxIterations()} without passing the test has
 * {@link StopReason#ITERATION_CAP}, {@code converged() == false}, and (when the tolerance is positive)
 * a {@link FitWarning.IterationCapReached} warning.
 */
public enum ConvergenceRule {
    /**
     * Absolute change of the mean per-sample log-likelihood: converged when
     * {@code |L_new - L_old| / W < tol} (scikit-learn's rule; the default).
     */
    ABSOLUTE,
    /**
     * Relative change of the log-likelihood: converged when
     * {@code |L_new - L_old| <= tol · (1 + |L_new|)} (mclust's rule, as in its {@code me()} and
     * {@code em()} functions).
     */
    RELATIVE;

    /**
     * Whether a step from {@code before} to {@code after} passes this rule.
     *
     * @param before total log-likelihood before the step
     * @param after total log-likelihood after it
     * @param weight the data's total weight, {@code > 0}
     * @param tolerance the tolerance, {@code >= 0}; 0 never passes
     * @return true if converged
     */
    public boolean converged(double before, double after, double weight, double tolerance) {
        if (!(tolerance > 0)) {
            return false;
        }
        if (this == ABSOLUTE) {
            double change = after == before ? 0.0 : (after - before) / weight;
            return Math.abs(change) < tolerance;
        }
        double change = after == before ? 0.0 : Math.abs(after - before);
        return change <= tolerance * (1 + Math.abs(after));
    }
}
