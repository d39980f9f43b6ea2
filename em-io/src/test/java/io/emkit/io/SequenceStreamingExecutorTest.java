package io.emkit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.LocalExecutor;
import io.emkit.core.MiniBatches;
import io.emkit.core.OnlineEm;
import io.emkit.core.numeric.Matrix;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.Gaussian;
import io.emkit.hmm.BaumWelch;
import io.emkit.hmm.CategoricalEmission;
import io.emkit.hmm.EmissionFamily;
import io.emkit.hmm.FittedHmm;
import io.emkit.hmm.GaussianEmission;
import io.emkit.hmm.HmmParameters;
import io.emkit.hmm.Sequences;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Streaming sequence files: the in-memory bits, whole sequences, the sample, the cache, errors. */
class SequenceStreamingExecutorTest {

    @TempDir
    Path dir;

    static final SequenceStreamingExecutor.Assembler<Sequences> SEQUENCES = new SequenceStreamingExecutor.Assembler<>() {
        @Override
        public Sequences symbols(int[][] sequences) {
            return Sequences.ofSymbols(sequences);
        }

        @Override
        public Sequences vectors(double[][] sequences, int dimension) {
            return Sequences.ofRowMajor(sequences, dimension);
        }
    };

    private static final HmmParameters GAUSSIAN = HmmParameters.of(new double[] {0.5, 0.5},
            new double[][] {{0.9, 0.1}, {0.2, 0.8}},
            GaussianEmission.of(List.of(
                    Gaussian.of(new double[] {0, 0}, Matrix.of(new double[][] {{1, 0.3}, {0.3, 1}})),
                    Gaussian.of(new double[] {3, 1}, Matrix.of(new double[][] {{0.5, 0}, {0, 2}})))));

    private static final HmmParameters CASINO = HmmParameters.of(new double[] {0.5, 0.5},
            new double[][] {{0.95, 0.05}, {0.1, 0.9}},
            CategoricalEmission.of(new double[][] {{1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0},
                {0.1, 0.1, 0.1, 0.1, 0.1, 0.5}}));

    private static final String[] WORDS = {"one", "two", "three", "four", "five", "six"};

    /** {@code count} sequences of 20..199 steps sampled from {@code model}; symbols as words when {@code words}. */
    private Path write(String name, HmmParameters model, int count, long seed, boolean words) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        FittedHmm hmm = FittedHmm.of(model);
        boolean categorical = model.emission() instanceof CategoricalEmission;
        StringBuilder text = new StringBuilder(categorical ? "sequence,roll\n" : "sequence,x,y\n");
        for (int r = 0; r < count; r++) {
            int length = 20 + random.nextInt(180);
            Sequences one = hmm.sample(length, random).observations();
            for (int t = 0; t < length; t++) {
                text.append("id").append(r);
                if (categorical) {
                    int s = one.symbol(0, t);
                    text.append(',').append(words ? WORDS[s] : Integer.toString(s));
                } else {
                    text.append(',').append(one.value(0, t, 0)).append(',').append(one.value(0, t, 1));
                }
                text.append('\n');
            }
        }
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static Sequences inMemory(Path file, SequenceTable.Kind kind) throws IOException {
        SequenceTable table = SequenceTable.read(file, CsvOptions.defaults(), kind);
        return kind == SequenceTable.Kind.SYMBOLS ? Sequences.ofSymbols(table.allSymbols().toArray(new int[0][]))
                : Sequences.ofVectors(table.allSequences().toArray(new double[0][][]));
    }

    private static void assertSameFit(BaumWelch model, EmResult<HmmParameters> a, EmResult<HmmParameters> b) {
        assertThat(b.logLikelihood()).isEqualTo(a.logLikelihood());
        assertThat(b.iterations()).isEqualTo(a.iterations());
        assertThat(b.parameters().startProbabilities()).isEqualTo(a.parameters().startProbabilities());
        assertThat(b.parameters().transitions().toRowMajor()).isEqualTo(a.parameters().transitions().toRowMajor());
        var vector = model.parameterVector().orElseThrow();
        assertThat(vector.toVector(b.parameters(), b.parameters()))
                .isEqualTo(vector.toVector(a.parameters(), a.parameters()));
    }

