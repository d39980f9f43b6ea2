package io.emkit.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emkit.core.Dataset;
import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.GaussianMixture;
import io.emkit.gmm.GaussianMixtureModel;
import io.emkit.hmm.BaumWelch;
import io.emkit.hmm.EmissionFamily;
import io.emkit.hmm.HmmParameters;
import io.emkit.hmm.Sequences;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A fit through {@link SparkExecutor} (local[2]) against the same fit with the local executor. */
class SparkExecutorTest {

    private static SparkSession spark;
    private static JavaSparkContext context;

    @BeforeAll
    static void start() {
        spark = SparkSessions.start("local[2]", "SparkExecutorTest");
        context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Three separated blobs in 3-d, with the given sample weights (or none). */
    static Dataset blobs(int n, long seed, boolean weighted) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[n][3];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            int j = i % 3;
            for (int a = 0; a < 3; a++) {
                rows[i][a] = 4.0 * j * (a == j % 3 ? 1 : 0.3) + random.nextGaussian() * (1 + 0.5 * a);
            }
            weights[i] = 0.5 + random.nextDouble();
        }
        return weighted ? Dataset.of(rows, weights) : Dataset.of(rows);
    }

    private static EmOptions options(int chunk) {
        return EmOptions.builder().maxIterations(15).tolerance(0).restarts(2).seed(7).threads(2).chunkSize(chunk)
                .build();
    }

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void gaussianMixtureIsBitIdenticalToTheLocalFit(CovarianceType type) {
        Dataset data = blobs(2000, 1, type == CovarianceType.DIAGONAL);
        GaussianMixtureModel model = GaussianMixtureModel.builder().components(3).covarianceType(type).build();
        EmOptions options = options(300); // 7 chunks over 2 partitions
        EmResult<GaussianMixture> local = Em.fit(model, data, options);
        EmResult<GaussianMixture> spark;
        try (SparkExecutor<Dataset> executor = SparkExecutor.of(context, data, ChunkCodec.rows(), options)) {
            assertThat(executor.chunkCount()).isEqualTo(7);
            assertThat(executor.partitions()).isEqualTo(2);
            spark = Em.fit(model, executor, null, options);
        }
        assertThat(spark.logLikelihood()).isEqualTo(local.logLikelihood());
        assertThat(spark.trace().toArray()).isEqualTo(local.trace().toArray());
        assertThat(spark.restartLogLikelihoods()).isEqualTo(local.restartLogLikelihoods());
        assertThat(spark.bestRestart()).isEqualTo(local.bestRestart());
        assertThat(spark.parameters().weights()).isEqualTo(local.parameters().weights());
        assertThat(spark.parameters().means()).isEqualTo(local.parameters().means());
        assertThat(spark.parameters().fullCovariances()).isEqualTo(local.parameters().fullCovariances());
        assertThat(spark.iterations()).isEqualTo(15);
    }

    @Test
    void partitionOrderMergeAgreesToRoundingAndIsRepeatable() {
        Dataset data = blobs(3000, 2, false);
        GaussianMixtureModel model = GaussianMixtureModel.builder().components(3).build();
        EmOptions options = options(250);
        EmResult<GaussianMixture> local = Em.fit(model, data, options);
        double[] first = null;
        for (int repeat = 0; repeat < 2; repeat++) {
            try (SparkExecutor<Dataset> executor = SparkExecutor.of(context, data, ChunkCodec.rows(), 250, 3,
                    SparkExecutor.Merge.PARTITION_ORDER)) {
                EmResult<GaussianMixture> spark = Em.fit(model, executor, null, options);
                assertThat(Math.abs(spark.logLikelihood() - local.logLikelihood()))
                        .isLessThanOrEqualTo(1e-12 * Math.abs(local.logLikelihood()));
                // the two restarts reach the same optimum with their components in different orders, and
                // rounding decides which of the two is kept: compare the components, not their indices
                double[][] a = spark.parameters().means();
                double[][] b = local.parameters().means();
                boolean[] matched = new boolean[3];
                for (int j = 0; j < 3; j++) {
                    int match = -1;
                    for (int l = 0; l < 3 && match < 0; l++) {
                        boolean close = !matched[l];
                        for (int c = 0; c < 3; c++) {
                            close &= Math.abs(a[l][c] - b[j][c]) <= 1e-12 * (1 + Math.abs(b[j][c]));
                        }
                        match = close ? l : -1;
                    }
                    assertThat(match).as("a Spark component within rounding of local component %s", j)
                            .isNotNegative();
                    matched[match] = true;
                }
                if (first == null) {
                    first = spark.trace().toArray();
                } else {
                    assertThat(spark.trace().toArray()).isEqualTo(first);
                }
            }
        }
    }

    @Test
    void hiddenMarkovModelIsBitIdenticalToTheLocalFit() {
        SplittableRandom random = new SplittableRandom(3);
        List<double[][]> list = new ArrayList<>();
        for (int r = 0; r < 30; r++) {
            int length = 20 + random.nextInt(30);
            double[][] sequence = new double[length][2];
            int state = 0;
            for (int t = 0; t < length; t++) {
                if (random.nextDouble() < 0.1) {
                    state = 1 - state;
                }
                sequence[t][0] = 3 * state + random.nextGaussian();
                sequence[t][1] = -2 * state + random.nextGaussian();
            }
            list.add(sequence);
        }
        double[] weights = new double[list.size()];
        for (int r = 0; r < weights.length; r++) {
            weights[r] = 1 + r % 3;
        }
        Sequences data = Sequences.ofVectors(list.toArray(new double[0][][])).withWeights(weights);
        BaumWelch model = BaumWelch.builder().states(2).emission(EmissionFamily.gaussian(CovarianceType.FULL)).build();
        EmOptions options = EmOptions.builder().maxIterations(8).tolerance(0).seed(7).threads(2).chunkSize(200)
                .build();
        EmResult<HmmParameters> local = Em.fit(model, data, options);
        EmResult<HmmParameters> spark;
        try (SparkExecutor<Sequences> executor = SparkExecutor.of(context, data, ChunkCodec.sequences(), options)) {
            assertThat(executor.chunkCount()).isGreaterThan(2);
            spark = Em.fit(model, executor, null, options);
        }
        assertThat(spark.logLikelihood()).isEqualTo(local.logLikelihood());
        assertThat(spark.trace()).isEqualTo(local.trace());
        assertThat(spark.parameters().startProbabilities()).isEqualTo(local.parameters().startProbabilities());
        assertThat(spark.parameters().transitions()).isEqualTo(local.parameters().transitions());
        assertThat(spark.parameters().emission().toString()).isEqualTo(local.parameters().emission().toString());
    }

    @Test
    void warningsAndListenersWorkAsLocally() {
        // k = 4 on 3 tight blobs of 2 rows each: components collapse and are re-seeded.
        Dataset data = Dataset.of(new double[][] {{0, 0}, {0, 0.001}, {5, 5}, {5, 5.001}, {9, 0}, {9, 0.001}});
        GaussianMixtureModel model = GaussianMixtureModel.builder().components(4).build();
        List<Integer> seen = new ArrayList<>();
        EmOptions options = EmOptions.builder().maxIterations(10).tolerance(0).seed(1).chunkSize(2)
                .listener(event -> seen.add(event.iteration())).build();
        EmResult<GaussianMixture> local = Em.fit(model, data, options);
        int localEvents = seen.size();
        seen.clear();
        EmResult<GaussianMixture> spark;
        try (SparkExecutor<Dataset> executor = SparkExecutor.of(context, data, ChunkCodec.rows(), options)) {
            spark = Em.fit(model, executor, null, options);
        }
        assertThat(seen).hasSize(localEvents).isNotEmpty();
        assertThat(spark.warnings()).isEqualTo(local.warnings());
        assertThat(spark.logLikelihood()).isEqualTo(local.logLikelihood());
    }

    @Test
    void aModelErrorOnAWorkerIsRethrownAsItself() {
        Dataset data = blobs(100, 4, false);
        GaussianMixtureModel model = GaussianMixtureModel.builder().components(2).build();
        // parameters of the wrong dimension: the E-step on the worker rejects them
        GaussianMixture wrong = GaussianMixture.full(new double[] {0.5, 0.5}, new double[][] {{0, 0}, {1, 1}},
                new double[][][] {{{1, 0}, {0, 1}}, {{1, 0}, {0, 1}}});
        try (SparkExecutor<Dataset> executor = SparkExecutor.of(context, data, ChunkCodec.rows(), 50, 2,
                SparkExecutor.Merge.CHUNK_ORDER)) {
            assertThatThrownBy(() -> executor.expect(model, wrong))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("dimension");
        }
    }

    @Test
    void rejectsBadArguments() {
        Dataset data = blobs(10, 5, false);
        assertThatThrownBy(() -> SparkExecutor.of(context, data, ChunkCodec.rows(), 0, 2, SparkExecutor.Merge.CHUNK_ORDER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unitsPerChunk (0)");
        assertThatThrownBy(() -> SparkExecutor.of(context, data, ChunkCodec.rows(), 5, 0, SparkExecutor.Merge.CHUNK_ORDER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partitions (0)");
    }
}
