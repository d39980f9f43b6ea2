package io.emkit.hmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.gmm.CovarianceType;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Seeded invariants of Baum-Welch and the fitted-model queries. */
class PropertiesTest {

    /** Round-off in a sum of S probabilities. */
    private static final double SUM_TOLERANCE = 1e-12;
    /** Relative round-off allowed in a log-likelihood decrease. */
    private static final double ROUND_OFF = 1e-10;

    private static BaumWelch categorical(int states, int symbols) {
        return BaumWelch.builder().states(states).emission(EmissionFamily.categorical(symbols))
                .build();
    }

    private static EmOptions fixed(int iterations, int threads) {
        return EmOptions.builder().tolerance(0).maxIterations(iterations).threads(threads).seed(3).chunkSize(500).build();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void posteriorsSumToOnePerStep(long seed) {
        TestModels.Sample sample = TestModels.sample(TestModels.gaussian3(), 3, 50, 400, seed);
        FittedHmm fitted = FittedHmm.of(TestModels.gaussian3());
        for (int r = 0; r < 3; r++) {
            for (double[] row : fitted.posteriors(sample.data(), r)) {
                assertThat(row[0] + row[1] + row[2]).isCloseTo(1.0, within(SUM_TOLERANCE));
                for (double v : row) {
                    assertThat(v).isBetween(0.0, 1.0);
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void reestimatedRowsSumToOneAndLogLikelihoodNeverDecreases(long seed) {
        TestModels.Sample sample = TestModels.sample(TestModels.casino(), 6, 100, 600, seed);
        EmResult<HmmParameters> result = categorical(3, 6).fit(sample.data(), fixed(30, 1).toBuilder().seed(seed).build());
        HmmParameters p = result.parameters();
        assertThat(sum(p.startProbabilities().toArray())).isCloseTo(1.0, within(SUM_TOLERANCE));
        for (int i = 0; i < 3; i++) {
            assertThat(sum(p.transitions().row(i))).isCloseTo(1.0, within(SUM_TOLERANCE));
            assertThat(sum(((CategoricalEmission) p.emission()).toArray()[i])).isCloseTo(1.0, within(SUM_TOLERANCE));
        }
        double[] trace = result.trace().toArray();
        for (int i = 1; i < trace.length; i++) {
            assertThat(trace[i]).isGreaterThanOrEqualTo(trace[i - 1] - ROUND_OFF * Math.abs(trace[i - 1]));
        }
        assertThat(result.logLikelihood()).isGreaterThanOrEqualTo(trace[trace.length - 1]);
    }

    @Test
    void splittingAcrossThreadsIsBitIdenticalToOneThread() {
        TestModels.Sample sample = TestModels.sample(TestModels.gaussian2d(), 40, 20, 300, 9);
        BaumWelch model = BaumWelch.builder().states(2).emission(EmissionFamily.gaussian(CovarianceType.FULL))
                .build();
        assertThat(sample.data().chunks(700)).hasSizeGreaterThan(3);
        EmResult<HmmParameters> one = model.fit(sample.data(), fixed(8, 1).toBuilder().chunkSize(700).build());
        EmResult<HmmParameters> two = model.fit(sample.data(), fixed(8, 2).toBuilder().chunkSize(700).build());
        EmResult<HmmParameters> four = model.fit(sample.data(), fixed(8, 4).toBuilder().chunkSize(700).build());
        assertThat(two.trace().toArray()).containsExactly(one.trace().toArray());
        assertThat(four.trace().toArray()).containsExactly(one.trace().toArray());
        assertThat(two.logLikelihood()).isEqualTo(one.logLikelihood());
        assertThat(two.parameters().transitions()).isEqualTo(one.parameters().transitions());
        assertThat(two.parameters().emission()).isEqualTo(one.parameters().emission());
        assertThat(four.parameters().emission()).isEqualTo(one.parameters().emission());
    }

    @Test
    void structuralZerosStayExactlyZero() {
        // left-to-right: 0 -> {0, 1}, 1 -> {1, 2}, 2 -> {2}
        HmmParameters truth = HmmParameters.of(new double[] {1, 0, 0},
                new double[][] {{0.9, 0.1, 0}, {0, 0.9, 0.1}, {0, 0, 1}},
                CategoricalEmission.of(new double[][] {{0.7, 0.2, 0.1}, {0.1, 0.8, 0.1}, {0.1, 0.1, 0.8}}));
        TestModels.Sample sample = TestModels.sample(truth, 10, 40, 60, 4);
        BaumWelch model = BaumWelch.builder().states(3).emission(EmissionFamily.categorical(3))
                .allowedTransitions(new boolean[][] {{true, true, false}, {false, true, true}, {false, false, true}})
                .build();
        HmmParameters start = model.initialize(sample.data(), new SplittableRandom(1));
        assertThat(start.transitions().get(0, 2)).isZero();
        EmResult<HmmParameters> result = model.fit(sample.data(), fixed(20, 1));
        TransitionMatrix a = result.parameters().transitions();
        assertThat(new double[] {a.get(0, 2), a.get(1, 0), a.get(2, 0), a.get(2, 1)}).containsOnly(0.0);
        assertThat(a.get(2, 2)).isEqualTo(1.0);
        assertThat(a.get(0, 1)).isPositive();
        // 6 free transition parameters fewer than a full 3 x 3 matrix would have... minus structural zeros
        assertThat(model.parameterCount(result.parameters())).isEqualTo(2 + 2 + 3 * 2);
    }

    @Test
    void partsThatAreNotReestimatedAreKept() {
        TestModels.Sample sample = TestModels.sample(TestModels.casino(), 4, 300, 300, 5);
        HmmParameters init = HmmParameters.of(new double[] {0.3, 0.7}, new double[][] {{0.8, 0.2}, {0.3, 0.7}},
                TestModels.casino().emission());
        BaumWelch model = BaumWelch.builder().states(2).emission(EmissionFamily.categorical(6))
                .reestimate(HmmPart.TRANSITIONS).initialParameters(init).build();
        EmResult<HmmParameters> result = model.fit(sample.data(), fixed(5, 1));
        assertThat(result.parameters().startProbabilities()).isEqualTo(init.startProbabilities());
        assertThat(result.parameters().emission()).isSameAs(init.emission());
        assertThat(result.parameters().transitions()).isNotEqualTo(init.transitions());
        assertThat(model.parameterCount(result.parameters())).isEqualTo(2);
    }

    @Test
    void aWeightOfTwoEqualsTheSequenceTwice() {
        TestModels.Sample sample = TestModels.sample(TestModels.casino(), 3, 100, 200, 6);
        int[][] symbols = {sample.data().symbols(0), sample.data().symbols(1), sample.data().symbols(2)};
        Sequences weighted = Sequences.ofSymbols(symbols).withWeights(new double[] {1, 2, 1});
        Sequences repeated = Sequences.ofSymbols(new int[][] {symbols[0], symbols[1], symbols[1], symbols[2]});
        BaumWelch model = BaumWelch.builder().states(2).emission(EmissionFamily.categorical(6))
                .initialParameters(TestModels.casino()).build();
        EmResult<HmmParameters> a = model.fit(weighted, fixed(5, 1));
        EmResult<HmmParameters> b = model.fit(repeated, fixed(5, 1));
        assertThat(a.logLikelihood()).isCloseTo(b.logLikelihood(), within(1e-10 * Math.abs(b.logLikelihood())));
        HmmFixtures.assertClose("transitions", a.parameters().transitions().toRowMajor(),
                b.parameters().transitions().toRowMajor(), 1e-12);
        HmmFixtures.assertClose("start", a.parameters().startProbabilities().toArray(),
                b.parameters().startProbabilities().toArray(), 1e-12);
    }

    @Test
    void aMillionStepSequenceNeitherUnderflowsNorFails() {
        TestModels.Sample sample = TestModels.sample(TestModels.casino(), 1, 1_000_000, 1_000_000, 8);
        FittedHmm fitted = FittedHmm.of(TestModels.casino());
        double logLikelihood = fitted.logLikelihood(sample.data());
        // roughly -1.7 nats per roll; an unscaled forward pass would reach exp(-1.7e6) = 0
        assertThat(logLikelihood / 1_000_000).isBetween(-1.9, -1.5);
        BaumWelch model = BaumWelch.builder().states(2).emission(EmissionFamily.categorical(6)).build();
        assertThat(sample.data().chunks(EmOptions.DEFAULT_CHUNK_SIZE)).hasSize(1);
        EmResult<HmmParameters> result = Em.fit(model, sample.data(), TestModels.casino(), fixed(1, 2));
        assertThat(result.logLikelihood()).isGreaterThanOrEqualTo(logLikelihood);
        assertThat(result.trace().get(0)).isCloseTo(logLikelihood, within(1e-9 * Math.abs(logLikelihood)));
    }

    @Test
    void samplingIsReproducibleAndFollowsTheModel() {
        FittedHmm fitted = FittedHmm.of(TestModels.casino());
        FittedHmm.SampledSequence a = fitted.sample(20_000, new SplittableRandom(42));
        FittedHmm.SampledSequence b = fitted.sample(20_000, new SplittableRandom(42));
        assertThat(a.states()).isEqualTo(b.states());
        assertThat(a.observations().symbols(0)).containsExactly(b.observations().symbols(0));
        // stationary share of the loaded state: 0.05 / (0.05 + 0.10) = 1/3; the chain mixes in
        // ~7 steps, so 20,000 steps give a standard error near 0.012; allow 5 of them
        int loaded = 0;
        for (int s : a.states().toArray()) {
            loaded += s;
        }
        assertThat(loaded / 20_000.0).isCloseTo(1.0 / 3, within(0.06));
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
