package io.emkit.hmm;

import java.util.random.RandomGenerator;

/**
 * The emission distributions of an HMM's states, one component of a family per state: what
 * Baum-Welch needs from them (log densities of a sequence under every state, samples) and how large
 * they are. Every emission is a {@link FamilyEmission}: a {@link io.emkit.core.family.Family} and
 * its component set; {@link CategoricalEmission} and {@link GaussianEmission} add typed accessors.
 */
public interface Emission extends java.io.Serializable {

    /**
     * The number of states S.
     *
     * @return {@code S >= 1}
     */
    int states();

    /**
     * Free parameters of the emissions, for information criteria.
     *
     * @return the count
     */
    int parameterCount();

    /**
     * Throws unless {@code data} can be scored by these emissions.
     *
     * @param data the sequences
     * @throws IllegalArgumentException naming the mismatch (kind, dimension, a symbol out of range)
     */
    void checkCompatible(Sequences data);

    /**
     * Writes {@code out[s·T + t] = log b_s(o_t)} for sequence {@code sequence} of length T.
     *
     * @param data the sequences
     * @param sequence which one
     * @param out at least {@code S·T} values. Modified.
     */
    void logDensities(Sequences data, int sequence, double[] out);

    /**
     * Writes shifted densities {@code out[s·T + t] = b_s(o_t) / exp(m_t)} with
     * {@code m_t = max_s log b_s(o_t)}, and returns {@code Σ_t m_t}: densities scaled into range
     * for the scaled forward-backward recursions.
     *
     * @param data the sequences
     * @param sequence which one
     * @param out at least {@code S·T} values. Modified.
     * @return {@code Σ_t m_t}, or {@code -∞} if some step has zero density under every state
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
     * first sequence.
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
     * One observation per step of a state path.
     *
     * @param states the state path. Not modified.
     * @param random the random source
     * @return one sequence of {@code states.length} observations
     */
    Sequences sample(int[] states, RandomGenerator random);
}
