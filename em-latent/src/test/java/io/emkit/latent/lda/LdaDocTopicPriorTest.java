package io.emkit.latent.lda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import org.junit.jupiter.api.Test;

/**
 * The optional estimation of {@code α}: against a numpy implementation written from the equations
 * ({@code fixtures/lda/make_lda_alpha_fixture.py}, α by Brent's root finder), the bound's monotonicity,
 * and scipy's trigamma.
 */
class LdaDocTopicPriorTest {

    private static final JsonNode FIXTURE = Fixtures.read("lda_bars_alpha.json");
    private static final JsonNode BARS = Fixtures.read("lda_bars.json");

    private static LatentDirichletAllocation model(boolean optimize) {
        return LatentDirichletAllocation.builder().topics(FIXTURE.get("topics").intValue())
                .docTopicPrior(FIXTURE.get("startDocTopicPrior").doubleValue())
                .topicWordPrior(FIXTURE.get("topicWordPrior").doubleValue())
                .innerTolerance(1e-12).maxInnerIterations(100_000).documentsPerChunk(16)
                .optimizeDocTopicPrior(optimize).build();
    }

    private static FittedLda fit(int iterations) {
        return model(true).fit(Fixtures.documents(BARS), LdaFixtureTest.start(BARS),
                EmOptions.builder().tolerance(0).maxIterations(iterations).threads(2).build());
    }

    @Test
    void alphaLambdaAndBoundMatchTheNumpyReference() {
        double[] alphas = Fixtures.vector(FIXTURE.get("alphaTrace"));
        int n = FIXTURE.get("iterations").intValue();
        assertThat(fit(1).parameters().docTopicPrior()).isCloseTo(alphas[1], within(1e-8 * alphas[1]));
        FittedLda fitted = fit(n);
        assertThat(fitted.parameters().docTopicPrior()).isCloseTo(alphas[n], within(1e-8 * alphas[n]));
        double[][] expected = Fixtures.matrix(FIXTURE.get("expectedLambda"));
        double[][] actual = fitted.parameters().topicWord();
        for (int k = 0; k < expected.length; k++) {
            for (int w = 0; w < expected[k].length; w++) {
                assertThat(actual[k][w]).as("lambda[%d][%d]", k, w)
                        .isCloseTo(expected[k][w], within(1e-8 * expected[k][w]));
            }
        }
        double[] bounds = Fixtures.vector(FIXTURE.get("boundTrace"));
        double[] trace = fitted.result().orElseThrow().trace().toArray();
        for (int i = 0; i < trace.length; i++) {
            assertThat(trace[i]).as("bound before iteration %d", i + 1)
                    .isCloseTo(bounds[i], within(1e-9 * Math.abs(bounds[i])));
        }
        assertThat(fitted.result().orElseThrow().logLikelihood())
                .isCloseTo(bounds[n], within(1e-9 * Math.abs(bounds[n])));
    }

    /**
     * Synthetic corpus drawn with a known {@code α = 2} (K = 3 topics on disjoint blocks of 10 terms, 400
     * documents of 200 tokens, seeded): the estimate recovers it within 10% and the bound never
     * decreases. (With a small {@code α}, below about 0.5, each E-step restarted from {@code γ = 1} may
     * pick another of several fixed points, see fixtures/lda/README.md, so monotonicity is checked
     * where the estimate stays above that.)
     */
    @Test
    void recoversAKnownAlphaAndTheBoundNeverDecreases() {
        int k = 3;
        int block = 10;
        java.util.SplittableRandom random = new java.util.SplittableRandom(15);
        int[][] ids = new int[400][];
        double[][] counts = new double[400][];
        for (int d = 0; d < ids.length; d++) {
            double[] theta = new double[k];
            double sum = 0;
            for (int a = 0; a < k; a++) {
                theta[a] = SpecialFunctions.gamma(2.0, 1.0, random);
                sum += theta[a];
            }
            double[] c = new double[k * block];
            for (int token = 0; token < 200; token++) {
                double u = random.nextDouble() * sum;
                int topic = 0;
                while (topic < k - 1 && u >= theta[topic]) {
                    u -= theta[topic];
                    topic++;
                }
                c[topic * block + random.nextInt(block)]++;
            }
            ids[d] = java.util.stream.IntStream.range(0, c.length).filter(w -> c[w] > 0).toArray();
            counts[d] = java.util.Arrays.stream(ids[d]).mapToDouble(w -> c[w]).toArray();
        }
        Documents documents = Documents.of(java.util.stream.IntStream.range(0, k * block)
                .mapToObj(Integer::toString).toList(), ids, counts);
        FittedLda fitted = LatentDirichletAllocation.builder().topics(k).docTopicPrior(1.0).topicWordPrior(0.1)
                .innerTolerance(1e-12).maxInnerIterations(100_000).optimizeDocTopicPrior(true).build()
                .fit(documents, EmOptions.builder().tolerance(0).maxIterations(150).threads(2).seed(3).build());
        double[] trace = fitted.result().orElseThrow().trace().toArray();
        for (int i = 1; i < trace.length; i++) {
            assertThat(trace[i]).as("bound before iteration %d", i + 1)
                    .isGreaterThanOrEqualTo(trace[i - 1] - 1e-12 * Math.abs(trace[i - 1]));
        }
        assertThat(fitted.parameters().docTopicPrior()).isCloseTo(2.0, within(0.2));
    }

    @Test
    void newtonStepMaximisesTheAlphaTerms() {
        // S chosen so that the maximiser is α* = 0.3 for K = 4, D = 50: f'(α*) = 0
        int k = 4;
        long d = 50;
        double s = -d * k * (SpecialFunctions.digamma(k * 0.3) - SpecialFunctions.digamma(0.3));
        for (double start : new double[] {1e-4, 0.01, 0.3, 1, 50}) {
            assertThat(DocTopicPriorNewton.maximize(start, k, d, s)).as("from %s", start)
                    .isCloseTo(0.3, within(1e-12));
        }
        assertThat(DocTopicPriorNewton.maximize(0.7, 1, d, 0)).isEqualTo(0.7);
        assertThat(DocTopicPriorNewton.maximize(0.7, k, 0, 0)).isEqualTo(0.7);
    }

    @Test
    void trigammaMatchesScipy() {
        for (JsonNode pair : FIXTURE.get("trigamma")) {
            double x = pair.get(0).doubleValue();
            double expected = pair.get(1).doubleValue();
            assertThat(SpecialFunctions.trigamma(x)).as("trigamma(%s)", x)
                    .isCloseTo(expected, within(1e-13 * expected));
        }
    }

    @Test
    void fixedAlphaStillRejectsOtherPriorsAndOptimisedAcceptsThem() {
        LdaParameters start = LdaParameters.of(Fixtures.matrix(BARS.get("initLambda")), 0.9,
                FIXTURE.get("topicWordPrior").doubleValue());
        EmOptions one = EmOptions.builder().tolerance(0).maxIterations(1).build();
        assertThatThrownBy(() -> model(false).fit(Fixtures.documents(BARS), start, one))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("docTopicPrior 0.9");
        assertThat(model(true).fit(Fixtures.documents(BARS), start, one).parameters().docTopicPrior()).isPositive();
        assertThat(model(true).optimizesDocTopicPrior()).isTrue();
        assertThat(LatentDirichletAllocation.builder().topics(2).build().optimizesDocTopicPrior()).isFalse();
    }
}
