package io.emkit.examples.jmh;

import io.emkit.core.Dataset;
import io.emkit.core.Em;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.GaussianMixture;
import io.emkit.gmm.GaussianMixtureModel;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One E-step (log densities, responsibilities, accumulation of the sufficient statistics) of a
 * Gaussian mixture on one thread, per covariance type and shape {@code n:d:k}. Flop floor of the
 * full type: {@code 2·n·k·d²} per E-step + M-step scatter, about half of it here (the E-step's
 * triangular solves and the scatter's accumulation are both in the E-step in emkit, so the whole
 * {@code 2·n·k·d²} is measured); diagonal and spherical: the data read once, {@code 8·n·d} bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-XX:ActiveProcessorCount=2"})
public class GaussianEStepBenchmark {

    /** Covariance type: full, diag, spherical or tied. */
    @Param({"full", "diag", "spherical", "tied"})
    public String type;

    /** n:d:k. */
    @Param({"10000:2:3", "100000:10:8", "100000:50:16"})
    public String shape;

    private GaussianMixtureModel model;
    private GaussianMixture start;
    private Dataset data;

    /** Draws seeded data from k separated Gaussians and a start near them. */
    @Setup
    public void setUp() {
        String[] parts = shape.split(":");
        int n = Integer.parseInt(parts[0]);
        int d = Integer.parseInt(parts[1]);
        int k = Integer.parseInt(parts[2]);
        CovarianceType covarianceType = CovarianceType.fromName(type);
        SplittableRandom random = new SplittableRandom(42);
        double[][] centres = new double[k][d];
        for (double[] c : centres) {
            for (int a = 0; a < d; a++) {
                c[a] = random.nextDouble(-10, 10);
            }
        }
        double[] values = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                values[i * d + a] = centres[i % k][a] + random.nextGaussian() * (1 + 0.1 * a);
            }
        }
        data = Dataset.ofRowMajor(values, n, d);
        double[] weights = new double[k];
        Arrays.fill(weights, 1.0 / k);
        double[][] means = new double[k][];
        double[][] variances = new double[k][d];
        double[][][] covariances = new double[k][d][d];
        for (int j = 0; j < k; j++) {
            means[j] = centres[j].clone();
            means[j][0] += 0.5;
            for (int a = 0; a < d; a++) {
                variances[j][a] = 2.0;
                covariances[j][a][a] = 2.0;
            }
        }
        double[] spherical = new double[k];
        Arrays.fill(spherical, 2.0);
        start = switch (covarianceType) {
            case FULL -> GaussianMixture.full(weights, means, covariances);
            case DIAGONAL -> GaussianMixture.diagonal(weights, means, variances);
            case SPHERICAL -> GaussianMixture.spherical(weights, means, spherical);
            case TIED -> GaussianMixture.tied(weights, means, covariances[0]);
        };
        model = GaussianMixtureModel.builder().components(k).covarianceType(covarianceType).build();
    }

    /**
     * One E-step over all rows on one thread.
     *
     * @return the statistics, so the work is not dead code
     */
    @Benchmark
    public Object eStep() {
        return Em.expect(model, start, data, 1);
    }
}
