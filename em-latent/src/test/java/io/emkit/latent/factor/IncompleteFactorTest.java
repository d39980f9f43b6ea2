package io.emkit.latent.factor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.IncompleteDataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Factor analysis and PPCA with missing cells against the textbook numpy reference of
 * fixtures/missing/make_fa_missing_fixtures.py, and the invariants of EM on incomplete data.
 */
class IncompleteFactorTest {

    static JsonNode read(String name) {
        Path dir = Path.of(System.getProperty("basedir", ".")).resolve("../fixtures/missing").normalize();
        try {
            return new ObjectMapper().readTree(Files.readString(dir.resolve(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static IncompleteDataset data(JsonNode f) {
        double[][] x = FactorFixtureTest.matrix(f.get("data"));
        boolean[][] missing = new boolean[x.length][];
        for (int i = 0; i < x.length; i++) {
            missing[i] = new boolean[x[i].length];
            for (int a = 0; a < x[i].length; a++) {
                missing[i][a] = f.get("missing").get(i).get(a).intValue() == 1;
            }
        }
        return IncompleteDataset.of(x, missing);
    }

    static SingleFactorModel model(JsonNode f) {
        int q = f.get("factors").intValue();
        return f.get("model").textValue().equals("ppca") ? PPCA.builder().factors(q).build()
                : FactorAnalysis.builder().factors(q).build();
    }

    static FactorParameters start(JsonNode f) {
        JsonNode init = f.get("init");
        double[] mean = FactorFixtureTest.vector(init.get("mean"));
        double[][] w = FactorFixtureTest.matrix(init.get("loadings"));
        double[] psi = FactorFixtureTest.vector(init.get("noiseVariances"));
        return f.get("model").textValue().equals("ppca") ? FactorParameters.isotropic(mean, w, psi[0])
                : FactorParameters.of(mean, w, psi);
    }

    /**
     * The same iterates as the numpy reference from the same start: the same EM, so 1e-9 relative to the
     * largest entry of each compared group (the reference solves per row with LAPACK, emkit by pattern
     * with its own Cholesky; the observed differences are ~1e-13).
     */
    @ParameterizedTest
    @ValueSource(strings = {"fa-missing-d6-q2.json", "ppca-missing-d6-q2.json"})
    void matchesTextbookReference(String name) {
        JsonNode f = read(name);
        double tol = f.get("tolerance").doubleValue();
        IncompleteDataset data = data(f);
        assertThat(data.missingCells()).isPositive();
        assertThat(data.observedColumns(data.pattern(0))).hasSize(1);
        int iterations = f.get("iterations").intValue();
        EmResult<FactorParameters> fit = model(f).fit(data, start(f),
                EmOptions.builder().tolerance(0).maxIterations(iterations).threads(1).build());
        JsonNode e = f.get("expected");
        FactorParameters p = fit.parameters();
        assertThat(fit.iterations()).isEqualTo(iterations);
        assertThat(FactorFixtureTest.relativeMaxDifference(p.mean(), FactorFixtureTest.vector(e.get("mean"))))
                .isLessThan(tol);
        assertThat(FactorFixtureTest.relativeMaxDifference(p.loadings(), FactorFixtureTest.matrix(e.get("loadings"))))
                .isLessThan(tol);
        assertThat(FactorFixtureTest.relativeMaxDifference(p.noiseVariances(),
                FactorFixtureTest.vector(e.get("noiseVariances")))).isLessThan(tol);
        assertThat(FactorFixtureTest.relativeMaxDifference(p.covariance(),
                FactorFixtureTest.matrix(e.get("covariance")))).isLessThan(tol);
        double ll = e.get("logLikelihood").doubleValue();
        assertThat(Math.abs(fit.logLikelihood() - ll)).isLessThan(tol * Math.abs(ll));
        assertThat(Math.abs(p.logLikelihood(data) - ll)).isLessThan(tol * Math.abs(ll));
        double[] trace = FactorFixtureTest.vector(e.get("logLikelihoodTrace"));
        assertThat(FactorFixtureTest.relativeMaxDifference(fit.trace().toArray(), trace)).isLessThan(tol);
    }

    /** Random incomplete data (10-40% missing, some rows with one cell), FA and PPCA, random starts. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void observedLogLikelihoodNeverDecreases(boolean isotropic) {
        SplittableRandom rng = new SplittableRandom(isotropic ? 7 : 8);
        for (int trial = 0; trial < 6; trial++) {
            int d = 3 + rng.nextInt(5);
            int q = 1 + rng.nextInt(d - 1);
            int n = 40 + rng.nextInt(80);
            IncompleteDataset data = randomIncomplete(rng, n, d, 0.1 + 0.3 * rng.nextDouble());
            SingleFactorModel model = isotropic ? PPCA.builder().factors(q).randomStart(true).build()
                    : FactorAnalysis.builder().factors(q).randomStart(true).build();
            EmResult<FactorParameters> fit = model.fit(data,
                    EmOptions.builder().tolerance(0).maxIterations(60).seed(trial).threads(1).build());
            double[] trace = fit.trace().toArray();
            for (int i = 1; i < trace.length; i++) {
                assertThat(trace[i]).as("trial %s, d = %s, q = %s, iteration %s", trial, d, q, i)
                        .isGreaterThanOrEqualTo(trace[i - 1] - 1e-9 * Math.abs(trace[i - 1]));
            }
            assertThat(fit.logLikelihood()).isGreaterThanOrEqualTo(trace[trace.length - 1] - 1e-9 * Math.abs(
                    trace[trace.length - 1]));
            assertThat(trace[trace.length - 1]).isGreaterThan(trace[0]);
        }
    }

    /** No missing cell: the complete-data fit, bit for bit (IncompleteDataset.of(rows) of a full matrix). */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void withoutMissingCellsIdenticalToCompleteFit(boolean isotropic) {
        SplittableRandom rng = new SplittableRandom(3);
        double[][] rows = new double[150][5];
        for (double[] r : rows) {
            double z = rng.nextGaussian();
            for (int a = 0; a < 5; a++) {
                r[a] = (a + 1) * z + rng.nextGaussian();
            }
        }
        SingleFactorModel model = isotropic ? PPCA.builder().factors(2).build()
                : FactorAnalysis.builder().factors(2).build();
        EmOptions options = EmOptions.builder().tolerance(1e-10).maxIterations(300).build();
        EmResult<FactorParameters> complete = model.fit(Dataset.of(rows), options);
        EmResult<FactorParameters> incomplete = model.fit(IncompleteDataset.of(rows), options);
        assertThat(incomplete.logLikelihood()).isEqualTo(complete.logLikelihood());
        assertThat(incomplete.iterations()).isEqualTo(complete.iterations());
        assertThat(incomplete.parameters().covariance().toRowMajor())
                .containsExactly(complete.parameters().covariance().toRowMajor());
        assertThat(incomplete.parameters().mean()).containsExactly(complete.parameters().mean());
        // the observed-data likelihood of complete rows is the ordinary one (up to round-off: other algebra)
        double ll = complete.parameters().logLikelihood(Dataset.of(rows));
        assertThat(complete.parameters().logLikelihood(IncompleteDataset.of(rows)))
                .isCloseTo(ll, org.assertj.core.data.Offset.offset(1e-9 * Math.abs(ll)));
    }

    /**
     * Missing cells cost information but not correctness: on data drawn from a known FA, the fit with 20%
     * of cells removed recovers the covariance about as well as the complete-data fit, and clearly better
     * than fitting the mean-imputed rows (which shrink the variances).
     */
    @Test
    void recoversTheGeneratingCovarianceBetterThanMeanImputation() {
        SplittableRandom rng = new SplittableRandom(21);
        int n = 1000;
        int d = 6;
        double[][] w = {{2, 0}, {1.5, 0.5}, {1, 1}, {0.5, 1.5}, {0, 2}, {1, -1}};
        double[] psi = {0.3, 0.5, 0.4, 0.6, 0.2, 0.5};
        double[][] rows = new double[n][d];
        boolean[][] missing = new boolean[n][d];
        for (int i = 0; i < n; i++) {
            double z0 = rng.nextGaussian();
            double z1 = rng.nextGaussian();
            for (int a = 0; a < d; a++) {
                rows[i][a] = w[a][0] * z0 + w[a][1] * z1 + Math.sqrt(psi[a]) * rng.nextGaussian();
                missing[i][a] = rng.nextDouble() < 0.2;
            }
        }
        double[][] truth = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                truth[a][b] = w[a][0] * w[b][0] + w[a][1] * w[b][1] + (a == b ? psi[a] : 0);
            }
        }
        FactorAnalysis fa = FactorAnalysis.builder().factors(2).build();
        EmOptions options = EmOptions.builder().tolerance(1e-7).maxIterations(1000).build();
        IncompleteDataset incomplete = IncompleteDataset.of(rows, missing);
        double withMissing = FactorFixtureTest.relativeMaxDifference(
                fa.fit(incomplete, options).parameters().covariance(), truth);
        double imputed = FactorFixtureTest.relativeMaxDifference(
                fa.fit(incomplete.meanImputed(), options).parameters().covariance(), truth);
        double complete = FactorFixtureTest.relativeMaxDifference(
                fa.fit(Dataset.of(rows), options).parameters().covariance(), truth);
        assertThat(withMissing).isLessThan(0.1).isLessThan(complete * 2 + 0.02);
        assertThat(imputed).isGreaterThan(2 * withMissing);
    }

    @Test
    void rowsMissingInEveryColumnAreSkipped() {
        SplittableRandom rng = new SplittableRandom(5);
        IncompleteDataset data = randomIncomplete(rng, 60, 4, 0.2);
        double[][] rows = data.toArray();
        double[][] withEmpty = Arrays.copyOf(rows, rows.length + 2);
        withEmpty[rows.length] = new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        withEmpty[rows.length + 1] = withEmpty[rows.length].clone();
        FactorAnalysis fa = FactorAnalysis.builder().factors(1).build();
        EmOptions options = EmOptions.builder().tolerance(0).maxIterations(30).threads(1).build();
        EmResult<FactorParameters> a = fa.fit(data, options);
        EmResult<FactorParameters> b = fa.fit(IncompleteDataset.of(withEmpty), options);
        assertThat(b.logLikelihood()).isCloseTo(a.logLikelihood(),
                org.assertj.core.data.Offset.offset(1e-9 * Math.abs(a.logLikelihood())));
        assertThat(a.warnings()).isEmpty();
        assertThat(b.warnings().toString()).contains("2 row(s) missing in every column").contains("[60, 61]");
    }

    static IncompleteDataset randomIncomplete(SplittableRandom rng, int n, int d, double rate) {
        double[][] load = new double[d][2];
        for (double[] l : load) {
            l[0] = 2 * rng.nextGaussian();
            l[1] = rng.nextGaussian();
        }
        double[][] rows = new double[n][d];
        boolean[][] missing = new boolean[n][d];
        for (int i = 0; i < n; i++) {
            double z0 = rng.nextGaussian();
            double z1 = rng.nextGaussian();
            for (int a = 0; a < d; a++) {
                rows[i][a] = 1 + a + load[a][0] * z0 + load[a][1] * z1 + (0.3 + 0.2 * a) * rng.nextGaussian();
                missing[i][a] = rng.nextDouble() < rate;
            }
            if (i < 4) { // one observed cell
                Arrays.fill(missing[i], true);
                missing[i][i % d] = false;
            } else if (allTrue(missing[i])) {
                missing[i][rng.nextInt(d)] = false;
            }
        }
        return IncompleteDataset.of(rows, missing);
    }

    private static boolean allTrue(boolean[] b) {
        for (boolean v : b) {
            if (!v) {
                return false;
            }
        }
        return true;
    }
}
