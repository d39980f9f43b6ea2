package io.emkit.examples.usermodel;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.primitives.ImmutableDoubleArray;
import io.emkit.core.Dataset;
import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.FitWarning;
import io.emkit.core.IterationContext;
import io.emkit.core.LatentModel;
import io.emkit.core.SufficientStatistics;
import io.emkit.core.numeric.LogSumExp;
import io.emkit.core.numeric.Matrix;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A mixture of multivariate Bernoulli distributions, written against em-core alone: the worked
 * example of "add your own model" in the README.
 *
 * <p>Each sample is a vector of {@code d} bits; component {@code k} switches bit {@code j} on with
 * probability {@code μ_kj}: {@code p(x) = Σ_k w_k Π_j μ_kj^{x_j} (1 - μ_kj)^{1 - x_j}} (Bishop,
 * <i>Pattern Recognition and Machine Learning</i>, §9.3.3). The M-step adds {@code α} pseudo-counts
 * to each bit (a symmetric Beta(1+α, 1+α) prior), so no probability reaches exactly 0 or 1 and no
 * log of zero appears; with {@code α = 0} it is the exact maximum-likelihood step.
 *
 * <p>Everything a model needs is here: {@link Parameters} (immutable), {@link Statistics}
 * (mergeable expected counts), and the four methods of {@link LatentModel}. The driver
 * ({@link Em}) supplies the loop, threads, restarts and convergence.
 */
