package io.emkit.core;

import com.google.common.primitives.ImmutableDoubleArray;
import io.emkit.core.numeric.LogSumExp;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A mixture of Poisson distributions over one column of counts: the tiny model the driver's tests
 * run on. {@code p(x) = Σ_k w_k λ_k^x e^{-λ_k} / x!}; the M-step is closed form
 * ({@code w_k = N_k / n}, {@code λ_k = Σ r_ik x_i / N_k}).
 */
final class PoissonMixture implements LatentModel<Dataset, PoissonMixture.Parameters, PoissonMixture.Statistics> {

    /** Rows per chunk, small so that test data span several chunks. */
    static final int ROWS_PER_CHUNK = 16;

    record Parameters(ImmutableDoubleArray weights, ImmutableDoubleArray rates) {
        static Parameters of(double[] weights, double[] rates) {
            return new Parameters(ImmutableDoubleArray.copyOf(weights), ImmutableDoubleArray.copyOf(rates));
        }

        double[] vector() {
            return ImmutableDoubleArray.builder().addAll(weights).addAll(rates).build().toArray();
        }
    }

    static final class Statistics implements SufficientStatistics<Statistics> {
        final double[] responsibility;
        final double[] weightedSum;
        double logLikelihood;
        double weight;

        Statistics(int k) {
            responsibility = new double[k];
            weightedSum = new double[k];
        }

        @Override
        public Statistics merge(Statistics other) {
            for (int j = 0; j < responsibility.length; j++) {
                responsibility[j] += other.responsibility[j];
                weightedSum[j] += other.weightedSum[j];
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

    private final int components;

    PoissonMixture(int components) {
        this.components = components;
    }

    @Override
    public Statistics expect(Parameters params, Dataset chunk) {
        int k = components;
        Statistics stats = new Statistics(k);
        double[] logJoint = new double[k];
        for (int i = 0; i < chunk.size(); i++) {
            double x = chunk.get(i, 0);
            double logFactorial = logFactorial(x);
            for (int j = 0; j < k; j++) {
                double rate = params.rates().get(j);
                double xLogRate = x == 0 ? 0 : x * Math.log(rate); // 0 log 0 = 0 when a rate reaches 0
                logJoint[j] = Math.log(params.weights().get(j)) + xLogRate - rate - logFactorial;
            }
            double logDensity = LogSumExp.of(logJoint);
            double w = chunk.weight(i);
            for (int j = 0; j < k; j++) {
                double r = w * Math.exp(logJoint[j] - logDensity);
                stats.responsibility[j] += r;
                stats.weightedSum[j] += r * x;
            }
            stats.logLikelihood += w * logDensity;
            stats.weight += w;
        }
        return stats;
    }

    @Override
    public Parameters maximize(Statistics total, Parameters previous, IterationContext context) {
        double[] weights = new double[components];
        double[] rates = new double[components];
        for (int j = 0; j < components; j++) {
            weights[j] = total.responsibility[j] / total.weight;
            if (total.responsibility[j] > 0) {
                rates[j] = total.weightedSum[j] / total.responsibility[j];
            } else { // an empty component keeps its rate (and weight 0), so no 0/0 reaches the parameters
                rates[j] = previous.rates().get(j);
                context.warn(new FitWarning.ModelWarning(context.iteration(), "component " + j + " is empty"));
            }
        }
        return Parameters.of(weights, rates);
    }

    @Override
    public Parameters initialize(Dataset data, RandomGenerator random) {
        double[] weights = new double[components];
        double[] rates = new double[components];
        for (int j = 0; j < components; j++) {
            weights[j] = 1.0 / components;
            rates[j] = data.get(random.nextInt(data.size()), 0) + 0.5 + random.nextDouble();
        }
        return Parameters.of(weights, rates);
    }

    private static double logFactorial(double x) {
        double sum = 0;
        for (int i = 2; i <= x; i++) {
            sum += Math.log(i);
        }
        return sum;
    }

    /** Counts from a two-component Poisson mixture with rates 2 and 9, drawn by inversion. */
    static Dataset sample(int n, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        double[][] rows = new double[n][1];
        for (int i = 0; i < n; i++) {
            double rate = random.nextDouble() < 0.4 ? 2.0 : 9.0;
            double u = random.nextDouble();
            int x = 0;
            double p = Math.exp(-rate);
            double cumulative = p;
            while (u > cumulative && x < 200) {
                x++;
                p *= rate / x;
                cumulative += p;
            }
            rows[i][0] = x;
        }
        return Dataset.of(rows);
    }
}
