package io.emkit.latent.lda;

/**
 * The M-step for a symmetric document-topic prior {@code α}: the maximiser over {@code α > 0} of the
 * bound's {@code α}-terms, summed over the D documents,
 * <pre>
 *   f(α)   = D (ln Γ(Kα) - K ln Γ(α)) + (α - 1) S,       S = Σ_d Σ_k E[log θ_dk]
 *   f'(α)  = D K (ψ(Kα) - ψ(α)) + S
 *   f''(α) = D K (K ψ'(Kα) - ψ'(α))  (&lt; 0 for K &gt;= 2: f is strictly concave)
 * </pre>
 * by Newton's method from the previous {@code α} (Minka 2000, "Estimating a Dirichlet distribution";
 * Blei, Ng &amp; Jordan 2003, appendix A.4.2, whose linear-time Hessian inverse reduces to this
 * scalar step for a symmetric prior). Each step is halved until it stays positive and does not
 * lower {@code f}, so the bound cannot decrease through the M-step. Stateless.
 */
final class DocTopicPriorNewton {

    /** Newton steps at most; the iteration converges quadratically, in a handful of steps. */
    static final int MAX_STEPS = 100;
    /** Stop when a step changes {@code α} by less than this, relative. */
    static final double RELATIVE_STEP = 1e-13;
    private static final int MAX_HALVINGS = 60;

    private DocTopicPriorNewton() {}

    /**
     * The maximising {@code α}.
     *
     * @param start the previous {@code α}, finite and {@code > 0}
     * @param topics K {@code >= 1}; for K = 1 {@code f} is constant and {@code start} is returned
     * @param documents D {@code >= 0}; for D = 0 {@code start} is returned
     * @param elogThetaSum S, finite
     * @return {@code α > 0}, finite, with {@code f(α) >= f(start)}
     */
    static double maximize(double start, int topics, long documents, double elogThetaSum) {
        if (topics < 2 || documents == 0) {
            return start;
        }
        double alpha = start;
        double value = objective(alpha, topics, documents, elogThetaSum);
        for (int step = 0; step < MAX_STEPS; step++) {
            double k = topics;
            double d = documents;
            double gradient = d * k * (SpecialFunctions.digamma(k * alpha) - SpecialFunctions.digamma(alpha))
                    + elogThetaSum;
            double hessian = d * k * (k * SpecialFunctions.trigamma(k * alpha) - SpecialFunctions.trigamma(alpha));
            if (!(hessian < 0)) {
                break;
            }
            double delta = -gradient / hessian;                       // Newton: α ← α - f'/f''
            double candidate = alpha + delta;
            double candidateValue = Double.NEGATIVE_INFINITY;
            for (int h = 0; h < MAX_HALVINGS; h++) {
                if (candidate > 0 && candidate < Double.POSITIVE_INFINITY) {
                    candidateValue = objective(candidate, topics, documents, elogThetaSum);
                    if (candidateValue >= value) {
                        break;
                    }
                }
                delta *= 0.5;
                candidate = alpha + delta;
            }
            if (!(candidateValue >= value) || !(candidate > 0)) {
                break;                                                // no step improves f: at its maximum
            }
            alpha = candidate;
            value = candidateValue;
            if (Math.abs(delta) <= RELATIVE_STEP * alpha) {
                break;
            }
        }
        return alpha;
    }

    /** {@code f(α)}, the α-terms of the bound. */
    static double objective(double alpha, int topics, long documents, double elogThetaSum) {
        return documents * (SpecialFunctions.logGamma(topics * alpha) - topics * SpecialFunctions.logGamma(alpha))
                + (alpha - 1) * elogThetaSum;
    }
}
