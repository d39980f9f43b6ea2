package io.emkit.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.FitWarning;
import io.emkit.core.IncompleteDataset;
import io.emkit.core.RecordingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** EM with missing cells against the textbook numpy reference in fixtures/missing/, and its invariants. */
class IncompleteGaussianMixtureTest {

    static Stream<Path> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(TinyJson.fixtures().resolve("missing"))) {
            List<Path> list = files.filter(p -> p.getFileName().toString().startsWith("gmm-")
                    && p.getFileName().toString().endsWith(".json")).sorted().toList();
            assertThat(list).as("missing-value fixtures").hasSize(4);
            return list.stream();
        }
    }

    static IncompleteDataset incomplete(Map<String, Object> fixture) {
        double[][] x = TinyJson.matrix(fixture.get("data"));
        double[][] mask = TinyJson.matrix(fixture.get("missing"));
        boolean[][] missing = new boolean[x.length][];
        for (int i = 0; i < x.length; i++) {
            missing[i] = new boolean[x[i].length];
            for (int a = 0; a < x[i].length; a++) {
                missing[i][a] = mask[i][a] != 0;
            }
        }
        return IncompleteDataset.of(x, missing);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    @SuppressWarnings("unchecked")
    void matchesTextbookReference(Path path) throws IOException {
        Map<String, Object> fixture = TinyJson.read(path);
        CovarianceType type = CovarianceType.fromName((String) fixture.get("covarianceType"));
        GaussianMixture start = GmmFixtureTest.mixture(type, (Map<String, Object>) fixture.get("init"));
        Map<String, Object> expectedMap = (Map<String, Object>) fixture.get("expected");
        GaussianMixture expected = GmmFixtureTest.mixture(type, expectedMap);
        double tol = ((Number) fixture.get("tolerance")).doubleValue();
        IncompleteDataset data = incomplete(fixture);
        assertThat(data.missingCells() / (double) (data.size() * data.dimension())).isBetween(0.05, 0.30);
        GaussianMixtureModel model = GaussianMixtureModel.builder().components(start.components()).covarianceType(type)
                .regCovar(((Number) fixture.get("regCovar")).doubleValue()).build();
        int iterations = ((Number) fixture.get("iterations")).intValue();
        // small chunks: complete and incomplete rows mixed in chunks, and patterns spread over chunks
        EmOptions options = EmOptions.builder().tolerance(0).maxIterations(iterations).threads(2).chunkSize(37).build();
        FittedGaussianMixture fit = IncompleteGaussianMixture.of(model).fit(data, start, options);

        GaussianMixture actual = fit.mixture();
        GmmFixtureTest.assertClose(actual.weights(), expected.weights(), tol, "weights");
        GmmFixtureTest.assertClose(GmmFixtureTest.flat(actual.means()), GmmFixtureTest.flat(expected.means()), tol, "means");
        GmmFixtureTest.assertClose(GmmFixtureTest.flatNative(actual), GmmFixtureTest.flatNative(expected), tol,
                "covariances");
        double ll = ((Number) expectedMap.get("logLikelihood")).doubleValue();
        assertThat(fit.logLikelihood()).isCloseTo(ll, within(tol * Math.abs(ll)));
        assertThat(IncompleteGaussianMixture.logLikelihood(actual, data)).isCloseTo(ll, within(tol * Math.abs(ll)));
        double[] trace = TinyJson.vector(expectedMap.get("logLikelihoodTrace"));
        double[] actualTrace = fit.result().trace().toArray();
        assertThat(actualTrace).hasSameSizeAs(trace);
        for (int i = 0; i < trace.length; i++) {
            assertThat(actualTrace[i]).as("trace[%d]", i).isCloseTo(trace[i], within(tol * Math.abs(trace[i])));
        }
    }

    static double[][] sample(int n, int d, SplittableRandom random) {
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            double shift = i % 2 == 0 ? 0 : 3;
            double common = random.nextGaussian();
            for (int a = 0; a < d; a++) {
                x[i][a] = shift + 0.7 * common + random.nextGaussian();
            }
        }
        return x;
    }

    @ParameterizedTest
    @EnumSource(CovarianceModel.class)
    void withoutMissingCellsEqualsTheCompleteDataFitBitForBit(CovarianceModel covariance) {
        double[][] x = sample(700, 3, new SplittableRandom(11));
        GaussianMixtureModel model = GaussianMixtureModel.builder().components(3).covarianceModel(covariance).build();
        EmOptions options = EmOptions.builder().maxIterations(30).threads(2).chunkSize(128).restarts(2).build();
        FittedGaussianMixture complete = model.fit(Dataset.of(x), options);
        FittedGaussianMixture viaMissing = IncompleteGaussianMixture.of(model).fit(IncompleteDataset.of(x), options);
        assertThat(viaMissing.result().trace().toArray()).isEqualTo(complete.result().trace().toArray());
        assertThat(viaMissing.logLikelihood()).isEqualTo(complete.logLikelihood());
        assertThat(viaMissing.weights()).isEqualTo(complete.weights());
        assertThat(viaMissing.means()).isDeepEqualTo(complete.means());
        assertThat(viaMissing.mixture().fullCovariances()).isDeepEqualTo(complete.mixture().fullCovariances());
    }

    /** Round-off allowance of a monotone EM step, relative to |log-likelihood|. */
    private static final double ROUND_OFF = 1e-10;

    @Test
    void observedDataLikelihoodNeverDecreasesOnAThousandRandomIncompleteDataSets() {
        CovarianceType[] types = CovarianceType.values();
        SplittableRandom random = new SplittableRandom(2024);
        int checked = 0;
        for (int t = 0; t < 1000; t++) {
            int d = 2 + random.nextInt(3);
            int n = 40 + random.nextInt(30);
            double fraction = 0.05 + 0.25 * random.nextDouble();
            double[][] x = sample(n, d, random);
            for (double[] row : x) {
                for (int a = 0; a < d; a++) {
                    if (random.nextDouble() < fraction) {
                        row[a] = Double.NaN;
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                x[a % n][a] = a; // no column wholly missing
            }
            CovarianceType type = types[t % types.length];
            GaussianMixtureModel model = GaussianMixtureModel.builder().components(1 + t % 2).covarianceType(type)
                    .regCovar(0).build();
            FittedGaussianMixture fit = IncompleteGaussianMixture.of(model).fit(IncompleteDataset.of(x),
                    EmOptions.builder().tolerance(0).maxIterations(12).seed(t).build());
            if (fit.result().warnings().stream().anyMatch(w -> w instanceof FitWarning.ComponentReseeded
                    || w instanceof FitWarning.CovarianceRegularised)) {
                continue; // a repaired (re-seeded, regularised) step is not an EM step
            }
            double[] trace = fit.result().trace().toArray();
            for (int i = 1; i < trace.length; i++) {
                assertThat(trace[i]).as("data set %d, trace[%d]", t, i)
                        .isGreaterThanOrEqualTo(trace[i - 1] - ROUND_OFF * Math.abs(trace[i - 1]));
            }
            assertThat(fit.logLikelihood()).isGreaterThanOrEqualTo(
                    trace[trace.length - 1] - ROUND_OFF * Math.abs(trace[trace.length - 1]));
            checked++;
        }
        assertThat(checked).as("data sets whose every step was a plain EM step").isGreaterThan(900);
    }

    @Test
    void reSeedsAnEmptiedComponentAtTheWorstExplainedRowOfPositiveWeightAsTheCompleteDataPathDoes() {
        // a bulk near the origin, a row of weight 0 far out and a row of weight 1 less far (each missing
        // its second cell); component 1 starts where no row is, so it empties and is re-seeded
        double[][] bulk = sample(40, 2, new SplittableRandom(9));
        double[][] x = Arrays.copyOf(bulk, bulk.length + 2);
        x[bulk.length] = new double[] {1000, Double.NaN};
        x[bulk.length + 1] = new double[] {40, Double.NaN};
        double[] w = new double[x.length];
        Arrays.fill(w, 1);
        w[bulk.length] = 0;
        GaussianMixture start = GaussianMixture.full(new double[] {0.5, 0.5}, new double[][] {{1, 1}, {-500, -500}},
                new double[][][] {{{4, 0}, {0, 4}}, {{1e-4, 0}, {0, 1e-4}}});
        IncompleteGaussianMixture model = IncompleteGaussianMixture.of(GaussianMixtureModel.builder().components(2)
                .build());
        var stats = model.expect(start, IncompleteDataset.of(x).withWeights(w));
        RecordingContext context = new RecordingContext();
        GaussianMixture next = model.maximize(stats, start, context);

        assertThat(context.warnings()).filteredOn(FitWarning.ComponentReseeded.class::isInstance).hasSize(1)
                .allSatisfy(r -> assertThat(((FitWarning.ComponentReseeded) r).component()).isEqualTo(1));
        // the row of weight 0 counts for nothing, so it is not where a component goes
        assertThat(next.means()[1][0]).isEqualTo(40);
        // its missing cell completed by the conditional mean: component 0's, whose covariance is diagonal
        assertThat(next.means()[1][1]).isCloseTo(1, within(1e-12));
    }

    @Test
    void wholyMissingRowsContributeNothingAndAreReported() {
        double[][] x = sample(200, 3, new SplittableRandom(5));
        x[7][1] = Double.NaN;
        x[30][0] = Double.NaN;
        x[30][2] = Double.NaN;
        double[][] withEmpty = new double[x.length + 2][];
        System.arraycopy(x, 0, withEmpty, 0, x.length);
        withEmpty[x.length] = new double[] {Double.NaN, Double.NaN, Double.NaN};
        withEmpty[x.length + 1] = new double[] {Double.NaN, Double.NaN, Double.NaN};
        GaussianMixtureModel model = GaussianMixtureModel.builder().components(2).build();
        GaussianMixture start = GaussianMixture.full(new double[] {0.5, 0.5}, new double[][] {{0, 0, 0}, {3, 3, 3}},
                new double[][][] {identity(3), identity(3)});
        EmOptions options = EmOptions.builder().tolerance(0).maxIterations(10).threads(1).build();
        IncompleteGaussianMixture em = IncompleteGaussianMixture.of(model);
        FittedGaussianMixture without = em.fit(IncompleteDataset.of(x), start, options);
        FittedGaussianMixture with = em.fit(IncompleteDataset.of(withEmpty), start, options);
        assertThat(with.logLikelihood()).isCloseTo(without.logLikelihood(), within(1e-9));
        GmmFixtureTest.assertClose(GmmFixtureTest.flat(with.means()), GmmFixtureTest.flat(without.means()), 1e-12,
                "means");
        assertThat(with.result().warnings()).anySatisfy(w -> assertThat(w.message())
                .contains("2 row(s) missing in every column").contains("[200, 201]"));
        assertThat(without.result().warnings()).noneMatch(w -> w instanceof FitWarning.ModelWarning);
    }

    static double[][] identity(int d) {
        double[][] m = new double[d][d];
        for (int a = 0; a < d; a++) {
            m[a][a] = 1;
        }
        return m;
    }

    @Test
    void imputesTheConditionalMeanOfOneGaussianByHand() {
        // N((1, 2), [[4, 2], [2, 3]]): E[x1 | x0] = 2 + (2/4)(x0 - 1), E[x0 | x1] = 1 + (2/3)(x1 - 2)
        GaussianMixture one = GaussianMixture.full(new double[] {1}, new double[][] {{1, 2}},
                new double[][][] {{{4, 2}, {2, 3}}});
        IncompleteDataset data = IncompleteDataset.of(new double[][] {{3, Double.NaN}, {Double.NaN, 5},
                {Double.NaN, Double.NaN}, {7, 8}});
        double[][] imputed = IncompleteGaussianMixture.impute(one, data);
        assertThat(imputed[0]).containsExactly(new double[] {3, 3}, within(1e-12));
        assertThat(imputed[1]).containsExactly(new double[] {3, 5}, within(1e-12));
        assertThat(imputed[2]).containsExactly(new double[] {1, 2}, within(1e-12));
        assertThat(imputed[3]).containsExactly(7, 8);
        // log N(3 | 1, 4) for row 0; the empty row has density 1
        double[] logp = IncompleteGaussianMixture.logDensities(one, data);
        assertThat(logp[0]).isCloseTo(-0.5 * (Math.log(2 * Math.PI * 4) + 1), within(1e-12));
        assertThat(logp[2]).isEqualTo(0.0);
    }

    @Test
    void imputesByResponsibilityWeightedConditionalMeans() {
        GaussianMixture two = GaussianMixture.full(new double[] {0.3, 0.7}, new double[][] {{0, 0}, {4, 4}},
                new double[][][] {{{1, 0.5}, {0.5, 1}}, {{1, -0.5}, {-0.5, 1}}});
        IncompleteDataset data = IncompleteDataset.of(new double[][] {{2, Double.NaN}, {0, 0}});
        double[] r = IncompleteGaussianMixture.responsibilities(two, data)[0];
        // r ∝ w_j N(2 | μ_j0, 1): both components are 2 away, so r = w
        assertThat(r).containsExactly(new double[] {0.3, 0.7}, within(1e-12));
        double expected = 0.3 * (0 + 0.5 * 2) + 0.7 * (4 - 0.5 * (2 - 4));
        assertThat(IncompleteGaussianMixture.impute(two, data)[0][1]).isCloseTo(expected, within(1e-12));
    }

    @Test
    void drawsFollowTheConditionalDistribution() {
        GaussianMixture one = GaussianMixture.full(new double[] {1}, new double[][] {{1, 2}},
                new double[][][] {{{4, 2}, {2, 3}}});
        IncompleteDataset data = IncompleteDataset.of(new double[][] {{3, Double.NaN}, {0, 0}});
        int m = 20000;
        double[][][] draws = IncompleteGaussianMixture.drawImputations(one, data, m, new SplittableRandom(3));
        double sum = 0;
        double sq = 0;
        for (double[][] draw : draws) {
            assertThat(draw[0][0]).isEqualTo(3);
            sum += draw[0][1];
            sq += draw[0][1] * draw[0][1];
        }
        double mean = sum / m;
        double variance = sq / m - mean * mean;
        // x1 | x0 = 3 ~ N(3, 3 - 2·2/4 = 2); 5 standard errors
        assertThat(mean).isCloseTo(3, within(5 * Math.sqrt(2.0 / m)));
        assertThat(variance).isCloseTo(2, within(5 * 2 * Math.sqrt(2.0 / m)));
        assertThatIllegalArgumentException().isThrownBy(
                () -> IncompleteGaussianMixture.drawImputations(one, data, 0, new SplittableRandom(1)))
                .withMessageContaining("draws (0)");
    }

    @Test
    void tooFewInformativeRowsIsAnError() {
        IncompleteDataset data = IncompleteDataset.of(new double[][] {{1, 2}, {Double.NaN, Double.NaN}});
        GaussianMixtureModel model = GaussianMixtureModel.builder().components(2).build();
        assertThatIllegalArgumentException().isThrownBy(
                () -> IncompleteGaussianMixture.of(model).fit(data, EmOptions.defaults()))
                .withMessageContaining("k (2) must be <= the number of rows with an observed value (1)");
    }
}
