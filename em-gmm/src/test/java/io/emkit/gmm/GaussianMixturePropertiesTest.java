package io.emkit.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Seeded invariants of the mixture fit. */
class GaussianMixturePropertiesTest {
    /** Equivariance holds up to round-off compounded over a few iterations. */
    private static final double EQUIVARIANCE = 1e-9;

    /** Three separated 2-D clusters on a 2^-20 grid (so that shifting by 1e8 is exact). */
    static double[][] clusters(long seed, int n) {
        return clusters(seed, n, 1);
    }

    /** As above with the centres spread by {@code spread}. */
    static double[][] clusters(long seed, int n, double spread) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] centres = {{0, 0}, {6 * spread, 1 * spread}, {2 * spread, 7 * spread}};
        double[][] x = new double[n][2];
        for (int i = 0; i < n; i++) {
            double[] c = centres[i % 3];
            for (int a = 0; a < 2; a++) {
                x[i][a] = Math.rint((c[a] + random.nextGaussian() * (1 + 0.3 * a)) * 0x1p20) * 0x1p-20;
            }
        }
        return x;
    }

    static GaussianMixture start(double shift, double scale) {
        return GaussianMixture.full(new double[] {0.3, 0.3, 0.4},
                new double[][] {{shift + scale * 0.5, shift + scale * 0.5}, {shift + scale * 5, shift + scale * 0},
                        {shift + scale * 1, shift + scale * 6}},
                new double[][][] {{{scale * scale, 0}, {0, scale * scale}}, {{scale * scale, 0}, {0, scale * scale}},
                        {{scale * scale, 0}, {0, scale * scale}}});
    }

    static GaussianMixture spreadStart(double shift, double spread) {
        return GaussianMixture.full(new double[] {0.3, 0.3, 0.4},
                new double[][] {{shift + 0.5, shift + 0.5}, {shift + spread * 5, shift + spread * 1},
                        {shift + spread * 2, shift + spread * 6}},
                new double[][][] {{{1, 0}, {0, 1}}, {{1, 0}, {0, 1}}, {{1, 0}, {0, 1}}});
    }

    static FittedGaussianMixture fit(double[][] x, GaussianMixture start, CovarianceType type, double reg, int iters) {
        GaussianMixtureModel model = GaussianMixtureModel.builder().components(3).covarianceType(type).regCovar(reg)
                .build();
        GaussianMixture typed = retype(start, type);
        return model.fit(Dataset.of(x), typed, EmOptions.builder().tolerance(0).maxIterations(iters).chunkSize(64).build());
    }

    static GaussianMixture retype(GaussianMixture m, CovarianceType type) {
        double[][] cov0 = m.covariance(0).toArray();
        switch (type) {
            case DIAGONAL:
                return GaussianMixture.diagonal(m.weights(), m.means(),
                        new double[][] {m.covariance(0).diagonal(), m.covariance(1).diagonal(), m.covariance(2).diagonal()});
            case SPHERICAL:
                return GaussianMixture.spherical(m.weights(), m.means(),
                        new double[] {cov0[0][0], m.covariance(1).get(0, 0), m.covariance(2).get(0, 0)});
            case TIED:
                return GaussianMixture.tied(m.weights(), m.means(), cov0);
            default:
                return m;
        }
    }

    @Property(tries = 15)
    void responsibilitiesSumToOne(@ForAll @LongRange(min = 1, max = 1000) long seed,
            @ForAll CovarianceType type) {
        double[][] x = clusters(seed, 90);
        FittedGaussianMixture fit = fit(x, start(0, 1), type, 1e-6, 3);
        for (double[] r : fit.responsibilities(Dataset.of(x))) {
            double s = 0;
            for (double v : r) {
                assertThat(v).isBetween(0.0, 1.0);
                s += v;
            }
            assertThat(s).isCloseTo(1.0, within(1e-12));
        }
    }

    @Property(tries = 15)
    void logLikelihoodNeverDecreasesWithoutRegularisation(@ForAll @LongRange(min = 1, max = 1000) long seed,
            @ForAll CovarianceType type) {
        double[][] x = clusters(seed, 90);
        FittedGaussianMixture fit = fit(x, start(0, 1), type, 0, 15);
        double[] trace = fit.result().trace().toArray();
        for (int i = 1; i < trace.length; i++) {
            assertThat(trace[i]).isGreaterThanOrEqualTo(trace[i - 1] - 1e-10 * Math.abs(trace[i - 1]));
        }
        assertThat(fit.logLikelihood()).isGreaterThanOrEqualTo(trace[trace.length - 1] - 1e-10 * Math.abs(trace[0]));
    }

    @Property(tries = 10)
    void permutingRowsChangesNothing(@ForAll @LongRange(min = 1, max = 1000) long seed, @ForAll CovarianceType type) {
        double[][] x = clusters(seed, 120);
        double[][] permuted = x.clone();
        SplittableRandom random = new SplittableRandom(seed + 1);
        for (int i = permuted.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double[] t = permuted[i];
            permuted[i] = permuted[j];
            permuted[j] = t;
        }
        GaussianMixture a = fit(x, start(0, 1), type, 1e-6, 5).mixture();
        GaussianMixture b = fit(permuted, start(0, 1), type, 1e-6, 5).mixture();
        GmmFixtureTest.assertClose(b.weights(), a.weights(), 1e-12, "weights");
        GmmFixtureTest.assertClose(GmmFixtureTest.flat(b.means()), GmmFixtureTest.flat(a.means()), 1e-12, "means");
        GmmFixtureTest.assertClose(GmmFixtureTest.flatNative(b), GmmFixtureTest.flatNative(a), 1e-11, "covariances");
    }

    @Property(tries = 10)
    void shiftingMovesMeansAndKeepsCovariances(@ForAll @LongRange(min = 1, max = 1000) long seed,
            @ForAll CovarianceType type) {
        double c = 1e8;
        // A mean near 1e8 is only representable to ulp(1e8) = 1.5e-8; that rounding moves the
        // responsibilities of points between clusters by ~1e-8 relative, so the 1e-9 bound is tested on
        // well-separated clusters, where it measures the accumulation alone.
        double[][] x = clusters(seed, 120, 3);
        double[][] shifted = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            shifted[i] = new double[] {x[i][0] + c, x[i][1] + c};
        }
        GaussianMixture a = fit(x, spreadStart(0, 3), type, 0, 5).mixture();
        GaussianMixture b = fit(shifted, spreadStart(c, 3), type, 0, 5).mixture();
        GmmFixtureTest.assertClose(b.weights(), a.weights(), 1e-9, "weights");
        double[][] ma = a.means();
        double[][] mb = b.means();
        for (int j = 0; j < 3; j++) {
            for (int d = 0; d < 2; d++) {
                assertThat(mb[j][d] - c).isCloseTo(ma[j][d], within(1e-6));
            }
        }
        GmmFixtureTest.assertClose(GmmFixtureTest.flatNative(b), GmmFixtureTest.flatNative(a), EQUIVARIANCE,
                "covariances");
    }

    @Property(tries = 10)
    void scalingScalesCovariancesBySquare(@ForAll @LongRange(min = 1, max = 1000) long seed,
            @ForAll @IntRange(min = -3, max = 3) int exponent, @ForAll CovarianceType type) {
        double s = Math.pow(8, exponent); // a power of two, so scaling is exact
        double[][] x = clusters(seed, 120);
        double[][] scaled = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            scaled[i] = new double[] {x[i][0] * s, x[i][1] * s};
        }
        GaussianMixture a = fit(x, start(0, 1), type, 0, 5).mixture();
        GaussianMixture b = fit(scaled, start(0, s), type, 0, 5).mixture();
        double[] ca = GmmFixtureTest.flatNative(a);
        for (int i = 0; i < ca.length; i++) {
            ca[i] *= s * s;
        }
        GmmFixtureTest.assertClose(GmmFixtureTest.flatNative(b), ca, EQUIVARIANCE, "covariances");
    }
}
