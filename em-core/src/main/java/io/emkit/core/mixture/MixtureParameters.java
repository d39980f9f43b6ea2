package io.emkit.core.mixture;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.primitives.ImmutableDoubleArray;
import com.google.common.primitives.ImmutableIntArray;
import io.emkit.core.Criteria;
import io.emkit.core.Dataset;
import io.emkit.core.family.Accumulator;
import io.emkit.core.family.Families;
import io.emkit.core.family.Family;
import io.emkit.core.numeric.Matrix;
import java.io.Serializable;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Immutable parameters of a finite mixture {@code p(x) = Σ_j w_j f_j(x)} over a family, and the
 * questions they answer: log densities, responsibilities, labels, information criteria, samples.
 *
 * <p>Construction validates the weights ({@code >= 0}, summing to 1 within
 * {@value #WEIGHT_SUM_TOLERANCE}) and that they match the component set's k. The components are the
 * family's own validated value. Instances are thread-safe and serialisable.
 *
 * @param <C> the family's component-set type
 */
public final class MixtureParameters<C> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Absolute tolerance on {@code Σ w_j = 1}. */
    public static final double WEIGHT_SUM_TOLERANCE = 1e-8;

    private final Family<C, ?> family;
    private final double[] weights;
    private final double[] logWeights;
    private final C components;

    private MixtureParameters(Family<C, ?> family, double[] weights, C components) {
        this.family = family;
        this.weights = weights;
        this.components = components;
        this.logWeights = new double[weights.length];
        for (int j = 0; j < weights.length; j++) {
            logWeights[j] = Math.log(weights[j]);
        }
    }

    /**
     * Mixture parameters from weights and a component set.
     *
     * @param family the components' family. Not null.
     * @param weights k mixing weights in {@code [0, 1]} summing to 1. Not modified.
     * @param components the k components. Not null.
     * @param <C> component-set type
     * @return the parameters
     * @throws IllegalArgumentException if a weight is out of range, the weights do not sum to 1, or
     *     their number differs from the set's k
     */
    public static <C> MixtureParameters<C> of(Family<C, ?> family, double[] weights, C components) {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(components, "components");
        Objects.requireNonNull(weights, "weights");
        int k = family.components(components);
        checkArgument(weights.length == k, "weights has length %s but there are %s components", weights.length, k);
        double sum = 0;
        for (int j = 0; j < k; j++) {
            double w = weights[j];
            checkArgument(w >= 0 && w <= 1, "weights[%s] is %s; must be in [0, 1]", (Object) j, w);
            sum += w;
        }
        checkArgument(Math.abs(sum - 1) <= WEIGHT_SUM_TOLERANCE, "weights sum to %s; must sum to 1 (within %s)", sum,
                WEIGHT_SUM_TOLERANCE);
        return new MixtureParameters<>(family, weights.clone(), components);
    }

    /** Trusted: the weights array is owned and already valid. */
    static <C> MixtureParameters<C> wrap(Family<C, ?> family, double[] weights, C components) {
        return new MixtureParameters<>(family, weights, components);
    }

    /**
     * The family of the components.
     *
     * @return the family
     */
    public Family<C, ?> family() {
        return family;
    }

    /**
     * The number of components k.
     *
     * @return {@code k >= 1}
     */
    public int k() {
        return weights.length;
    }

    /**
     * The observations' dimension d.
     *
     * @return {@code d >= 1}
     */
    public int dimension() {
        return family.dimension(components);
    }

    /**
     * The mixing weights.
     *
     * @return an immutable array of length k
     */
    public ImmutableDoubleArray weights() {
        return ImmutableDoubleArray.copyOf(weights);
    }

    /** The weights array itself, for kernels in this package: not to be modified. */
    double[] rawWeights() {
        return weights;
    }

    /** {@code log w_j}; not to be modified. */
    double[] rawLogWeights() {
        return logWeights;
    }

    /**
     * The components.
     *
     * @return the family's immutable component set
     */
    public C components() {
        return components;
    }

    /**
     * These parameters with other weights.
     *
     * @param newWeights k weights summing to 1. Not modified.
     * @return new parameters sharing the components
     * @throws IllegalArgumentException as for {@link #of}
     */
    public MixtureParameters<C> withWeights(double[] newWeights) {
        return of(family, newWeights, components);
    }

    /**
     * The number of free parameters: {@code (k - 1) + family.parameterCount(components)}.
     *
     * @return the count used by {@link #bic}, {@link #aic} and {@link #icl}
     */
    public long parameterCount() {
        return (k() - 1) + family.parameterCount(components);
    }

    /**
     * {@code log w_j + log f_j(x_i)} for every row and component.
     *
     * @param data rows of dimension d (weights ignored). Not modified.
     * @return a new row-major {@code n × k} array
     * @throws IllegalArgumentException if the dimension differs
     */
    public double[] jointLogDensities(Dataset data) {
        checkDimension(data);
        double[] out = logDensitiesOf(family, components, data);
        int k = k();
        for (int i = 0; i < out.length; i++) {
            out[i] += logWeights[i % k];
        }
        return out;
    }

    private static <C, A extends Accumulator<A>> double[] logDensitiesOf(Family<C, A> family, C set, Dataset data) {
        return Families.logDensities(family, set, data);
    }

    /**
     * {@code log p(x_i)} for every row, natural log.
     *
     * @param data rows of dimension d (weights ignored). Not modified.
     * @return a new array of length n
     * @throws IllegalArgumentException if the dimension differs
     */
    public double[] logDensities(Dataset data) {
        double[] joint = jointLogDensities(data);
        int k = k();
        double[] out = new double[data.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = MixtureKernels.logSumExp(joint, i * k, k);
        }
        return out;
    }

    /**
     * Total (sample-weighted) log-likelihood {@code Σ_i v_i log p(x_i)}.
     *
     * @param data rows of dimension d, with optional sample weights. Not modified.
     * @return the natural-log total ({@code -∞} if some weighted row has zero density)
     */
    public double logLikelihood(Dataset data) {
        double[] ld = logDensities(data);
        double total = 0;
        for (int i = 0; i < ld.length; i++) {
            double v = data.weight(i);
            if (v != 0) {
                total += v * ld[i];
            }
        }
        return total;
    }

    /**
     * The mean log-likelihood per unit of sample weight (scikit-learn's {@code score}).
     *
     * @param data rows of dimension d. Not modified.
     * @return {@code logLikelihood(data) / data.totalWeight()}
     */
    public double score(Dataset data) {
        return logLikelihood(data) / data.totalWeight();
    }

    /**
     * Posterior component probabilities {@code r_ij = w_j f_j(x_i) / p(x_i)}; a row with zero density
     * under every component gets {@code 1/k} each.
     *
     * @param data rows of dimension d. Not modified.
     * @return a new {@code n × k} matrix whose rows sum to 1
     */
    public Matrix responsibilities(Dataset data) {
        double[] joint = jointLogDensities(data);
        int k = k();
        for (int i = 0; i < data.size(); i++) {
            double lse = MixtureKernels.logSumExp(joint, i * k, k);
            for (int j = 0; j < k; j++) {
                int ij = i * k + j;
                joint[ij] = lse == Double.NEGATIVE_INFINITY ? 1.0 / k : Math.exp(joint[ij] - lse);
            }
        }
        return Matrix.ofRowMajor(data.size(), k, joint);
    }

    /**
     * Hard labels: the component of largest responsibility per row (lowest index on ties).
     *
     * @param data rows of dimension d. Not modified.
     * @return a new array of n labels in {@code [0, k)}
     */
    public int[] labels(Dataset data) {
        double[] joint = jointLogDensities(data);
        int k = k();
        int[] out = new int[data.size()];
        for (int i = 0; i < out.length; i++) {
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (joint[i * k + j] > joint[i * k + best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /**
     * Bayesian information criterion {@code -2 lnL + p ln n}, n the total sample weight. <b>Lower is
     * better</b> (mclust reports {@code 2 lnL - p ln n}, higher is better: the same number negated).
     *
     * @param data rows of dimension d. Not modified.
     * @return the criterion
     */
    public double bic(Dataset data) {
        return Criteria.bic(logLikelihood(data), parameterCount(), data.totalWeight());
    }

    /**
     * Akaike information criterion {@code -2 lnL + 2p}. Lower is better.
     *
     * @param data rows of dimension d. Not modified.
     * @return the criterion
     */
    public double aic(Dataset data) {
        return Criteria.aic(logLikelihood(data), parameterCount());
    }

    /**
     * Integrated completed likelihood {@code BIC + 2E}, with the classification entropy
     * {@code E = -Σ_i v_i Σ_j r_ij ln r_ij}. Lower is better.
     *
     * @param data rows of dimension d. Not modified.
     * @return the criterion
     */
    public double icl(Dataset data) {
        Matrix r = responsibilities(data);
        double entropy = 0;
        for (int i = 0; i < data.size(); i++) {
            double v = data.weight(i);
            for (int j = 0; j < k(); j++) {
                double p = r.get(i, j);
                if (p > 0) {
                    entropy -= v * p * Math.log(p);
                }
            }
        }
        return bic(data) + 2 * entropy;
    }

    /**
     * Points drawn from the mixture with their component labels.
     *
     * @param points {@code n × d} sampled points
     * @param labels the component each point was drawn from
     */
    public record Sample(Matrix points, ImmutableIntArray labels) {
        /**
         * @param points {@code n × d} sampled points
         * @param labels the component each point was drawn from
         */
        public Sample {
            Objects.requireNonNull(points, "points");
            Objects.requireNonNull(labels, "labels");
        }
    }

    /**
     * Draws n points: a component j with probability w_j, then a draw from it.
     *
     * @param n number of points, {@code 1 <= n} and {@code n·d} within an array's size
     * @param random the random source. Not null.
     * @return the points and their labels
     * @throws IllegalArgumentException if {@code n < 1} or the sample would not fit in one array
     */
    public Sample sample(int n, RandomGenerator random) {
        checkArgument(n >= 1, "n (%s) must be >= 1", n);
        Objects.requireNonNull(random, "random");
        int d = dimension();
        long size = (long) n * d;
        checkArgument(size <= Integer.MAX_VALUE - 8, "n x d = %s x %s values (%s bytes) exceed one array; sample in batches",
                n, d, 8 * size);
        double[] values = new double[(int) size];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int j = MixtureKernels.draw(weights, random);
            labels[i] = j;
            family.sample(components, j, random, values, i * d);
        }
        return new Sample(Matrix.ofRowMajor(n, d, values), ImmutableIntArray.copyOf(labels));
    }

    /** Rows per block of {@link #sample(long, RandomGenerator, SampleConsumer)}. */
    public static final int SAMPLE_BLOCK = 4096;

    /** Receives sampled points block by block (see {@link #sample(long, RandomGenerator, SampleConsumer)}). */
    @FunctionalInterface
    public interface SampleConsumer {
        /**
         * One block of points.
         *
         * @param points {@code count × d} row-major points; reused for the next block, so copy what you keep
         * @param labels the component of each point; reused likewise
         * @param count the number of points in this block, {@code 1..SAMPLE_BLOCK}
         */
        void accept(double[] points, int[] labels, int count);
    }

    /**
     * Draws n points block by block, holding one block of {@value #SAMPLE_BLOCK} rows at a time, so that
     * any number of points can be written as they are drawn. The draws are those of
     * {@link #sample(int, RandomGenerator)}: with the same random source the points are the same.
     *
     * @param n number of points, {@code >= 1}
     * @param random the random source. Not null.
     * @param blocks called with each block in order, on the calling thread
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public void sample(long n, RandomGenerator random, SampleConsumer blocks) {
        checkArgument(n >= 1, "n (%s) must be >= 1", n);
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(blocks, "blocks");
        int d = dimension();
        double[] values = new double[Math.multiplyExact((int) Math.min(n, SAMPLE_BLOCK), d)];
        int[] labels = new int[(int) Math.min(n, SAMPLE_BLOCK)];
        for (long from = 0; from < n; from += SAMPLE_BLOCK) {
            int size = (int) Math.min(SAMPLE_BLOCK, n - from);
            for (int i = 0; i < size; i++) {
                int j = MixtureKernels.draw(weights, random);
                labels[i] = j;
                family.sample(components, j, random, values, i * d);
            }
            blocks.accept(values, labels, size);
        }
    }

    /**
     * Throws unless the data have this mixture's dimension.
     *
     * @param data the data
     * @throws IllegalArgumentException on a dimension mismatch
     */
    public void checkDimension(Dataset data) {
        Objects.requireNonNull(data, "data");
        checkArgument(data.dimension() == dimension(), "dimension mismatch: data have d = %s but the mixture has d = %s",
                data.dimension(), dimension());
    }

    @Override
    public String toString() {
        return "MixtureParameters[" + family.name() + ", k=" + k() + ", d=" + dimension() + ", weights="
                + java.util.Arrays.toString(weights) + "]";
    }
}
