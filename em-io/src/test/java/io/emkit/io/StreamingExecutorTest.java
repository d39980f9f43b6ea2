package io.emkit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emkit.core.Dataset;
import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.LocalExecutor;
import io.emkit.core.mixture.MixtureStatistics;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.GaussianAccumulator;
import io.emkit.gmm.GaussianMixture;
import io.emkit.gmm.GaussianMixtureModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The streaming executor: the in-memory bits, the cache, the sample, bounded memory, errors. */
class StreamingExecutorTest {

    @TempDir
    Path dir;

    /** n rows of three clusters in 3 columns (header a,b,c), row order shuffled. */
    private Path write(String name, int n, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder text = new StringBuilder("a,b,c\n");
        for (int i = 0; i < n; i++) {
            int c = random.nextInt(3);
            text.append(c * 3 + random.nextGaussian()).append(',')
                    .append(-c + 0.5 * random.nextGaussian()).append(',')
                    .append(c * c + random.nextGaussian() * (1 + c)).append('\n');
        }
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static Dataset inMemory(Path file) throws IOException {
        return NumericTable.read(file, CsvOptions.defaults()).toDataset();
    }

    private static final GaussianMixtureModel MODEL =
            GaussianMixtureModel.builder().components(3).covarianceType(CovarianceType.FULL).build();

    @ParameterizedTest
    @CsvSource({"1000, 1", "1000, 2", "333, 2", "4096, 1", "7, 2"})
    void aFitIsBitIdenticalToTheInMemoryFit(int chunk, int threads) throws IOException {
        Path file = write("x.csv", 3000, 1);
        Dataset data = inMemory(file);
        EmOptions options = EmOptions.builder().threads(threads).chunkSize(chunk).tolerance(1e-8).maxIterations(40)
                .seed(3).build();
        EmResult<GaussianMixture> memory = Em.fit(MODEL, data, options);
        try (StreamingExecutor stream = StreamingExecutor.builder(file).options(options).open()) {
            // n is below the sample size: the sample is the whole file, so initialisation matches too
            assertThat(stream.data().toArray()).isDeepEqualTo(data.toArray());
            EmResult<GaussianMixture> streamed = Em.fit(MODEL, stream, null, options);
            assertThat(streamed.logLikelihood()).isEqualTo(memory.logLikelihood());
            assertThat(streamed.iterations()).isEqualTo(memory.iterations());
            assertThat(streamed.parameters().means()).isDeepEqualTo(memory.parameters().means());
            assertThat(streamed.parameters().weights()).isEqualTo(memory.parameters().weights());
            assertThat(stream.passes()).isEqualTo(memory.iterations() + 1);
        }
    }

    @Test
    void oneEStepEqualsTheLocalExecutorsAtEveryThreadCountFromASampledStart() throws IOException {
        Path file = write("x.csv", 3000, 2);
        Dataset data = inMemory(file);
        GaussianMixture start;
        try (StreamingExecutor stream = StreamingExecutor.builder(file).sampleSize(200).seed(9).cache(false).open()) {
            assertThat(stream.data().size()).isEqualTo(200);
            start = MODEL.initialize(stream.data(), new SplittableRandom(1));
        }
        MixtureStatistics<GaussianAccumulator> expected;
        try (LocalExecutor<Dataset> local = LocalExecutor.of(data, 1, 256)) {
            expected = local.expect(MODEL, start);
        }
        for (int threads = 1; threads <= 3; threads++) {
            try (StreamingExecutor stream = StreamingExecutor.builder(file).chunkSize(256).threads(threads).open()) {
                MixtureStatistics<GaussianAccumulator> s = stream.expect(MODEL, start);
                assertThat(s.logLikelihood()).isEqualTo(expected.logLikelihood());
                assertThat(s.componentWeights()).isEqualTo(expected.componentWeights());
                assertThat(stream.maxChunksHeld()).isBetween(1, threads == 1 ? 1 : 2 * threads);
            }
        }
    }

    @Test
    void theCacheIsWrittenReusedAndRebuiltWhenTheFileChanges() throws IOException {
        Path file = write("x.csv", 2000, 3);
        GaussianMixture start = MODEL.initialize(inMemory(file), new SplittableRandom(2));
        double first;
        Path cache;
        try (StreamingExecutor stream = StreamingExecutor.builder(file).open()) {
            assertThat(stream.cacheReused()).isFalse();
            cache = stream.cacheFile();
            assertThat(cache.getParent()).isEqualTo(file.toAbsolutePath().getParent());
            assertThat(Files.size(cache)).isEqualTo(2000L * 3 * 8 + 64);
            first = stream.expect(MODEL, start).logLikelihood();
        }
        try (StreamingExecutor stream = StreamingExecutor.builder(file).open()) {
            assertThat(stream.cacheReused()).isTrue();
            assertThat(stream.cacheFile()).isEqualTo(cache);
            assertThat(stream.expect(MODEL, start).logLikelihood()).isEqualTo(first);
        }
        // same size and time stamp, other first bytes: a new key, a new cache
        String text = Files.readString(file);
        FileTime time = Files.getLastModifiedTime(file);
        Files.writeString(file, "a,b,c\n9" + text.substring(7));
        Files.setLastModifiedTime(file, time);
        try (StreamingExecutor stream = StreamingExecutor.builder(file).open()) {
            assertThat(stream.cacheReused()).isFalse();
            double changed = stream.expect(MODEL, start).logLikelihood();
            assertThat(changed).isNotEqualTo(first);
            try (LocalExecutor<Dataset> local = LocalExecutor.of(inMemory(file), 1, EmOptions.DEFAULT_CHUNK_SIZE)) {
                assertThat(changed).isEqualTo(local.expect(MODEL, start).logLikelihood());
            }
        }
        // a cache folder of one's own, created on demand
        Path folder = dir.resolve("caches/here");
        try (StreamingExecutor stream = StreamingExecutor.builder(file).cacheDirectory(folder).open()) {
            assertThat(stream.cacheFile().getParent()).isEqualTo(folder);
            assertThat(stream.cacheFile()).exists();
        }
    }

    @Test
    void theReservoirSampleIsReproducibleFromTheSeedAndInFileOrder() throws IOException {
        StringBuilder text = new StringBuilder("index,v\n");
        for (int i = 0; i < 5000; i++) {
            text.append(i).append(',').append(i * 0.5).append('\n');
        }
        Path file = dir.resolve("indexed.csv");
        Files.writeString(file, text);
        double[][] one;
        try (StreamingExecutor stream = StreamingExecutor.builder(file).sampleSize(300).seed(5).open()) {
            one = stream.data().toArray();
        }
        try (StreamingExecutor stream = StreamingExecutor.builder(file).sampleSize(300).seed(5).open()) {
            assertThat(stream.data().toArray()).isDeepEqualTo(one);
        }
        try (StreamingExecutor stream = StreamingExecutor.builder(file).sampleSize(300).seed(6).open()) {
            assertThat(stream.data().toArray()).isNotEqualTo(one);
        }
        assertThat(one).hasNumberOfRows(300);
        double mean = 0;
        for (int s = 0; s < one.length; s++) {
            assertThat(one[s][1]).isEqualTo(one[s][0] * 0.5); // whole rows of the file
            if (s > 0) {
                assertThat(one[s][0]).isGreaterThan(one[s - 1][0]); // in file order, no repeats
            }
            mean += one[s][0] / one.length;
        }
        assertThat(mean).isBetween(2500 - 5 * 83.0, 2500 + 5 * 83.0); // uniform: sd of the mean ~ 83
    }

    @Test
    void miniBatchesCoverTheFileInOrderHoldingOneAtATime() throws IOException {
        Path file = write("x.csv", 1000, 4);
        Dataset data = inMemory(file);
        try (StreamingExecutor stream = StreamingExecutor.builder(file).threads(2).open()) {
            double[] sum = new double[1];
            int[] count = new int[1];
            stream.forEachBatch(300, null, batch -> {
                sum[0] += batch.get(0, 0);
                count[0] += batch.size();
            });
            assertThat(count[0]).isEqualTo(1000);
            assertThat(sum[0]).isEqualTo(data.get(0, 0) + data.get(300, 0) + data.get(600, 0) + data.get(900, 0));
            assertThat(stream.maxChunksHeld()).isEqualTo(1);
        }
    }

    @Test
    void onlineEmOverTheFileEqualsOnlineEmInMemoryOnTheSameBatches() throws IOException {
        Path file = write("x.csv", 4000, 7);
        Dataset data = inMemory(file);
        EmOptions options = EmOptions.builder().threads(2).seed(4).tolerance(0).build();
        io.emkit.core.OnlineEm.Settings settings = new io.emkit.core.OnlineEm.Settings(0.7, 2, 500, 2, false);
        EmResult<GaussianMixture> memory = io.emkit.core.OnlineEm.fit(MODEL, data, null, settings, options);
        try (StreamingExecutor stream = StreamingExecutor.builder(file).options(options).open()) {
            EmResult<GaussianMixture> streamed = io.emkit.core.OnlineEm.fit(MODEL, stream, stream, null, settings,
                    options);
            assertThat(streamed.logLikelihood()).isEqualTo(memory.logLikelihood());
            assertThat(streamed.parameters().means()).isDeepEqualTo(memory.parameters().means());
            assertThat(stream.passes()).isEqualTo(4); // burn-in, two passes of batches, the score
        }
    }

    @Test
    void badFilesAreNamedWithTheLineAndTheFix() throws IOException {
        assertThatThrownBy(() -> StreamingExecutor.builder(dir.resolve("none.csv")).open())
                .isInstanceOf(NoSuchFileException.class).hasMessageEndingWith("none.csv: no such file");
        Path file = write("bad.csv", 3000, 5);
        Files.writeString(file, "1.0,oops,2\n", StandardOpenOption.APPEND);
        assertThatThrownBy(() -> StreamingExecutor.builder(file).open())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("bad.csv line 3002, column 1 (\"b\"): \"oops\" is not a number;"
                        + " drop the column with --drop b");
        assertThat(Files.list(dir).filter(p -> p.toString().endsWith(".emcache"))).isEmpty();
        Path ragged = write("ragged.csv", 100, 5);
        Files.writeString(ragged, "1.0,2\n", StandardOpenOption.APPEND);
        assertThatThrownBy(() -> StreamingExecutor.builder(ragged).open())
                .hasMessageEndingWith("ragged.csv line 102 has 2 fields but the header (line 1) has 3;"
                        + " every line needs the same number of fields (quote a field that holds the delimiter \",\")");
        // past the first MiB, the streaming reader finds it, with the same message
        StringBuilder big = new StringBuilder("a,b,c\n");
        while (big.length() < 1_200_000) {
            big.append("1.25,2.5,3.75\n");
        }
        int line = (big.length() - 6) / 14 + 2; // header on line 1, then one row per line
        big.append("1,2\n");
        Path late = dir.resolve("late.csv");
        Files.writeString(late, big);
        assertThatThrownBy(() -> StreamingExecutor.builder(late).open())
                .hasMessageEndingWith("late.csv line " + line + " has 2 fields but the header (line 1) has 3;"
                        + " every line needs the same number of fields (quote a field that holds the delimiter \",\")");
        Path empty = write("empty.csv", 10, 5);
        Files.writeString(empty, "1,,3\n", StandardOpenOption.APPEND);
        assertThatThrownBy(() -> StreamingExecutor.builder(empty).open())
                .hasMessageEndingWith("empty.csv line 12, column 1 (\"b\"): the cell is empty;"
                        + " missing values are not supported when streaming");
    }

    @Test
    void aFileChangedDuringTheFitIsAnError() throws IOException {
        Path file = write("x.csv", 3000, 6);
        GaussianMixture start = MODEL.initialize(inMemory(file), new SplittableRandom(2));
        // changed in the middle of a pass (no cache: the pass parses the text)
        boolean[] touched = {false};
        try (StreamingExecutor stream = StreamingExecutor.builder(file).cache(false).chunkSize(500)
                .progress((pass, bytes, total, rows) -> {
                    if (pass == 1 && !touched[0]) {
                        touched[0] = true;
                        try {
                            Files.writeString(file, "1,2,3\n", StandardOpenOption.APPEND);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }).open()) {
            assertThatThrownBy(() -> stream.expect(MODEL, start)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("x.csv changed during the fit (its size went from")
                    .hasMessageEndingWith("restart the fit");
        }
        // changed between passes, with the cache
        try (StreamingExecutor stream = StreamingExecutor.builder(file).open()) {
            stream.expect(MODEL, start);
            Files.writeString(file, "1,2,3\n", StandardOpenOption.APPEND);
            assertThatThrownBy(() -> stream.expect(MODEL, start)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("changed during the fit");
        }
    }

    @Test
    void missingValuesAreRefused() {
        assertThatThrownBy(() -> StreamingExecutor.builder(dir.resolve("x.csv"))
                .csvOptions(CsvOptions.builder().missingAllowed(true).build()).open())
                .hasMessageContaining("missing values are not supported when streaming");
        assertThatThrownBy(() -> StreamingExecutor.builder(dir).open()).hasMessageContaining("is a folder");
    }
}
