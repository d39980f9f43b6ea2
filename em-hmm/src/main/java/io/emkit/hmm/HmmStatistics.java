package io.emkit.hmm;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.ScalableStatistics;

/**
 * Expected sufficient statistics of a set of sequences under given HMM parameters (one E-step of
 * Baum-Welch): weighted first-step posteriors, expected transition counts {@code sum_t xi_t(i, j)},
 * the emission family's statistics, the log-likelihood and the weights.
 *
 * <p>Mutable accumulator owned by the driver; {@link #merge} adds another chunk in place. Not
 * thread-safe.
 */
public final class HmmStatistics implements ScalableStatistics<HmmStatistics>, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    final int states;
    final double[] start;        // sum_r w_r gamma^r_0(i)
    final double[] transitions;  // sum_r w_r sum_t xi^r_t(i, j), row-major S x S
    final EmissionStatistics emission;
    double logLikelihood;        // sum_r w_r log P(O_r)
    double stepWeight;           // sum_r w_r T_r
    double sequenceWeight;       // sum_r w_r over sequences that contributed statistics

    HmmStatistics(int states, EmissionStatistics emission) {
        this.states = states;
        this.start = new double[states];
        this.transitions = new double[states * states];
        this.emission = emission;
    }

    @Override
    public HmmStatistics merge(HmmStatistics other) {
        checkArgument(other.states == states, "cannot merge statistics of %s states into %s", other.states, states);
        for (int i = 0; i < states; i++) {
            start[i] += other.start[i];
        }
        for (int i = 0; i < transitions.length; i++) {
            transitions[i] += other.transitions[i];
        }
        emission.merge(other.emission);
        logLikelihood += other.logLikelihood;
        stepWeight += other.stepWeight;
        sequenceWeight += other.sequenceWeight;
        return this;
    }

    /**
     * Multiplies every weight by {@code factor} (online EM): start and transition counts, the
     * emission statistics, the log-likelihood and the step and sequence weights.
     *
     * @param factor finite, {@code >= 0}
     * @return this, updated
     * @throws IllegalArgumentException if {@code factor} is negative or not finite
     * @throws UnsupportedOperationException if the emission statistics cannot scale
     */
    @Override
    public HmmStatistics scale(double factor) {
        checkArgument(factor >= 0 && factor < Double.POSITIVE_INFINITY, "factor (%s) must be finite and >= 0", factor);
        for (int i = 0; i < states; i++) {
            start[i] *= factor;
        }
        for (int i = 0; i < transitions.length; i++) {
            transitions[i] *= factor;
        }
        emission.scale(factor);
        logLikelihood *= factor;
        stepWeight *= factor;
        sequenceWeight *= factor;
        return this;
    }

    /**
     * A deep copy (online EM).
     *
     * @return statistics equal to these
     * @throws UnsupportedOperationException if the emission statistics cannot be copied
     */
    @Override
    public HmmStatistics copy() {
        HmmStatistics out = new HmmStatistics(states, emission.copy());
        System.arraycopy(start, 0, out.start, 0, states);
        System.arraycopy(transitions, 0, out.transitions, 0, transitions.length);
        out.logLikelihood = logLikelihood;
        out.stepWeight = stepWeight;
        out.sequenceWeight = sequenceWeight;
        return out;
    }

    /**
     * The total weighted log-likelihood {@code sum_r w_r log P(O_r)} (natural log).
     *
     * @return a finite value, or {@code -Infinity} if some sequence is impossible
     */
    @Override
    public double logLikelihood() {
        return logLikelihood;
    }

    /**
     * The weighted number of steps {@code sum_r w_r T_r}.
     *
     * @return a value {@code > 0}
     */
    @Override
    public double weight() {
        return stepWeight;
    }

    /**
     * The expected, weighted number of sequences starting in each state. Copied.
     *
     * @return {@code S} values
     */
    public double[] startCounts() {
        return start.clone();
    }

    /**
     * The expected, weighted transition counts, row-major {@code S x S}. Copied.
     *
     * @return {@code S * S} values
     */
    public double[] transitionCounts() {
        return transitions.clone();
    }

    /**
     * The emission family's statistics (live, not copied).
     *
     * @return the accumulator
     */
    public EmissionStatistics emissionStatistics() {
        return emission;
    }
}
