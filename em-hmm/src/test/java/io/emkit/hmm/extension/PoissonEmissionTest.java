package io.emkit.hmm.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.IterationContext;
import io.emkit.hmm.BaumWelch;
import io.emkit.hmm.Emission;
import io.emkit.hmm.EmissionFamily;
import io.emkit.hmm.EmissionStatistics;
import io.emkit.hmm.FittedHmm;
import io.emkit.hmm.HmmParameters;
import io.emkit.hmm.Sequences;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * A user-written emission family (Poisson counts), written outside the package against the public
 * API only, runs on Baum-Welch unchanged.
 */
class PoissonEmissionTest {

    /** Poisson emissions: state s emits k with probability exp(-rate_s) rate_s^k / k!. */
    record Poisson(double[] rates) implements Emission.Extension {
        @Override
        public int states() {
            return rates.length;
        }

        @Override
        public int parameterCount() {
            return rates.length;
        }

        @Override
        public void checkCompatible(Sequences data) {
            if (data.isCategorical() || data.dimension() != 1) {
                throw new IllegalArgumentException("Poisson emissions need scalar counts");
            }
        }

        @Override
        public void logDensities(Sequences data, int sequence, double[] out) {
            int length = data.length(sequence);
            for (int s = 0; s < rates.length; s++) {
                double logRate = Math.log(rates[s]);
                for (int t = 0; t < length; t++) {
                    double k = data.value(sequence, t, 0);
                    double logFactorial = 0;
                    for (int i = 2; i <= k; i++) {
                        logFactorial += Math.log(i);
                    }
                    out[s * length + t] = -rates[s] + k * logRate - logFactorial;
                }
            }
        }

        @Override
        public Sequences sample(int[] path, RandomGenerator random) {
            double[] counts = new double[path.length];
            for (int t = 0; t < path.length; t++) {
                counts[t] = knuth(rates[path[t]], random);
            }
            return Sequences.ofScalars(new double[][] {counts});
        }

        private static int knuth(double rate, RandomGenerator random) {
            double limit = Math.exp(-rate);
            double product = random.nextDouble();
            int k = 0;
            while (product > limit) {
                product *= random.nextDouble();
                k++;
            }
            return k;
        }
    }

    /** The weighted estimator: rate_s = sum gamma_t(s) k_t / sum gamma_t(s). */
    static final class PoissonFamily implements EmissionFamily {
        @Override
        public void checkCompatible(Sequences data) {
            new Poisson(new double[] {1}).checkCompatible(data);
        }

        @Override
        public Emission initialize(Sequences data, int states, RandomGenerator random) {
            double[] rates = new double[states];
            for (int s = 0; s < states; s++) {
                rates[s] = 1 + 10 * random.nextDouble();
            }
            return new Poisson(rates);
        }

        @Override
        public EmissionStatistics newStatistics(Emission current) {
            return new Sums(current.states());
        }

        @Override
        public Emission estimate(EmissionStatistics total, Emission previous, IterationContext context) {
            Sums sums = (Sums) total;
            double[] rates = new double[sums.weights.length];
            for (int s = 0; s < rates.length; s++) {
                rates[s] = sums.counts[s] / sums.weights[s];
            }
            return new Poisson(rates);
        }
    }

    static final class Sums implements EmissionStatistics {
        final double[] weights;
        final double[] counts;

        Sums(int states) {
            weights = new double[states];
            counts = new double[states];
        }

        @Override
        public void add(Sequences data, int sequence, double[] posteriors, double weight) {
            int s = weights.length;
            for (int t = 0; t < data.length(sequence); t++) {
                double k = data.value(sequence, t, 0);
                for (int i = 0; i < s; i++) {
                    weights[i] += weight * posteriors[t * s + i];
                    counts[i] += weight * posteriors[t * s + i] * k;
                }
            }
        }

        @Override
        public EmissionStatistics merge(EmissionStatistics other) {
            Sums o = (Sums) other;
            for (int i = 0; i < weights.length; i++) {
                weights[i] += o.weights[i];
                counts[i] += o.counts[i];
            }
            return this;
        }
    }

    @Test
    void aUserFamilyIsFittedByBaumWelchAndRecoversTheRates() {
        HmmParameters truth = HmmParameters.of(new double[] {0.5, 0.5}, new double[][] {{0.95, 0.05}, {0.05, 0.95}},
                new Poisson(new double[] {2, 12}));
        SplittableRandom random = new SplittableRandom(13);
        double[][] counts = new double[20][];
        for (int r = 0; r < counts.length; r++) {
            counts[r] = FittedHmm.of(truth).sample(500, random).observations().values(0);
        }
        BaumWelch model = BaumWelch.builder().states(2).emission(new PoissonFamily()).build();
        EmResult<HmmParameters> result = model.fit(Sequences.ofScalars(counts),
                EmOptions.builder().tolerance(1e-8).maxIterations(300).restarts(2).threads(2).build());
        double[] rates = ((Poisson) result.parameters().emission()).rates().clone();
        java.util.Arrays.sort(rates);
        // 10,000 steps, about 5,000 per state: standard errors near 0.02 and 0.05
        assertThat(rates[0]).isCloseTo(2, within(0.15));
        assertThat(rates[1]).isCloseTo(12, within(0.3));
        double[] trace = result.trace().toArray();
        for (int i = 1; i < trace.length; i++) {
            assertThat(trace[i]).isGreaterThanOrEqualTo(trace[i - 1] - 1e-10 * Math.abs(trace[i - 1]));
        }
    }
}
