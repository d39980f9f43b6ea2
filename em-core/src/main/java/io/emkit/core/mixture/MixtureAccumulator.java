package io.emkit.core.mixture;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.family.Accumulator;
import java.util.Objects;

/**
 * The statistics of a {@link MixtureFamily}: per inner component {@code (s, m)} the summed weights
 * {@code N_sm = Σ_i γ_s(i) ρ_sm(i)} (γ the structure's weights of state s, ρ the within-state
 * responsibilities), and the inner family's accumulator of all {@code S·M} inner components fed
 * with those same weights.
 *
 * <p>{@link #merge} adds the counts and merges the inner accumulators; {@link #scale} scales both;
 * nothing refers to the parameters the statistics were computed under. Serialisable when the inner
 * accumulator is (the {@link Accumulator} contract requires it).
 *
 * @param <A> the inner family's accumulator type
 */
public final class MixtureAccumulator<A extends Accumulator<A>> implements Accumulator<MixtureAccumulator<A>> {
    private static final long serialVersionUID = 1L;

    /** S, the number of states. */
    final int states;
    /** M, the inner components per state. */
    final int perState;
    /** {@code N_sm}, {@code S × M} row-major. */
    final double[] n;
    /** The inner accumulator of the {@code S·M} inner components. */
    final A inner;

    /** Owned arrays: {@code n} has {@code states·perState} entries, {@code inner} that many components. */
    MixtureAccumulator(int states, int perState, double[] n, A inner) {
        this.states = states;
        this.perState = perState;
        this.n = n;
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    /**
     * The number of states S.
     *
     * @return {@code S >= 1}
     */
    public int states() {
        return states;
    }

    /**
     * The number of inner components per state M.
     *
     * @return {@code M >= 1}
     */
    public int perState() {
        return perState;
    }

    /**
     * The summed weight of inner component m of state s.
     *
     * @param s the state, in {@code [0, S)}
     * @param m the inner component, in {@code [0, M)}
     * @return {@code N_sm >= 0}
     * @throws IndexOutOfBoundsException if s or m is out of range
     */
    public double weight(int s, int m) {
        Objects.checkIndex(s, states);
        Objects.checkIndex(m, perState);
        return n[s * perState + m];
    }

    /**
     * The summed weight of state s, {@code Σ_m N_sm}.
     *
     * @param s the state, in {@code [0, S)}
     * @return the state's weight
     * @throws IndexOutOfBoundsException if s is out of range
     */
    public double stateWeight(int s) {
        Objects.checkIndex(s, states);
        double sum = 0;
        for (int m = 0; m < perState; m++) {
            sum += n[s * perState + m];
        }
        return sum;
    }

    /**
     * The inner family's accumulator of all {@code S·M} inner components (component {@code (s, m)} at
     * index {@code s·M + m}).
     *
     * @return the accumulator held (not a copy)
     */
    public A inner() {
        return inner;
    }

    /**
     * Adds the statistics of disjoint observations: {@code N_sm += other.N_sm}, inner accumulators merged.
     *
     * @param other statistics of the same S and M. Not modified.
     * @return {@code this}, updated
     * @throws IllegalArgumentException if S or M differ (or the inner shapes differ)
     */
    @Override
    public MixtureAccumulator<A> merge(MixtureAccumulator<A> other) {
        Objects.requireNonNull(other, "other");
        checkArgument(other.states == states && other.perState == perState,
                "cannot merge mixture statistics of S = %s, M = %s into S = %s, M = %s", other.states, other.perState,
                states, perState);
        for (int i = 0; i < n.length; i++) {
            n[i] += other.n[i];
        }
        inner.merge(other.inner);
        return this;
    }

    /**
     * Multiplies every summarised weight by {@code factor}: the counts and the inner accumulator.
     *
     * @param factor a finite factor {@code >= 0}
     * @return {@code this}, updated
     * @throws IllegalArgumentException if {@code factor} is negative or not finite
     */
    @Override
    public MixtureAccumulator<A> scale(double factor) {
        checkArgument(factor >= 0 && factor < Double.POSITIVE_INFINITY, "factor (%s) must be finite and >= 0", factor);
        for (int i = 0; i < n.length; i++) {
            n[i] *= factor;
        }
        inner.scale(factor);
        return this;
    }

    /**
     * An empty accumulator of the same S, M and inner shape.
     *
     * @return a new accumulator summarising no observation
     */
    @Override
    public MixtureAccumulator<A> emptyCopy() {
        return new MixtureAccumulator<>(states, perState, new double[n.length], inner.emptyCopy());
    }

    @Override
    public String toString() {
        return "MixtureAccumulator[S=" + states + ", M=" + perState + "]";
    }
}