    @ParameterizedTest
    @CsvSource({"4096, 1", "4096, 2", "300, 2", "1, 2", "777, 1"})
    void aGaussianFitIsBitIdenticalToTheInMemoryFit(int chunk, int threads) throws IOException {
        Path file = write("g.csv", GAUSSIAN, 60, 1, false);
        Sequences data = inMemory(file, SequenceTable.Kind.VECTORS);
        BaumWelch model = BaumWelch.builder().states(2).emission(EmissionFamily.gaussian(CovarianceType.FULL)).build();
        EmOptions options = EmOptions.builder().threads(threads).chunkSize(chunk).tolerance(1e-9).maxIterations(30)
                .seed(4).build();
        EmResult<HmmParameters> memory = Em.fit(model, data, options);
        try (SequenceStreamingExecutor<Sequences> stream = SequenceStreamingExecutor
                .builder(file, SequenceTable.Kind.VECTORS, SEQUENCES).options(options).open()) {
            assertThat(stream.sequences()).isEqualTo(60);
            assertThat(stream.steps()).isEqualTo(data.totalLength());
            // fewer steps than the sample size: the sample is the file, so the k-means start matches too
            assertThat(stream.sampleSteps()).isEqualTo(data.totalLength());
            EmResult<HmmParameters> streamed = Em.fit(model, stream, null, options);
            assertSameFit(model, memory, streamed);
            assertThat(stream.passes()).isEqualTo(memory.iterations() + 1);
            assertThat(stream.maxChunksHeld()).isBetween(1, threads == 1 ? 1 : 2 * threads);
        }
    }

    @Test
    void stringSymbolsFromTheCacheAndFromTheTextGiveTheInMemoryBits() throws IOException {
        Path file = write("words.csv", CASINO, 40, 2, true);
        SequenceTable table = SequenceTable.read(file, CsvOptions.defaults(), SequenceTable.Kind.SYMBOLS);
        Sequences data = inMemory(file, SequenceTable.Kind.SYMBOLS);
        BaumWelch model = BaumWelch.builder().states(2).emission(EmissionFamily.categorical(6)).build();
        EmOptions options = EmOptions.builder().threads(2).chunkSize(500).tolerance(0).maxIterations(15).seed(9)
                .build();
        EmResult<HmmParameters> memory = Em.fit(model, data, options);
        for (int run = 0; run < 3; run++) {
            boolean cache = run < 2;
            try (SequenceStreamingExecutor<Sequences> stream = SequenceStreamingExecutor
                    .builder(file, SequenceTable.Kind.SYMBOLS, SEQUENCES).options(options).cache(cache).open()) {
                assertThat(stream.cacheReused()).isEqualTo(run == 1);
                assertThat(stream.cacheFile() == null).isEqualTo(!cache);
                assertThat(stream.symbolNames()).isEqualTo(table.symbolNames());
                assertThat(stream.maxSymbol()).isEqualTo(data.maxSymbol());
                assertSameFit(model, memory, Em.fit(model, stream, null, options));
            }
        }
    }

