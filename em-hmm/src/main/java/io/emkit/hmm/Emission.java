package io.emkit.hmm;

import java.util.random.RandomGenerator;

/**
 * The emission distributions of a hidden Markov model, one per state: an immutable parameter value.
 *
 * <p>Built-in families are {@link CategoricalEmission} and {@link GaussianEmission}. A new family
 * implements {@link Extension} (the values) together with an {@link EmissionFamily} (its weighted
 * estimator), and then runs on {@link BaumWelch} unchanged ("distributions are weighted
 * estimators", DESIGN.md).
 *
 * <p>Implementations must be immutable and thread-safe: the E-step calls them from several threads.
 */
public sealed interface Emission permits CategoricalEmission, GaussianEmission, Emission.Extension {

    /**
     * The number of states.
     *
     * @return {@code S >= 1}
     */
    int states();

    /**
     * The number of free parameters of these distributions, for BIC/AIC.
     *
     * @return a count {@code >= 0}
     */
    int parameterCount();

    /**
     * Checks that the data can be scored: kind, dimension, symbol range.
     *
     * @param data the sequences. Not modified.
     * @throws IllegalArgumentException naming what does not match
     */
    void checkCompatible(Sequences data);

    /**
     * Batch log-densities over one sequence, state-major: {@code out[s * T + t] = log b_s(o_t)}
     * (natural log) with {@code T = data.length(sequence)}. May be {@code -Infinity}; never NaN for
     * compatible data. Must not allocate per step.
     *
     * @param data the sequences, already checked by {@link #checkCompatible}. Not modified.
     * @param sequence index of the sequence within {@code data}
     * @param out caller-owned buffer of length {@code >= S * T}. Modified: entries
     *     {@code [0, S * T)} are overwritten.
     */
    void logDensities(Sequences data, int sequence, double[] out);

    /**
     * Densities over one sequence rescaled per step, as the scaled forward-backward consumes them:
     * {@code out[s * T + t] = b_s(o_t) · exp(-m_t)} for a shift {@code m_t} chosen per step so that
     * the values neither underflow nor overflow. The default uses {@link #logDensities} with
     * {@code m_t = max_s log b_s(o_t)} (one {@code exp} per state and step); a family whose densities
     * are plain probabilities can override it with {@code m_t = 0} and no transcendental calls.
     *
     * @param data the sequences, already checked by {@link #checkCompatible}. Not modified.
     * @param sequence index of the sequence within {@code data}
     * @param out caller-owned buffer of length {@code >= S * T}. Modified.
     * @return {@code Σ_t m_t} (natural log), or {@code -Infinity} when some step has zero density
     *     in every state
     */
    default double shiftedDensities(Sequences data, int sequence, double[] out) {
        logDensities(data, sequence, out);
        int states = states();
        int length = data.length(sequence);
        double totalShift = 0;
        for (int t = 0; t < length; t++) {
            double max = shiftStep(out, length, t, states);
            if (!(max > Double.NEGATIVE_INFINITY)) {
                return Double.NEGATIVE_INFINITY; // no state can emit o_t
            }
            totalShift += max;
        }
        return totalShift;
    }

    /**
     * Step t of {@link #shiftedDensities}, a method of its own so that HotSpot compiles it within the
     * first sequence: {@code out[i·length + t] = exp(out[i·length + t] - m_t)} unless every state's
     * log-density is -∞.
     *
     * @return {@code m_t}, the largest log-density at step t
     */
    private static double shiftStep(double[] out, int length, int t, int states) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < states; i++) {
            max = Math.max(max, out[i * length + t]);
        }
        if (max > Double.NEGATIVE_INFINITY) {
            for (int i = 0; i < states; i++) {
                out[i * length + t] = Math.exp(out[i * length + t] - max);
            }
        }
        return max;
    }

    /**
     * Draws one observation per step of a state path.
     *
     * @param states the state of each step, each in {@code [0, S)}; length {@code >= 1}
     * @param random the random source
     * @return one sequence of the same length as {@code states}
     */
    Sequences sample(int[] states, RandomGenerator random);

    /**
     * The extension point for emission families beyond the built-in ones: implement this together
     * with an {@link EmissionFamily}.
     */
    non-sealed interface Extension extends Emission {}
}
