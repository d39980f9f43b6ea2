package io.emkit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emkit.core.Dataset;
import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.GaussianMixture;
import io.emkit.gmm.GaussianMixtureModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Per-row weights from a second file, read in lockstep with the streamed data. */
class WeightedStreamingTest {

    @TempDir
    Path dir;

    private static final GaussianMixtureModel MODEL =
            GaussianMixtureModel.builder().components(3).covarianceType(CovarianceType.FULL).build();

    private Path data(int n) throws IOException {
        SplittableRandom random = new SplittableRandom(6);
        StringBuilder text = new StringBuilder("a,b\n");
        for (int i = 0; i < n; i++) {
            int c = random.nextInt(3);
            text.append(3 * c + random.nextGaussian()).append(',').append(c * c + random.nextGaussian()).append('\n');
        }
        Path file = dir.resolve("x.csv");
        Files.writeString(file, text);
        return file;
    }

    /** Weights in {0, 0.5, 1, 2.5}, with rows 100..299 all zero (whole chunks of zero weight at chunk size 50). */
    private Path weights(String name, int n, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        double[] choices = {0, 0.5, 1, 2.5};
        StringBuilder text = new StringBuilder("w\n");
        for (int i = 0; i < n; i++) {
            text.append(i >= 100 && i < 300 ? 0.0 : choices[random.nextInt(4)]).append('\n');
        }
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static Dataset weighted(Path data, Path weights) throws IOException {
        Dataset rows = NumericTable.read(data, CsvOptions.defaults()).toDataset();
        double[][] w = NumericTable.read(weights, CsvOptions.defaults()).toArray();
        double[] values = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            values[i] = w[i][0];
        }
        return rows.withWeights(values);
    }

    @ParameterizedTest
    @CsvSource({"4096, 1, true", "50, 2, true", "50, 1, false", "333, 2, false"})
    void aWeightedFitIsBitIdenticalToTheInMemoryWeightedFit(int chunk, int threads, boolean cache) throws IOException {
        Path data = data(2000);
        Path weights = weights("w.csv", 2000, 1);
        Dataset memoryData = weighted(data, weights);
        EmOptions options = EmOptions.builder().threads(threads).chunkSize(chunk).tolerance(1e-9).maxIterations(30)
                .seed(2).build();
        EmResult<GaussianMixture> memory = Em.fit(MODEL, memoryData, options);
        for (int open = 0; open < 2; open++) {
            try (StreamingExecutor stream = StreamingExecutor.builder(data).options(options).weights(weights)
                    .cache(cache).open()) {
                assertThat(stream.cacheReused()).isEqualTo(cache && open == 1);
                Dataset sample = stream.data(); // the whole file, with its weights
                assertThat(sample.isWeighted()).isTrue();
                for (int i = 0; i < sample.size(); i++) {
                    assertThat(sample.weight(i)).isEqualTo(memoryData.weight(i));
                }
                EmResult<GaussianMixture> streamed = Em.fit(MODEL, stream, null, options);
                assertThat(streamed.logLikelihood()).isEqualTo(memory.logLikelihood());
                assertThat(streamed.iterations()).isEqualTo(memory.iterations());
                assertThat(streamed.parameters().means()).isDeepEqualTo(memory.parameters().means());
                assertThat(streamed.parameters().weights()).isEqualTo(memory.parameters().weights());
            }
        }
    }

    @Test
    void otherWeightsMakeAnotherCacheAndAnotherFit() throws IOException {
        Path data = data(500);
        EmOptions options = EmOptions.builder().threads(1).maxIterations(5).tolerance(0).seed(1).build();
        double[] logLikelihoods = new double[2];
        Path[] caches = new Path[2];
        for (int k = 0; k < 2; k++) {
            Path weights = weights("w" + k + ".csv", 500, 10 + k);
            try (StreamingExecutor stream = StreamingExecutor.builder(data).options(options).weights(weights).open()) {
                assertThat(stream.cacheReused()).isFalse();
                caches[k] = stream.cacheFile();
                logLikelihoods[k] = Em.fit(MODEL, stream, null, options).logLikelihood();
                assertThat(logLikelihoods[k]).isEqualTo(Em.fit(MODEL, weighted(data, weights), options).logLikelihood());
            }
        }
        assertThat(caches[1]).isNotEqualTo(caches[0]);
        assertThat(logLikelihoods[1]).isNotEqualTo(logLikelihoods[0]);
    }

    @Test
    void badWeightFilesAreNamedWithTheFix() throws IOException {
        Path data = data(10);
        String[][] cases = {
            {"1\n".repeat(9), "w.csv: 9 weights for 10 data rows"},
            {"1\n".repeat(12), "w.csv: 12 weights for 10 data rows"},
            {"1\n1\n-2\n" + "1\n".repeat(7), "w.csv: weight -2.0 of data row 3 is negative"},
            {"1,2\n".repeat(10), "w.csv: expected one weight per line, found 2 columns"},
            {"0\n".repeat(10), "w.csv: the sample weights are all zero"},
        };
        for (String[] c : cases) {
            Path weights = dir.resolve("w.csv");
            Files.writeString(weights, c[0]);
            assertThatThrownBy(() -> StreamingExecutor.builder(data).weights(weights).cache(false).open())
                    .as(c[1]).isInstanceOf(IllegalArgumentException.class).hasMessage(weights.getParent().resolve(c[1])
                            .toString());
        }
    }
}