public final class BernoulliMixture
        implements LatentModel<Dataset, BernoulliMixture.Parameters, BernoulliMixture.Statistics> {

    /** Rows per E-step chunk: depends only on the data, so results never depend on threads. */
    private static final int ROWS_PER_CHUNK = 512;

    private final int components;
    private final double pseudoCount;

    /**
     * A model with {@code components} components and {@code pseudoCount} pseudo-counts per bit.
     *
     * @param components number of components, {@code >= 1}
     * @param pseudoCount {@code α >= 0}; 0 gives exact maximum likelihood
     * @throws IllegalArgumentException if an argument is out of range
     */
    public BernoulliMixture(int components, double pseudoCount) {
        checkArgument(components >= 1, "components (%s) must be >= 1", components);
        checkArgument(pseudoCount >= 0 && pseudoCount < Double.POSITIVE_INFINITY,
                "pseudoCount (%s) must be finite and >= 0", pseudoCount);
        this.components = components;
        this.pseudoCount = pseudoCount;
    }

    /**
     * Fits the mixture to binary data.
     *
     * @param data {@code n × d} data of 0s and 1s, {@code n >= components}
     * @param options driver options (tolerance, restarts, seed, threads)
     * @return the best run's parameters and history
     * @throws IllegalArgumentException if a value is not 0 or 1, or there are fewer rows than components
     */
    public EmResult<Parameters> fit(Dataset data, EmOptions options) {
        checkBinary(data);
        checkArgument(components <= data.size(), "components (%s) must be <= n (%s)", components, data.size());
        return Em.fit(this, data, options);
    }

    /**
     * Immutable parameters: mixing weights and per-component bit probabilities.
     *
     * @param weights length {@code k}, non-negative, summing to 1
     * @param means {@code k × d}, each in {@code [0, 1]}: {@code means(k, j) = P(x_j = 1 | k)}
     */
    public record Parameters(ImmutableDoubleArray weights, Matrix means) {
        /**
         * Validates the parameters.
         *
         * @param weights length {@code k}, non-negative, summing to 1
         * @param means {@code k × d}, each in {@code [0, 1]}: {@code means(k, j) = P(x_j = 1 | k)}
         * @throws IllegalArgumentException if the shapes disagree, a weight or probability is out of
         *     range, or the weights do not sum to 1 within 1e-9
         */
        public Parameters {
            Objects.requireNonNull(weights, "weights");
            Objects.requireNonNull(means, "means");
            checkArgument(weights.length() == means.rows(),
                    "%s weights but %s rows of means", weights.length(), means.rows());
            double sum = 0;
            for (int k = 0; k < weights.length(); k++) {
                double w = weights.get(k);
                checkArgument(w >= 0 && w <= 1, "weights[%s] (%s) must be in [0, 1]", (Integer) k, (Double) w);
                sum += w;
                for (int j = 0; j < means.columns(); j++) {
                    double p = means.get(k, j);
                    checkArgument(p >= 0 && p <= 1, "means[%s][%s] (%s) must be in [0, 1]", k, j, p);
                }
            }
            checkArgument(Math.abs(sum - 1) <= 1e-9, "weights sum to %s, not 1", sum);
        }

        /**
         * Number of components.
         *
         * @return {@code k}
         */
        public int components() {
            return weights.length();
        }
    }

    /**
     * Expected counts of one chunk: {@code N_k = Σ_i r_ik} and {@code Σ_i r_ik x_i}, with the chunk's
     * log-likelihood. Sums of non-negative terms, so plain addition merges them stably.
     */
    public static final class Statistics implements SufficientStatistics<Statistics> {
        private final double[] counts;      // N_k, length k
        private final double[] onCounts;    // Σ_i r_ik x_ij, k × d row-major
        private double logLikelihood;
        private double weight;

        Statistics(int k, int d) {
            counts = new double[k];
            onCounts = new double[k * d];
        }

        @Override
        public Statistics merge(Statistics other) {
            for (int k = 0; k < counts.length; k++) {
                counts[k] += other.counts[k];
            }
            for (int i = 0; i < onCounts.length; i++) {
                onCounts[i] += other.onCounts[i];
            }
            logLikelihood += other.logLikelihood;
            weight += other.weight;
            return this;
        }

        @Override
        public double logLikelihood() {
            return logLikelihood;
        }

        @Override
        public double weight() {
            return weight;
        }
    }

    /** E-step: {@code r_ik ∝ w_k p(x_i | k)}, computed in log space. */
    @Override
    public Statistics expect(Parameters params, Dataset chunk) {
        int k = params.components();
        int d = chunk.dimension();
        // log p(x | k) = Σ_j [x_j log μ_kj + (1 - x_j) log(1 - μ_kj)]; tables of both logs, so that
        // a probability of exactly 0 or 1 (possible when α = 0) gives -∞ for impossible bits, not NaN.
        double[] logOn = new double[k * d];
        double[] logOff = new double[k * d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                double p = params.means().get(c, j);
                logOn[c * d + j] = Math.log(p);
                logOff[c * d + j] = Math.log1p(-p);
            }
        }
        Statistics stats = new Statistics(k, d);
        double[] row = new double[d];
        double[] logJoint = new double[k];
        for (int i = 0; i < chunk.size(); i++) {
            chunk.copyRows(i, i + 1, row, 0);
            for (int c = 0; c < k; c++) {
                double sum = Math.log(params.weights().get(c));
                for (int j = 0; j < d; j++) {
                    sum += row[j] != 0 ? logOn[c * d + j] : logOff[c * d + j];
                }
                logJoint[c] = sum;
            }
            double logDensity = LogSumExp.of(logJoint);
            double w = chunk.weight(i);
            for (int c = 0; c < k; c++) {
                double r = w * Math.exp(logJoint[c] - logDensity);
                stats.counts[c] += r;
                for (int j = 0; j < d; j++) {
                    stats.onCounts[c * d + j] += r * row[j];
                }
            }
            stats.logLikelihood += w * logDensity;
            stats.weight += w;
        }
        return stats;
    }

    /** M-step: {@code w_k = N_k / n}, {@code μ_kj = (Σ r_ik x_ij + α) / (N_k + 2α)}. */
    @Override
    public Parameters maximize(Statistics total, Parameters previous, IterationContext context) {
        int k = previous.components();
        int d = previous.means().columns();
        double[] weights = new double[k];
        double[] means = new double[k * d];
        for (int c = 0; c < k; c++) {
            weights[c] = total.counts[c] / total.weight;
            double denominator = total.counts[c] + 2 * pseudoCount;
            for (int j = 0; j < d; j++) {
                means[c * d + j] = denominator > 0
                        ? (total.onCounts[c * d + j] + pseudoCount) / denominator
                        : previous.means().get(c, j); // an empty component keeps its probabilities
            }
            if (denominator <= 0) {
                context.warn(new FitWarning.ModelWarning(context.iteration(), "component " + c + " is empty"));
            }
        }
        return new Parameters(ImmutableDoubleArray.copyOf(weights), Matrix.ofRowMajor(k, d, means));
    }

    /** Starts from {@code k} distinct random samples, pulled half-way towards 1/2: bits 0.25 or 0.75. */
    @Override
    public Parameters initialize(Dataset data, RandomGenerator random) {
        int d = data.dimension();
        int[] chosen = random.ints(0, data.size()).distinct().limit(components).toArray();
        double[] means = new double[components * d];
        for (int c = 0; c < components; c++) {
            for (int j = 0; j < d; j++) {
                means[c * d + j] = 0.25 + 0.5 * data.get(chosen[c], j);
            }
        }
        double[] weights = new double[components];
        java.util.Arrays.fill(weights, 1.0 / components);
        return new Parameters(ImmutableDoubleArray.copyOf(weights), Matrix.ofRowMajor(components, d, means));
    }

    /** Exact maximum likelihood only without pseudo-counts. */
    @Override
    public boolean guaranteesMonotoneLikelihood() {
        return pseudoCount == 0;
    }

    private static void checkBinary(Dataset data) {
        for (int i = 0; i < data.size(); i++) {
            for (int j = 0; j < data.dimension(); j++) {
                double v = data.get(i, j);
                if (v != 0 && v != 1) {
                    throw new IllegalArgumentException("x[" + i + "][" + j + "] is " + v + "; must be 0 or 1");
                }
            }
        }
    }
}
