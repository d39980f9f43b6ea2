package io.emkit.examples.bench;

import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.numeric.Matrix;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.Gaussian;
import io.emkit.hmm.BaumWelch;
import io.emkit.hmm.CategoricalEmission;
import io.emkit.hmm.EmissionFamily;
import io.emkit.hmm.FittedHmm;
import io.emkit.hmm.GaussianEmission;
import io.emkit.hmm.HmmParameters;
import io.emkit.hmm.Sequences;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seconds per Baum-Welch iteration on the two peer workloads, with seeded synthetic data of the same
 * shape (plain {@code main}, no JMH):
 * <ul>
 *   <li>3-state 1-D Gaussian HMM, 50 sequences x 1,000 steps;
 *   <li>the casino, 2 states, 6 symbols, 10 sequences x 2,000.
 * </ul>
 * Peer figures are not printed here: they come from the peer harness (README, "Benchmarks"), run on
 * the same machine in the same invocation, cold JVM included.
 * Each workload is fitted from a fixed perturbed start for {@value #ITERATIONS} iterations
 * (tolerance 0) with 2 threads, after {@value #WARM_UP_FITS} warm-up fits; the median of
 * {@value #REPEATS} timed fits is reported. {@code Em.fit} also runs the E-step scoring the last
 * iteration, so a fit of N iterations costs N + 1 forward-backward passes (pomegranate likewise
 * runs a forward pass per iteration for its log-likelihood).
 *
 * <p>How to run: {@code java -cp em.jar io.emkit.examples.bench.HmmBench [threads]}.
 */
public final class HmmBench {

    static final int ITERATIONS = 50;
    static final int WARM_UP_FITS = 5;
    static final int REPEATS = 5;

    private HmmBench() {}

    /**
     * Runs both workloads and prints one line each.
     *
     * @param args optional thread count (default 2)
     */
    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        report("gaussian 3 states, 50 x 1000", gaussianData(), gaussianStart(),
                EmissionFamily.gaussian(CovarianceType.FULL, 0.0), threads);
        report("casino 2 states, 10 x 2000", casinoData(), casinoStart(), EmissionFamily.categorical(6), threads);
    }

    private static void report(String name, Sequences data, HmmParameters start, EmissionFamily family,
            int threads) {
        BaumWelch model = BaumWelch.builder().states(start.states()).emission(family).build();
        EmOptions options = EmOptions.builder().tolerance(0).maxIterations(ITERATIONS).threads(threads).build();
        double logLikelihood = 0;
        for (int i = 0; i < WARM_UP_FITS; i++) {
            logLikelihood += Em.fit(model, data, start, options).logLikelihood();
        }
        double[] perIteration = new double[REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            long begin = System.nanoTime();
            EmResult<HmmParameters> result = Em.fit(model, data, start, options);
            perIteration[i] = (System.nanoTime() - begin) * 1e-9 / ITERATIONS;
            logLikelihood += result.logLikelihood();
        }
        Arrays.sort(perIteration);
        double median = perIteration[REPEATS / 2];
        System.out.printf(Locale.ROOT, "%-32s %8.3f ms/iteration (min %.3f, max %.3f) [checksum %.3f]%n", name,
                median * 1e3, perIteration[0] * 1e3, perIteration[REPEATS - 1] * 1e3, logLikelihood);
    }

    static HmmParameters gaussianTruth() {
        return HmmParameters.of(new double[] {0.5, 0.3, 0.2},
                new double[][] {{0.90, 0.05, 0.05}, {0.10, 0.85, 0.05}, {0.05, 0.10, 0.85}},
                GaussianEmission.of(List.of(gaussian(-2, 0.5), gaussian(0.5, 1.0), gaussian(3, 0.8))));
    }

    static HmmParameters gaussianStart() {
        return HmmParameters.of(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3},
                new double[][] {{0.8, 0.1, 0.1}, {0.1, 0.8, 0.1}, {0.1, 0.1, 0.8}},
                GaussianEmission.of(List.of(gaussian(-1, 1), gaussian(0, 1), gaussian(1, 1))));
    }

    static HmmParameters casinoTruth() {
        double f = 1.0 / 6;
        return HmmParameters.of(new double[] {0.5, 0.5}, new double[][] {{0.95, 0.05}, {0.10, 0.90}},
                CategoricalEmission.of(new double[][] {{f, f, f, f, f, f}, {0.1, 0.1, 0.1, 0.1, 0.1, 0.5}}));
    }

    static HmmParameters casinoStart() {
        double f = 1.0 / 6;
        return HmmParameters.of(new double[] {0.5, 0.5}, new double[][] {{0.8, 0.2}, {0.3, 0.7}},
                CategoricalEmission.of(new double[][] {{f, f, f, f, f, f}, {0.15, 0.15, 0.15, 0.15, 0.15, 0.25}}));
    }

    static Sequences gaussianData() {
        SplittableRandom random = new SplittableRandom(20240611L);
        FittedHmm truth = FittedHmm.of(gaussianTruth());
        double[][] sequences = new double[50][];
        for (int r = 0; r < sequences.length; r++) {
            sequences[r] = truth.sample(1000, random).observations().values(0);
        }
        return Sequences.ofScalars(sequences);
    }

    static Sequences casinoData() {
        SplittableRandom random = new SplittableRandom(20240612L);
        FittedHmm truth = FittedHmm.of(casinoTruth());
        int[][] sequences = new int[10][];
        for (int r = 0; r < sequences.length; r++) {
            sequences[r] = truth.sample(2000, random).observations().symbols(0);
        }
        return Sequences.ofSymbols(sequences);
    }

    private static Gaussian gaussian(double mean, double variance) {
        return Gaussian.of(new double[] {mean}, Matrix.of(new double[][] {{variance}}));
    }
}
