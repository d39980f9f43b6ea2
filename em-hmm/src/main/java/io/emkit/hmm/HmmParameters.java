package io.emkit.hmm;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.primitives.ImmutableDoubleArray;
import java.util.Objects;

/**
 * The parameters of a hidden Markov model with {@code S} states: start probabilities
 * {@code pi_i = P(state_0 = i)}, transitions {@code a_ij} and one emission distribution per state.
 * There is no end state: a sequence may end in any state.
 *
 * @param startProbabilities {@code S} probabilities summing to 1 (within
 *     {@value Stochastic#SUM_TOLERANCE})
 * @param transitions the {@code S x S} transition matrix
 * @param emission the emission distributions, for the same {@code S}
 */
public record HmmParameters(ImmutableDoubleArray startProbabilities, TransitionMatrix transitions,
        Emission emission) implements java.io.Serializable {

    /**
     * Validates the invariants.
     *
     * @param startProbabilities {@code S} probabilities summing to 1 (within
     *     {@value Stochastic#SUM_TOLERANCE})
     * @param transitions the {@code S x S} transition matrix
     * @param emission the emission distributions, for the same {@code S}
     * @throws IllegalArgumentException if the start probabilities are not a distribution (message
     *     names the index and value) or the state counts differ
     * @throws NullPointerException if a component is null
     */
    public HmmParameters {
        Objects.requireNonNull(startProbabilities, "startProbabilities");
        Objects.requireNonNull(transitions, "transitions");
        Objects.requireNonNull(emission, "emission");
        Stochastic.checkProbabilities("startProbabilities", startProbabilities.toArray(), 0,
                startProbabilities.length());
        checkArgument(startProbabilities.length() == transitions.states(),
                "startProbabilities has %s states but transitions has %s", startProbabilities.length(),
                transitions.states());
        checkArgument(emission.states() == transitions.states(),
                "emission has %s states but transitions has %s", emission.states(), transitions.states());
    }

    /**
     * Parameters from arrays. Copied.
     *
     * @param startProbabilities {@code S} probabilities summing to 1
     * @param transitions {@code S x S} stochastic rows
     * @param emission the emission for {@code S} states
     * @return the parameters
     * @throws IllegalArgumentException as for the canonical constructor and
     *     {@link TransitionMatrix#of}
     */
    public static HmmParameters of(double[] startProbabilities, double[][] transitions, Emission emission) {
        Objects.requireNonNull(startProbabilities, "startProbabilities");
        return new HmmParameters(ImmutableDoubleArray.copyOf(startProbabilities),
                TransitionMatrix.of(transitions), emission);
    }

    /**
     * The number of states.
     *
     * @return {@code S}
     */
    public int states() {
        return transitions.states();
    }
}
