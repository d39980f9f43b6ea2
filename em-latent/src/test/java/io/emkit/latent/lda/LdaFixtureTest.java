package io.emkit.latent.lda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * λ after N batch EM iterations from a given start, against scikit-learn's batch
 * LatentDirichletAllocation with the per-document loop converged (fixtures/lda/README.md).
 */
class LdaFixtureTest {

    /** The agreement on λ, per entry, relative. */
    private static final double LAMBDA_TOLERANCE = 1e-8;
    /** Bound agreement, relative: sums of thousands of terms agreeing to about 1e-12 each. */
    private static final double BOUND_TOLERANCE = 1e-9;
    /** Inner loop as in the fixtures: run to convergence. */
    private static final double INNER_TOLERANCE = 1e-12;
    private static final int MAX_INNER = 100_000;
    /** A decrease of the bound smaller than this (relative) is round-off. */
    private static final double ROUND_OFF = 1e-12;

    static LatentDirichletAllocation model(JsonNode fixture) {
        return LatentDirichletAllocation.builder().topics(fixture.get("topics").intValue())
                .docTopicPrior(fixture.get("docTopicPrior").doubleValue())
                .topicWordPrior(fixture.get("topicWordPrior").doubleValue())
                .innerTolerance(INNER_TOLERANCE).maxInnerIterations(MAX_INNER).documentsPerChunk(16).build();
    }

    static LdaParameters start(JsonNode fixture) {
        return LdaParameters.of(Fixtures.matrix(fixture.get("initLambda")), fixture.get("docTopicPrior").doubleValue(),
                fixture.get("topicWordPrior").doubleValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"lda_bars.json", "lda_random.json", "lda_text.json"})
    void lambdaAfterNIterationsMatchesScikitLearn(String name) {
        JsonNode fixture = Fixtures.read(name);
        Documents documents = name.equals("lda_text.json") ? Fixtures.documentsFromTriples(fixture)
                : Fixtures.documents(fixture);
        assertThat(documents.vocabulary()).containsExactlyElementsOf(Fixtures.strings(fixture.get("terms")));
        int iterations = fixture.get("iterations").intValue();
        EmOptions options = EmOptions.builder().tolerance(0).maxIterations(iterations).threads(2).build();
        FittedLda fitted = model(fixture).fit(documents, start(fixture), options);

        double[][] expected = Fixtures.matrix(fixture.get("expectedLambda"));
        double[][] actual = fitted.parameters().topicWord();
        double worst = 0;
        for (int k = 0; k < expected.length; k++) {
            for (int w = 0; w < expected[k].length; w++) {
                double relative = Math.abs(actual[k][w] - expected[k][w]) / expected[k][w];
                worst = Math.max(worst, relative);
                assertThat(relative).as("%s lambda[%d][%d]", name, k, w).isLessThanOrEqualTo(LAMBDA_TOLERANCE);
            }
        }
        EmResult<LdaParameters> result = fitted.result().orElseThrow();
        assertThat(result.iterations()).isEqualTo(iterations);
        double[] boundTrace = Fixtures.vector(fixture.get("boundTrace"));
        double[] trace = result.trace().toArray();
        for (int i = 0; i < trace.length; i++) {
            assertThat(trace[i]).as("%s bound before iteration %d", name, i + 1)
                    .isCloseTo(boundTrace[i], within(BOUND_TOLERANCE * Math.abs(boundTrace[i])));
        }
        double bound = fixture.get("bound").doubleValue();
        assertThat(result.logLikelihood()).isCloseTo(bound, within(BOUND_TOLERANCE * Math.abs(bound)));
        assertThat(fitted.bound(documents)).isCloseTo(bound, within(BOUND_TOLERANCE * Math.abs(bound)));
        double perplexity = fixture.get("perplexity").doubleValue();
        assertThat(fitted.perplexity(documents)).isCloseTo(perplexity, within(BOUND_TOLERANCE * perplexity));

        double[][] theta = fitted.transform(documents);
        double[][] expectedTheta = Fixtures.matrix(fixture.get("transform"));
        for (int d = 0; d < theta.length; d++) {
            assertThat(theta[d]).as("%s theta[%d]", name, d).containsExactly(expectedTheta[d], within(1e-8));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lda_bars.json", "lda_random.json", "lda_text.json"})
    void boundNeverDecreasesWithConvergedInnerLoops(String name) {
        JsonNode fixture = Fixtures.read(name);
        Documents documents = Fixtures.documents(fixture);
        EmOptions options = EmOptions.builder().tolerance(0).maxIterations(40).threads(2).build();
        EmResult<LdaParameters> result = model(fixture).fit(documents, start(fixture), options).result().orElseThrow();
        double[] trace = result.trace().toArray();
        double previous = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < trace.length; i++) {
            assertThat(trace[i]).as("%s bound before iteration %d", name, i + 1)
                    .isGreaterThanOrEqualTo(previous - ROUND_OFF * Math.abs(previous));
            previous = trace[i];
        }
        assertThat(result.logLikelihood()).isGreaterThanOrEqualTo(previous - ROUND_OFF * Math.abs(previous));
        assertThat(result.logLikelihood()).isGreaterThan(trace[0]);
    }
}
