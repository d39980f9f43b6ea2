package io.emkit.core;

/**
 * How {@link Em} moves from one set of parameters to the next: plain EM steps, or SQUAREM
 * extrapolation along them. Chosen with {@link EmOptions.Builder#acceleration}.
 *
 * <h2>SQUAREM</h2>
 * Varadhan and Roland (2008), "Simple and globally convergent methods for accelerating the
 * convergence of any EM algorithm", Scand. J. Statist. 35, scheme SqS3, with the step-length
 * adaptation and safeguards of their R package {@code SQUAREM} ({@code squarem1}). With {@code F} the
 * EM map (one E-step then one M-step) and {@code x} the model's {@link ParameterVector} coordinates,
 * one cycle from {@code x0} (whose E-step is known):
 * <ol>
 *   <li>three EM steps {@code x1 = F(x0)}, {@code x2 = F(x1)}, {@code x3 = F(x2)}. The E-step at
 *       {@code x2} is needed anyway, for the safeguard below, so {@code x3} costs only an M-step;
 *       the extrapolation therefore starts one step further along than the package's, from
 *       {@code x1}: {@code r = x2 - x1}, {@code v = x3 - 2 x2 + x1};
 *   <li>step length {@code α = ‖r‖ / ‖v‖} (SqS3; the paper writes it {@code -‖r‖/‖v‖}), clamped to
 *       {@code [1, stepMax]} (the paper's {@code [-stepMax, -1]});
 *   <li>if {@code |α - 1| <= 0.01} the cycle ends at {@code x2}; otherwise the extrapolated point
 *       {@code x' = x1 + 2α r + α² v} is stabilised by one more EM step, {@code x'' = F(x')};
 *   <li>monotone safeguard: {@code x''} is accepted only if it describes valid parameters and its
 *       log-likelihood is at least that of {@code x2}, the best plain EM point of the cycle whose
 *       log-likelihood is known; otherwise the cycle ends at {@code x2} (whose E-step was already
 *       done, so the next cycle's {@code x1} is this one's {@code x3});
 *   <li>step-length adaptation ({@code step.max0 = 1}, {@code mstep = 4}): {@code stepMax} starts at 1;
 *       whenever {@code α} reached {@code stepMax} it is multiplied by 4, and when a step of length
 *       {@code stepMax} is rejected it is divided by 4 (not below 1).
 * </ol>
 * So an accelerated fit never returns parameters with a lower log-likelihood than plain EM's two
 * steps from the same point would have reached, on any model, regularised or not. A cycle costs at
 * most 4 E-steps ({@code x1}, {@code x2}, {@code x'}, {@code x''}; the last one is the next cycle's
 * start) and 4 M-steps, and counts as one iteration; the convergence test ({@link ConvergenceRule}) is
 * applied to each of its evaluated EM steps ({@code x0 → x1}, {@code x1 → x2} and, when accepted,
 * {@code x' → x''}), so a fit stops on the same criterion as plain EM. Models without a
 * {@link LatentModel#parameterVector()}, and steps whose points cannot be mapped to one coordinate
 * system (a probability that underflowed to 0), take plain EM steps.
 */
public enum Acceleration {
    /** Plain EM: one E-step and one M-step per iteration. */
    NONE,
    /** SQUAREM (SqS3) extrapolation with the monotone safeguard; see the class notes. */
    SQUAREM
}
