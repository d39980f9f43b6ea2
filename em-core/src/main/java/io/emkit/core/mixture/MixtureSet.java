package io.emkit.core.mixture;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.family.Family;
import java.io.Serializable;
import java.util.Objects;

/**
 * An immutable set of S finite mixtures of one inner family, each of M inner components: the
 * component set of a {@link MixtureFamily}. Outer component ("state") s has the density
 * {@code g_s(x) = Σ_m w_sm f_{s·M+m}(x)}.
 *
 * <p>All {@code S·M} inner components live in ONE inner component set {@code C}, inner component
 * {@code (s, m)} at index {@code s·M + m}, so the inner family's kernels work on all of them at once
 * (and shared parts, such as a tied covariance, are shared by every inner component of every state).
 * The weights form an {@code S × M} matrix with entries in {@code [0, 1]} and rows summing to 1 within
 * {@value #WEIGHT_SUM_TOLERANCE}.
 *
 * <p>Instances are thread-safe, and serialisable when {@code C} is.
 *
 * @param <C> the inner family's component-set type
 */
public final class MixtureSet<C> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Absolute tolerance on {@code Σ_m w_sm = 1}. */
    public static final double WEIGHT_SUM_TOLERANCE = MixtureParameters.WEIGHT_SUM_TOLERANCE;

    /** S, the number of states. */
    private final int states;
    /** M, the inner components per state. */
    private final int perState;
    /** {@code w_sm}, {@code S × M} row-major. */
    private final double[] weights;
    /** {@code log w_sm}, {@code S × M} row-major. */
    private final double[] logWeights;
    /** The {@code S·M} inner components. */
    private final C inner;

    private MixtureSet(int states, int perState, double[] weights, C inner) {
        this.states = states;
        this.perState = perState;
        this.weights = weights;
        this.inner = inner;
        this.logWeights = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            logWeights[i] = Math.log(weights[i]);
        }
    }

    /**
     * A validated set from per-state weights and the inner components.
     *
     * @param innerFamily the inner components' family (to count them). Not null.
     * @param weights {@code S × M} weights, {@code S >= 1}, {@code M >= 1}, entries in {@code [0, 1]},
     *     each row summing to 1 within {@value #WEIGHT_SUM_TOLERANCE}. Not modified.
     * @param inner {@code S·M} inner components, component {@code (s, m)} at index {@code s·M + m}. Not null.
     * @param <C> the inner component-set type
     * @return the set
     * @throws IllegalArgumentException if the weights are empty or ragged, an entry is out of range, a
     *     row does not sum to 1 (the message names the state), or the inner set does not hold
     *     {@code S·M} components
     * @throws NullPointerException if an argument or a weights row is null
     */
    public static <C> MixtureSet<C> of(Family<C, ?> innerFamily, double[][] weights, C inner) {
        Objects.requireNonNull(innerFamily, "innerFamily");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(inner, "inner");
        int s = weights.length;
        checkArgument(s >= 1, "weights has no rows; need one row per state (S >= 1)");
        Objects.requireNonNull(weights[0], "weights[0]");
        int m = weights[0].length;
        checkArgument(m >= 1, "weights[0] is empty; each state needs M >= 1 weights");
        double[] flat = new double[Math.multiplyExact(s, m)];
        for (int state = 0; state < s; state++) {
            double[] row = weights[state];
            if (row == null) {
                throw new NullPointerException("weights[" + state + "]");
            }
            checkArgument(row.length == m, "weights is ragged: weights[%s] has %s entries but weights[0] has %s",
                    state, row.length, m);
            double sum = 0;
            for (int c = 0; c < m; c++) {
                double w = row[c];
                checkArgument(w >= 0 && w <= 1, "weights[%s][%s] is %s; must be in [0, 1]", state, c, w);
                flat[state * m + c] = w;
                sum += w;
            }
            checkArgument(Math.abs(sum - 1) <= WEIGHT_SUM_TOLERANCE,
                    "weights of state %s sum to %s; each state's weights must sum to 1 (within %s)", state, sum,
                    WEIGHT_SUM_TOLERANCE);
        }
        int k = innerFamily.components(inner);
        checkArgument(k == flat.length, "inner set has %s components but S x M = %s x %s = %s are needed", k, s, m,
                flat.length);
        return new MixtureSet<>(s, m, flat, inner);
    }

    /** Trusted: the flat weights are owned and valid, the inner set has S·M components. */
    static <C> MixtureSet<C> wrap(int states, int perState, double[] weights, C inner) {
        return new MixtureSet<>(states, perState, weights, inner);
    }

    /**
     * The number of outer components (states) S.
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
     * The weight of inner component m within state s.
     *
     * @param s the state, in {@code [0, S)}
     * @param m the inner component, in {@code [0, M)}
     * @return {@code w_sm} in {@code [0, 1]}
     * @throws IndexOutOfBoundsException if s or m is out of range
     */
    public double weight(int s, int m) {
        Objects.checkIndex(s, states);
        Objects.checkIndex(m, perState);
        return weights[s * perState + m];
    }

    /**
     * All weights.
     *
     * @return a new {@code S × M} array
     */
    public double[][] weights() {
        double[][] out = new double[states][perState];
        for (int s = 0; s < states; s++) {
            System.arraycopy(weights, s * perState, out[s], 0, perState);
        }
        return out;
    }

    /**
     * The inner components, all {@code S·M} of them in one set, component {@code (s, m)} at index
     * {@code s·M + m}.
     *
     * @return the inner family's immutable component set
     */
    public C inner() {
        return inner;
    }

    /** The flat {@code S × M} weights; not to be modified. */
    double[] rawWeights() {
        return weights;
    }

    /** {@code log w_sm}, flat; not to be modified. */
    double[] rawLogWeights() {
        return logWeights;
    }

    @Override
    public String toString() {
        return "MixtureSet[S=" + states + ", M=" + perState + ", inner=" + inner + "]";
    }
}
