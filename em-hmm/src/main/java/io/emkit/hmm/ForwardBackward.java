package io.emkit.hmm;

/**
 * Scaled forward-backward (Rabiner 1989, "A tutorial on hidden Markov models", section V.A) over
 * one sequence at a time, with workspaces sized once for the longest sequence of a chunk and reused,
 * so nothing is allocated per step or per sequence. Memory is {@code 2 T S + T} doubles.
 *
 * <p>Emission log-densities are shifted per step by their maximum {@code m_t} before
 * exponentiation, {@code b~_t(s) = exp(log b_s(o_t) - m_t)}; with scaled forward variables
 * {@code alpha^_t = alpha~_t / c_t}, {@code log P(O) = sum_t (log c_t + m_t)}.
 *
 * <p>Not thread-safe: one instance per E-step call.
 */
final class ForwardBackward {

    private final int states;
    /** Emission densities, state-major S x T: log-densities first, then shifted and exponentiated. */
    private final double[] densities;
    /** Time-major T x S: scaled forward variables alpha^, overwritten by the posteriors gamma. */
    private final double[] alphaGamma;
    /** Scaling factors c_t. */
    private final double[] scale;
    private final double[] betaNext;
    private final double[] betaCurrent;
    private final double[] weighted; // b~_{t+1}(j) beta^_{t+1}(j) / c_{t+1}
    /** Expected transitions of the current sequence, row-major S x S. */
    private final double[] xi;

    ForwardBackward(int states, int maxLength) {
        this.states = states;
        this.densities = new double[states * maxLength];
        this.alphaGamma = new double[maxLength * states];
        this.scale = new double[maxLength];
        this.betaNext = new double[states];
        this.betaCurrent = new double[states];
        this.weighted = new double[states];
        this.xi = new double[states * states];
    }

    /** Time-major T x S posteriors of the last {@link #run} with posteriors (owned; copy to keep). */
    double[] posteriors() {
        return alphaGamma;
    }

    /** Expected transition counts of the last {@link #run} with posteriors (owned). */
    double[] expectedTransitions() {
        return xi;
    }

    /**
     * Runs the forward pass and, if asked, the backward pass for sequence {@code r} of {@code data}.
     *
     * @param start start probabilities, length S
     * @param transitions row-major S x S
     * @return {@code log P(O)}, or {@code -Infinity} if the sequence is impossible (then no
     *     posteriors are computed)
     */
    double run(double[] start, double[] transitions, Emission emission, Sequences data, int r,
            boolean withPosteriors) {
        final int s = states;
        final int length = data.length(r);
        final double[] b = densities;
        final double[] alpha = alphaGamma;
        // b~_t(s) = b_s(o_t) exp(-m_t);  log P(O) = Σ_t (m_t + log c_t)
        double logLikelihood = emission.shiftedDensities(data, r, b);
        if (logLikelihood == Double.NEGATIVE_INFINITY) {
            return logLikelihood;
        }

        // alpha~_0(i) = pi_i b~_0(i)
        double c = 0;
        for (int i = 0; i < s; i++) {
            double v = start[i] * b[i * length];
            alpha[i] = v;
            c += v;
        }
        if (!(c > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        scale[0] = c;
        // Π c_t is kept as a running product, folded into the log only when it nears the edge of the
        // double range: one log per many steps instead of one per step.
        double scaleProduct = c;
        double inverse = 1.0 / c;
        for (int i = 0; i < s; i++) {
            alpha[i] *= inverse;
        }
        for (int t = 1; t < length; t++) {
            c = forwardStep(transitions, b, length, t);
            if (!(c > 0)) {
                return Double.NEGATIVE_INFINITY;
            }
            scale[t] = c;
            scaleProduct *= c;
            if (!(scaleProduct > 1e-250 && scaleProduct < 1e250)) {
                logLikelihood += Math.log(scaleProduct);
                scaleProduct = 1;
            }
        }
        logLikelihood += Math.log(scaleProduct);
        if (!withPosteriors) {
            return logLikelihood;
        }

        java.util.Arrays.fill(xi, 0.0);
        // beta^_{T-1}(i) = 1; gamma_{T-1} = alpha^_{T-1}
        for (int i = 0; i < s; i++) {
            betaNext[i] = 1.0;
        }
        normaliseRow(alpha, (length - 1) * s);
        for (int t = length - 2; t >= 0; t--) {
            backwardStep(transitions, b, length, t);
        }
        return logLikelihood;
    }

    // The recursions' steps are methods of their own: called once per step, HotSpot compiles them
    // within the first sequence, whereas a loop over a whole sequence would run in the slow
    // profiling tier for many E-steps before its compiled version is used.

    /**
     * alpha~_t(j) = (sum_i alpha^_{t-1}(i) a_ij) b~_t(j), then alpha^_t = alpha~_t / c_t.
     *
     * @return c_t = sum_j alpha~_t(j); not positive if o_t is impossible (alpha^_t is then garbage)
     */
    private double forwardStep(double[] transitions, double[] b, int length, int t) {
        final int s = states;
        final double[] alpha = alphaGamma;
        int previous = (t - 1) * s;
        int current = t * s;
        for (int j = 0; j < s; j++) {
            alpha[current + j] = 0;
        }
        for (int i = 0; i < s; i++) {
            double ai = alpha[previous + i];
            int row = i * s;
            for (int j = 0; j < s; j++) {
                alpha[current + j] += ai * transitions[row + j];
            }
        }
        double c = 0;
        for (int j = 0; j < s; j++) {
            double v = alpha[current + j] * b[j * length + t];
            alpha[current + j] = v;
            c += v;
        }
        double inverse = 1.0 / c;
        for (int j = 0; j < s; j++) {
            alpha[current + j] *= inverse;
        }
        return c;
    }

    /**
     * From beta^_{t+1} in betaNext: beta^_t(i) = sum_j a_ij w_j with w_j = b~_{t+1}(j) beta^_{t+1}(j)
     * / c_{t+1}; adds xi_t(i, j) = alpha^_t(i) a_ij w_j; turns alpha^_t into gamma_t; moves beta^_t into
     * betaNext.
     */
    private void backwardStep(double[] transitions, double[] b, int length, int t) {
        final int s = states;
        final double[] alpha = alphaGamma;
        double inverseNext = 1.0 / scale[t + 1];
        for (int j = 0; j < s; j++) {
            weighted[j] = b[j * length + t + 1] * betaNext[j] * inverseNext;
        }
        int current = t * s;
        for (int i = 0; i < s; i++) {
            double ai = alpha[current + i];
            int row = i * s;
            double beta = 0;
            for (int j = 0; j < s; j++) {
                double v = transitions[row + j] * weighted[j];
                beta += v;
                xi[row + j] += ai * v;
            }
            betaCurrent[i] = beta;
            // gamma_t(i) = alpha^_t(i) beta^_t(i)
            alpha[current + i] = ai * beta;
        }
        normaliseRow(alpha, current);
        System.arraycopy(betaCurrent, 0, betaNext, 0, s);
    }

    private void normaliseRow(double[] a, int offset) {
        double sum = 0;
        for (int i = 0; i < states; i++) {
            sum += a[offset + i];
        }
        double inverse = 1.0 / sum;
        for (int i = 0; i < states; i++) {
            a[offset + i] *= inverse;
        }
    }
}
