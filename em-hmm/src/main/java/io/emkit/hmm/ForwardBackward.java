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
 * <p>Many states: both matrix-vector products are saxpys, four matrix rows per pass over the
 * output, on arrays indexed by the plain loop index (HotSpot C2 vectorises such loops; it does not
 * vectorise a floating-point sum, nor, in practice, loops over offset slices of one flat array):
 * forward {@code alpha~_t = Σ_i alpha^_{t-1}(i) A[i, ·]} over the rows of A, backward
 * {@code beta^_t = Σ_j w_j Aᵀ[j, ·]} over the rows of Aᵀ. The terms are added in the same order as
 * the plain sums, so the values are the same bits. The expected transitions are kept as
 * {@code Σ_t alpha^_t(i) w_t(j)}, a product of (S x T)(T x S) matrices formed four steps at a
 * time (each row of it updated by one four-term saxpy per four steps), and multiplied by
 * {@code a_ij} once per sequence.
 *
 * <p>Few states (at most {@link #FEW_STATES}): the same sums in the same order, as plain scalar loops
 * over the flat transition matrix, and the expected transitions added per step. At S = 3 a step
 * is a few dozen multiply-adds, and the many-state form's fills, copies and short saxpy calls cost
 * more than they do. Two and three states: the same sums again, written out without loops
 * ({@link Steps#TWO}, {@link Steps#THREE}).
 *
 * <p>Not thread-safe: one instance per E-step call.
 */
final class ForwardBackward {

    /**
     * Largest state count taken by the scalar steps. Measured warm (categorical emissions, 20 sequences
     * of 2000 steps, one thread, ns per step scalar / blocked): S = 2 62 / 103, 3 90 / 138, 4 130 / 150,
     * 6 233 / 233, 8 231 / 162, 12 473 / 276.
     */
    static final int FEW_STATES = 4;

    /**
     * Which form of the steps a run takes; every form adds the same terms in the same order. Measured warm
     * ({@code run} alone, categorical emissions, 20 sequences of 2000 steps, one thread, best of 300
     * passes, two JVMs), ns per step: S = 2 {@code TWO} 21-24, {@code FEW} 34-36, {@code BLOCKED} 62-84;
     * S = 3 {@code THREE} 30-31, {@code FEW} 45-47, {@code BLOCKED} 73-75; S = 4 {@code FEW} 63-70,
     * {@code BLOCKED} 88-151.
     */
    enum Steps {
        /** Two states: the scalar sums written out, no loops (the most common small model). */
        TWO,
        /** Three states: the scalar sums written out (the other common small model). */
        THREE,
        /** At most {@link #FEW_STATES} states: scalar loops over the flat transition matrix. */
        FEW,
        /** Many states: blocked saxpys over rows of the matrix and its transpose. */
        BLOCKED;

        /** The form measured fastest for {@code states} states. */
        static Steps of(int states) {
            return states == 2 ? TWO : states == 3 ? THREE : states <= FEW_STATES ? FEW : BLOCKED;
        }
    }

    private final int states;
    private final Steps steps;
    /** The current sequence's transition matrix, row-major S x S (few states). */
    private double[] a;
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
    /** Rows of the transition matrix, of its transpose (row j holds a_ij for every i), of unscaled xi. */
    private final double[][] rows;
    private final double[][] columns;
    private final double[][] xiRows;
    private final double[] next; // alpha~_t before emission weighting
    /** The last (up to four) steps' alpha^_t and w_t, not yet added to xiRows. */
    private final double[][] pendingAlpha;
    private final double[][] pendingWeights;
    private int pending;

    ForwardBackward(int states, int maxLength) {
        this(states, maxLength, Steps.of(states));
    }

    /**
     * As {@link #ForwardBackward(int, int)}, with the given form of the steps.
     *
     * @throws IllegalArgumentException if {@code steps} is {@link Steps#TWO} and {@code states != 2}
     */
    ForwardBackward(int states, int maxLength, Steps steps) {
        com.google.common.base.Preconditions.checkArgument(steps != Steps.TWO || states == 2,
                "the two-state steps need 2 states, not %s", states);
        com.google.common.base.Preconditions.checkArgument(steps != Steps.THREE || states == 3,
                "the three-state steps need 3 states, not %s", states);
        this.states = states;
        this.steps = steps;
        this.densities = new double[states * maxLength];
        this.alphaGamma = new double[maxLength * states];
        this.scale = new double[maxLength];
        this.betaNext = new double[states];
        this.betaCurrent = new double[states];
        this.weighted = new double[states];
        this.xi = new double[states * states];
        this.rows = new double[states][states];
        this.columns = new double[states][states];
        this.xiRows = new double[states][states];
        this.next = new double[states];
        this.pendingAlpha = new double[4][states];
        this.pendingWeights = new double[4][states];
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
        // b~_t(s) = b_s(o_t) exp(-m_t);  log P(O) = Σ_t (m_t + log c_t)
        double logLikelihood = emission.shiftedDensities(data, r, b);
        if (logLikelihood == Double.NEGATIVE_INFINITY) {
            return logLikelihood;
        }

        a = transitions;
        if (steps == Steps.BLOCKED) {
            for (int i = 0; i < s; i++) {
                for (int j = 0; j < s; j++) {
                    rows[i][j] = transitions[i * s + j];
                    columns[j][i] = transitions[i * s + j];
                }
            }
        }
        logLikelihood = forward(start, b, length, logLikelihood);
        if (!withPosteriors || logLikelihood == Double.NEGATIVE_INFINITY) {
            return logLikelihood;
        }
        if (steps != Steps.BLOCKED) {
            backwardFew(b, length);
        } else {
            backward(b, length);
        }
        return logLikelihood;
    }

    // Each pass is a method of its own, and each step within it: the passes are compiled small (a whole
    // run() with every step inlined took C2 0.4 s of a core early in a fit).

    /**
     * The scaled forward pass: alpha^_t and c_t for every step.
     *
     * @param logLikelihood the sum of the emission shifts m_t
     * @return {@code logLikelihood + Σ_t log c_t}, or {@code -Infinity} if some c_t is 0
     */
    private double forward(double[] start, double[] b, int length, double logLikelihood) {
        final int s = states;
        final double[] alpha = alphaGamma;
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
            c = switch (steps) {
                case TWO -> forwardStepTwo(b, length, t);
                case THREE -> forwardStepThree(b, length, t);
                case FEW -> forwardStepFew(b, length, t);
                case BLOCKED -> forwardStep(b, length, t);
            };
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
        return logLikelihood + Math.log(scaleProduct);
    }

    /** The backward pass for few states: gamma_t over alpha^_t, and the expected transitions. */
    private void backwardFew(double[] b, int length) {
        final int s = states;
        // beta^_{T-1}(i) = 1; gamma_{T-1} = alpha^_{T-1}
        java.util.Arrays.fill(betaNext, 1.0);
        normaliseRow(alphaGamma, (length - 1) * s);
        java.util.Arrays.fill(xi, 0.0);
        if (steps == Steps.TWO) {
            for (int t = length - 2; t >= 0; t--) {
                backwardStepTwo(b, length, t);
            }
        } else if (steps == Steps.THREE) {
            for (int t = length - 2; t >= 0; t--) {
                backwardStepThree(b, length, t);
            }
        } else {
            for (int t = length - 2; t >= 0; t--) {
                backwardStepFew(b, length, t);
            }
        }
        for (int i = 0; i < s * s; i++) {
            xi[i] *= a[i];
        }
    }

    /** The blocked backward pass for many states: gamma_t over alpha^_t, and the expected transitions. */
    private void backward(double[] b, int length) {
        final int s = states;
        for (double[] row : xiRows) {
            java.util.Arrays.fill(row, 0.0);
        }
        pending = 0;
        java.util.Arrays.fill(betaNext, 1.0);
        normaliseRow(alphaGamma, (length - 1) * s);
        for (int t = length - 2; t >= 0; t--) {
            backwardStep(b, length, t);
        }
        flushTransitions();
        // xi(i, j) = a_ij Σ_t alpha^_t(i) w_t(j)
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < s; j++) {
                xi[i * s + j] = xiRows[i][j] * a[i * s + j];
            }
        }
    }

    // The recursions' steps are methods of their own: called once per step, HotSpot compiles them
    // within the first sequence, whereas a loop over a whole sequence would run in the slow
    // profiling tier for many E-steps before its compiled version is used.

    /**
     * alpha~_t(j) = (sum_i alpha^_{t-1}(i) a_ij) b~_t(j), then alpha^_t = alpha~_t / c_t.
     *
     * @return c_t = sum_j alpha~_t(j); not positive if o_t is impossible (alpha^_t is then garbage)
     */
    private double forwardStep(double[] b, int length, int t) {
        final int s = states;
        final double[] alpha = alphaGamma;
        final double[] acc = next;
        int previous = (t - 1) * s;
        int current = t * s;
        java.util.Arrays.fill(acc, 0.0);
        int i = 0;
        for (; i + 3 < s; i += 4) {
            add4(acc, alpha[previous + i], rows[i], alpha[previous + i + 1], rows[i + 1], alpha[previous + i + 2],
                    rows[i + 2], alpha[previous + i + 3], rows[i + 3], s);
        }
        for (; i < s; i++) {
            add(acc, alpha[previous + i], rows[i], s);
        }
        for (int j = 0; j < s; j++) {
            alpha[current + j] = acc[j] * b[j * length + t];
        }
        return normaliseRow(alpha, current);
    }

    /** {@link #forwardStep} for few states: the same sums, term by term in the same order. */
    private double forwardStepFew(double[] b, int length, int t) {
        final int s = states;
        final double[] alpha = alphaGamma;
        final double[] trans = a;
        int previous = (t - 1) * s;
        int current = t * s;
        double c = 0; // summed as it is formed: the same order as a pass over the row afterwards
        for (int j = 0; j < s; j++) {
            double sum = 0;
            for (int i = 0; i < s; i++) {
                sum += alpha[previous + i] * trans[i * s + j];
            }
            double v = sum * b[j * length + t];
            alpha[current + j] = v;
            c += v;
        }
        scaleRow(alpha, current, 1.0 / c);
        return c;
    }

    /**
     * {@link #forwardStepFew} for two states, written out: C2 keeps these few products in registers,
     * where the loops of the general form cost more in bounds and trip-count checks than the sums.
     * The same terms in the same order ({@code 0 + x} is {@code x} for the non-negative products), so the
     * same bits.
     */
    private double forwardStepTwo(double[] b, int length, int t) {
        final double[] alpha = alphaGamma;
        final double[] trans = a;
        int previous = 2 * t - 2;
        double alpha0 = alpha[previous];
        double alpha1 = alpha[previous + 1];
        double next0 = (alpha0 * trans[0] + alpha1 * trans[2]) * b[t];
        double next1 = (alpha0 * trans[1] + alpha1 * trans[3]) * b[length + t];
        double c = next0 + next1;
        double inverse = 1.0 / c;
        alpha[previous + 2] = next0 * inverse;
        alpha[previous + 3] = next1 * inverse;
        return c;
    }

    /** {@link #backwardStepFew} for two states, written out as {@link #forwardStepTwo} is. */
    private void backwardStepTwo(double[] b, int length, int t) {
        final double[] alpha = alphaGamma;
        final double[] trans = a;
        final double[] beta = betaNext;
        final double[] sums = xi;
        double inverseNext = 1.0 / scale[t + 1];
        double w0 = b[t + 1] * beta[0] * inverseNext;
        double w1 = b[length + t + 1] * beta[1] * inverseNext;
        int current = 2 * t;
        double alpha0 = alpha[current];
        double alpha1 = alpha[current + 1];
        double beta0 = w0 * trans[0] + w1 * trans[1];
        double beta1 = w0 * trans[2] + w1 * trans[3];
        sums[0] += alpha0 * w0;
        sums[1] += alpha0 * w1;
        sums[2] += alpha1 * w0;
        sums[3] += alpha1 * w1;
        beta[0] = beta0;
        beta[1] = beta1;
        double gamma0 = alpha0 * beta0; // gamma_t(i), unnormalised
        double gamma1 = alpha1 * beta1;
        double inverse = 1.0 / (gamma0 + gamma1);
        alpha[current] = gamma0 * inverse;
        alpha[current + 1] = gamma1 * inverse;
    }

    /** {@link #forwardStepFew} for three states, written out as {@link #forwardStepTwo} is. */
    private double forwardStepThree(double[] b, int length, int t) {
        final double[] alpha = alphaGamma;
        final double[] trans = a;
        int previous = 3 * t - 3;
        double alpha0 = alpha[previous];
        double alpha1 = alpha[previous + 1];
        double alpha2 = alpha[previous + 2];
        double next0 = (alpha0 * trans[0] + alpha1 * trans[3] + alpha2 * trans[6]) * b[t];
        double next1 = (alpha0 * trans[1] + alpha1 * trans[4] + alpha2 * trans[7]) * b[length + t];
        double next2 = (alpha0 * trans[2] + alpha1 * trans[5] + alpha2 * trans[8]) * b[2 * length + t];
        double c = next0 + next1 + next2;
        double inverse = 1.0 / c;
        alpha[previous + 3] = next0 * inverse;
        alpha[previous + 4] = next1 * inverse;
        alpha[previous + 5] = next2 * inverse;
        return c;
    }

    /** {@link #backwardStepFew} for three states, written out as {@link #forwardStepTwo} is. */
    private void backwardStepThree(double[] b, int length, int t) {
        final double[] alpha = alphaGamma;
        final double[] trans = a;
        final double[] beta = betaNext;
        final double[] sums = xi;
        double inverseNext = 1.0 / scale[t + 1];
        double w0 = b[t + 1] * beta[0] * inverseNext;
        double w1 = b[length + t + 1] * beta[1] * inverseNext;
        double w2 = b[2 * length + t + 1] * beta[2] * inverseNext;
        int current = 3 * t;
        double alpha0 = alpha[current];
        double alpha1 = alpha[current + 1];
        double alpha2 = alpha[current + 2];
        double beta0 = w0 * trans[0] + w1 * trans[1] + w2 * trans[2];
        double beta1 = w0 * trans[3] + w1 * trans[4] + w2 * trans[5];
        double beta2 = w0 * trans[6] + w1 * trans[7] + w2 * trans[8];
        sums[0] += alpha0 * w0;
        sums[1] += alpha0 * w1;
        sums[2] += alpha0 * w2;
        sums[3] += alpha1 * w0;
        sums[4] += alpha1 * w1;
        sums[5] += alpha1 * w2;
        sums[6] += alpha2 * w0;
        sums[7] += alpha2 * w1;
        sums[8] += alpha2 * w2;
        beta[0] = beta0;
        beta[1] = beta1;
        beta[2] = beta2;
        double gamma0 = alpha0 * beta0; // gamma_t(i), unnormalised
        double gamma1 = alpha1 * beta1;
        double gamma2 = alpha2 * beta2;
        double inverse = 1.0 / (gamma0 + gamma1 + gamma2);
        alpha[current] = gamma0 * inverse;
        alpha[current + 1] = gamma1 * inverse;
        alpha[current + 2] = gamma2 * inverse;
    }

    /**
     * {@link #backwardStep} for few states, adding alpha^_t(i) w_j straight to {@code xi}, which holds
     * the unscaled sums until {@link #run} multiplies them by a_ij.
     */
    private void backwardStepFew(double[] b, int length, int t) {
        final int s = states;
        final double[] alpha = alphaGamma;
        final double[] trans = a;
        final double[] w = weighted;
        final double[] beta = betaNext;
        final double[] sums = xi;
        double inverseNext = 1.0 / scale[t + 1];
        for (int j = 0; j < s; j++) {
            w[j] = b[j * length + t + 1] * beta[j] * inverseNext;
        }
        int current = t * s;
        double total = 0;
        for (int i = 0; i < s; i++) {
            double alphaI = alpha[current + i];
            double betaI = 0;
            for (int j = 0; j < s; j++) {
                betaI += w[j] * trans[i * s + j];
                sums[i * s + j] += alphaI * w[j];
            }
            // beta^_t(i) replaces beta^_{t+1}(i): w already holds what step t needs of the latter
            beta[i] = betaI;
            double gamma = alphaI * betaI; // gamma_t(i), unnormalised
            alpha[current + i] = gamma;
            total += gamma;
        }
        scaleRow(alpha, current, 1.0 / total);
    }

    /**
     * From beta^_{t+1} in betaNext: beta^_t(i) = sum_j a_ij w_j with w_j = b~_{t+1}(j) beta^_{t+1}(j)
     * / c_{t+1}; adds alpha^_t(i) w_j to the unscaled xi(i, j); turns alpha^_t into gamma_t; moves
     * beta^_t into betaNext.
     */
    private void backwardStep(double[] b, int length, int t) {
        final int s = states;
        final double[] alpha = alphaGamma;
        final double[] w = weighted;
        final double[] beta = betaCurrent;
        double inverseNext = 1.0 / scale[t + 1];
        for (int j = 0; j < s; j++) {
            w[j] = b[j * length + t + 1] * betaNext[j] * inverseNext;
        }
        java.util.Arrays.fill(beta, 0.0);
        int j = 0;
        for (; j + 3 < s; j += 4) {
            add4(beta, w[j], columns[j], w[j + 1], columns[j + 1], w[j + 2], columns[j + 2], w[j + 3], columns[j + 3],
                    s);
        }
        for (; j < s; j++) {
            add(beta, w[j], columns[j], s);
        }
        int current = t * s;
        if (pending == 4) {
            flushTransitions();
        }
        System.arraycopy(alpha, current, pendingAlpha[pending], 0, s);
        System.arraycopy(w, 0, pendingWeights[pending], 0, s);
        pending++;
        for (int i = 0; i < s; i++) {
            // gamma_t(i) = alpha^_t(i) beta^_t(i)
            alpha[current + i] *= beta[i];
        }
        normaliseRow(alpha, current);
        System.arraycopy(beta, 0, betaNext, 0, s);
    }

    /** xiRows[i] += Σ_q pendingAlpha[q][i] · pendingWeights[q] over the pending steps. */
    private void flushTransitions() {
        final int s = states;
        final double[][] a = pendingAlpha;
        final double[][] w = pendingWeights;
        if (pending == 4) {
            for (int i = 0; i < s; i++) {
                add4(xiRows[i], a[0][i], w[0], a[1][i], w[1], a[2][i], w[2], a[3][i], w[3], s);
            }
        } else {
            for (int q = 0; q < pending; q++) {
                for (int i = 0; i < s; i++) {
                    add(xiRows[i], a[q][i], w[q], s);
                }
            }
        }
        pending = 0;
    }

    /** z[j] += w·x[j] (a product and a sum, no fused multiply-add: the plain sum's bits). */
    private static void add(double[] z, double w, double[] x, int n) {
        for (int j = 0; j < n; j++) {
            z[j] += w * x[j];
        }
    }

    /** z[j] = (((z[j] + w0·x0[j]) + w1·x1[j]) + w2·x2[j]) + w3·x3[j]: four sequential terms per pass. */
    private static void add4(double[] z, double w0, double[] x0, double w1, double[] x1, double w2, double[] x2,
            double w3, double[] x3, int n) {
        for (int j = 0; j < n; j++) {
            z[j] = z[j] + w0 * x0[j] + w1 * x1[j] + w2 * x2[j] + w3 * x3[j];
        }
    }

    /** Divides the S values at offset by their sum (added in order), which it returns. */
    private double normaliseRow(double[] a, int offset) {
        double sum = 0;
        for (int i = 0; i < states; i++) {
            sum += a[offset + i];
        }
        scaleRow(a, offset, 1.0 / sum);
        return sum;
    }

    /** Multiplies the S values at offset by {@code inverse}. */
    private void scaleRow(double[] a, int offset, double inverse) {
        for (int i = 0; i < states; i++) {
            a[offset + i] *= inverse;
        }
    }
}