    @Test
    void anAlphabetCodesSymbolsByItsIndexAndNamesAnUnknownSymbol() throws IOException {
        Path file = dir.resolve("a.csv");
        Files.writeString(file, "s,x\na,2\na,0\nb,7\nb,2\n");
        try (SequenceStreamingExecutor<Sequences> stream = SequenceStreamingExecutor
                .builder(file, SequenceTable.Kind.SYMBOLS, SEQUENCES).alphabet(List.of("7", "2", "0")).open()) {
            assertThat(stream.data().symbols(0)).containsExactly(1, 2);
            assertThat(stream.data().symbols(1)).containsExactly(0, 1);
            assertThat(stream.maxSymbol()).isEqualTo(2);
        }
        assertThatThrownBy(() -> SequenceStreamingExecutor.builder(file, SequenceTable.Kind.SYMBOLS, SEQUENCES)
                .alphabet(List.of("0", "2")).open())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + " line 4: symbol \"7\" is not in the model's alphabet [0, 2]");
    }

    @Test
    void onlineEmOverTheFileEqualsOnlineEmInMemoryInFileOrder() throws IOException {
        Path file = write("g.csv", GAUSSIAN, 50, 3, false);
        Sequences data = inMemory(file, SequenceTable.Kind.VECTORS);
        BaumWelch model = BaumWelch.builder().states(2).emission(EmissionFamily.gaussian(CovarianceType.FULL)).build();
        EmOptions options = EmOptions.builder().threads(2).chunkSize(400).tolerance(0).seed(5).build();
        OnlineEm.Settings settings = new OnlineEm.Settings(0.6, 2, 600, 2, false);
        HmmParameters start = model.initialize(data, new SplittableRandom(1));
        EmResult<HmmParameters> memory;
        try (LocalExecutor<Sequences> local = LocalExecutor.of(data, options)) {
            memory = OnlineEm.fit(model, local, MiniBatches.of(data), start, settings, options);
        }
        try (SequenceStreamingExecutor<Sequences> stream = SequenceStreamingExecutor
                .builder(file, SequenceTable.Kind.VECTORS, SEQUENCES).options(options).open()) {
            assertSameFit(model, memory, OnlineEm.fit(model, stream, stream, start, settings, options));
        }
    }

    @Test
    void theSampleIsWholeSequencesWithinItsBudgetAndReproducible() throws IOException {
        Path file = write("g.csv", GAUSSIAN, 80, 4, false);
        Sequences data = inMemory(file, SequenceTable.Kind.VECTORS);
        Set<String> sequences = new HashSet<>();
        for (int r = 0; r < data.size(); r++) {
            sequences.add(java.util.Arrays.toString(data.values(r)));
        }
        Sequences first = null;
        for (int run = 0; run < 2; run++) {
            try (SequenceStreamingExecutor<Sequences> stream = SequenceStreamingExecutor
                    .builder(file, SequenceTable.Kind.VECTORS, SEQUENCES).sampleSize(1000).seed(7).cache(false)
                    .open()) {
                Sequences sample = stream.data();
                assertThat(sample.totalLength()).isEqualTo(stream.sampleSteps()).isLessThanOrEqualTo(1000)
                        .isGreaterThan(1000 - 200); // the next sequence in key order did not fit: < 200 steps left
                assertThat(sample.size()).isEqualTo(stream.sampleSequences());
                for (int r = 0; r < sample.size(); r++) {
                    assertThat(sequences).contains(java.util.Arrays.toString(sample.values(r)));
                }
                if (first == null) {
                    first = sample;
                } else {
                    assertThat(sample.toString()).isEqualTo(first.toString());
                    for (int r = 0; r < sample.size(); r++) {
                        assertThat(sample.values(r)).isEqualTo(first.values(r));
                    }
                }
            }
        }
        // one sequence longer than the budget is still a sample
        try (SequenceStreamingExecutor<Sequences> stream = SequenceStreamingExecutor
                .builder(file, SequenceTable.Kind.VECTORS, SEQUENCES).sampleSize(5).cache(false).open()) {
            assertThat(stream.sampleSequences()).isEqualTo(1);
            assertThat(stream.sampleSteps()).isGreaterThanOrEqualTo(20);
        }
    }

    @Test
    void contentErrorsAreTheInMemoryReadersMessages() throws IOException {
        String[][] cases = {
            {"s,x\na,1\na,2\nb,3\na,4\n", "SYMBOLS"},
            {"s,x\na,1\n,2\n", "SYMBOLS"},
            {"s,x\na,1\na,1.5\nb,h\n", "VECTORS"},
            {"s,x\na,1\na,-1\n", "SYMBOLS"},
            {"s,x\na,1\na,\n", "SYMBOLS"},
            {"s,x,y\na,1,2\na,3\n", "VECTORS"},
            {"s,x,y\na,1,2\n", "SYMBOLS"},
        };
        for (String[] c : cases) {
            Path file = dir.resolve("bad.csv");
            Files.writeString(file, c[0]);
            SequenceTable.Kind kind = SequenceTable.Kind.valueOf(c[1]);
            String expected = null;
            try {
                SequenceTable.read(file, CsvOptions.defaults(), kind);
            } catch (IllegalArgumentException e) {
                expected = e.getMessage();
            }
            assertThat(expected).as(c[0]).isNotNull();
            assertThatThrownBy(() -> SequenceStreamingExecutor.builder(file, kind, SEQUENCES).cache(false).open())
                    .as(c[0]).isInstanceOf(IllegalArgumentException.class).hasMessage(expected);
        }
    }

    @Test
    void aFileChangedDuringTheFitIsAnError() throws IOException {
        Path file = write("g.csv", GAUSSIAN, 10, 5, false);
        BaumWelch model = BaumWelch.builder().states(2).emission(EmissionFamily.gaussian(CovarianceType.FULL)).build();
        try (SequenceStreamingExecutor<Sequences> stream = SequenceStreamingExecutor
                .builder(file, SequenceTable.Kind.VECTORS, SEQUENCES).open()) {
            HmmParameters start = model.initialize(stream.data(), new SplittableRandom(1));
            Files.writeString(file, "id99,1,2\n", java.nio.file.StandardOpenOption.APPEND);
            assertThatThrownBy(() -> stream.expect(model, start)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("changed during the fit");
        }
    }
}
