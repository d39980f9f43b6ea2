package io.emkit.core.family;

import io.emkit.core.Dataset;
import io.emkit.core.numeric.KMeans;
import java.io.Serializable;
import java.util.random.RandomGenerator;

/**
 * A parametric family of distributions as a weighted estimator over a set of {@code k} components:
 * the one place where a distribution's density, statistics and M-step are written. A mixture
 * ({@link io.emkit.core.mixture.Mixture}) and a hidden Markov model are structures over a family; a
 * mixture of a family is itself a family.
 *
 * <p>Observations are rows of {@code d} doubles (a categorical symbol is one integral double). The
 * component set {@code C} is an immutable, validated value holding all k components (so tied or
 * shared parts can be stored once). A family instance holds only configuration (a regulariser, frozen
 * parts) and is immutable, thread-safe and serialisable.
 *
 * <p>One E-step over a chunk: {@link #kernel} once, then for each block of at most
 * {@value #BLOCK_ROWS} observations {@link Kernel#logDensities}, the structure's own weights
 * (responsibilities, state posteriors), {@link Kernel#accumulate}; finally {@link Kernel#finish}.
 * The M-step: {@link #estimate} from the merged accumulator.
 *
 * @param <C> the immutable component-set type
 * @param <A> the accumulator type
 */
public interface Family<C, A extends Accumulator<A>> extends Serializable {

    /** The largest block of observations a {@link Kernel} is handed at once. */
    int BLOCK_ROWS = 64;

    /**
     * A short lower-case name ({@code "gaussian"}, {@code "poisson"}) for messages and files.
     *
     * @return the name
     */
    String name();

    /**
     * The number of components in a set.
     *
     * @param set a component set of this family
     * @return {@code k >= 1}
     */
    int components(C set);

    /**
     * The dimension of the observations a set describes.
     *
     * @param set a component set of this family
     * @return {@code d >= 1}
     */
    int dimension(C set);

    /**
     * Checks that observations are in the family's support (integral symbols, counts, 0/1 values).
     * Data are already known to be finite.
     *
     * @param x observations, row-major {@code n × d}. Not modified.
     * @param n the number of observations
     * @param d the dimension
     * @param where how the caller names the observations in messages (for example {@code "x"} or
     *     {@code "sequences[3]"}); an observation is named {@code where[firstIndex + i][a]}
     * @param firstIndex the index of observation 0 in the caller's numbering
     * @throws IllegalArgumentException naming the first observation outside the support
     */
    default void validate(double[] x, int n, int d, String where, long firstIndex) {}

    /**
     * A kernel for one chunk's E-step under {@code set}.
     *
     * @param set the current components. Not modified.
     * @return a new kernel, for one thread
     */
    Kernel<A> kernel(C set);

    /**
     * The M-step: new components from merged statistics. A component whose weight is too small to
     * estimate keeps its previous values and is reported with {@link Repairs#empty}; anything else
     * that needed repair (a ridge on a singular covariance) is reported with
     * {@link Repairs#warn}. Never returns NaN.
     *
     * @param total the merged statistics of all observations. May be modified.
     * @param previous the components the statistics were computed under
     * @param repairs the iteration number and the sinks for repairs
     * @return the new components
     */
    C estimate(A total, C previous, Repairs repairs);

    /**
     * k components that carry no fitted information, to accumulate a first set of statistics about
     * (for instance every component at the data's mean): what initialisation from labels or
     * responsibilities starts from.
     *
     * @param data the data (or a sample). Not modified.
     * @param k the number of components
     * @return a valid component set
     */
    C reference(Dataset data, int k);

    /**
     * The family's rule for a component that lost its weight: a replacement centred on a badly
     * explained observation. The default keeps the set unchanged.
     *
     * @param set the components after the M-step
     * @param component the component to replace
     * @param observation a worst-explained observation ({@code d} values). Not modified.
     * @param total the statistics of all observations (for the data's spread). Not modified.
     * @return the components with {@code component} replaced
     */
    default C reseed(C set, int component, double[] observation, A total) {
        return set;
    }

    /**
     * The number of free parameters of a set, as information criteria count them.
     *
     * @param set the components
     * @return the count
     */
    long parameterCount(C set);

    /**
     * Draws one observation from a component.
     *
     * @param set the components
     * @param component which component
     * @param random the random source
     * @param out receives the {@code d} values. Modified.
     * @param offset where in {@code out}
     */
    void sample(C set, int component, RandomGenerator random, double[] out, int offset);

    /**
     * Whether {@link #estimate} is regularised (ridges, floors, pseudo-counts), so EM on it may lower
     * the likelihood slightly and legitimately.
     *
     * @return {@code false} by default
     */
    default boolean isRegularised() {
        return false;
    }

    /**
     * Starting components for k states or clusters: by default k-means++ and Lloyd's iterations on
     * the observations ({@link KMeans}), then one M-step from the hard labels.
     *
     * @param data the observations (or a sample), {@code n >= 1}. Not modified.
     * @param k the number of components
     * @param random the only source of randomness
     * @return the components
     */
    default C initialize(Dataset data, int k, RandomGenerator random) {
        int[] labels = KMeans.labels(data, k, KMeans.DEFAULT_ITERATIONS, random);
        return Families.fromLabels(this, data, labels, k);
    }
}
