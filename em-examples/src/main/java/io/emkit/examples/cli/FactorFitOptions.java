package io.emkit.examples.cli;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.io.NumericTable;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options {@code em fa fit}, {@code em ppca fit} and {@code em mfa fit} share. */
abstract class FactorFitOptions extends CliCommand {
    @Option(names = "--data", required = true, paramLabel = "X.csv", order = 1,
            description = "Data CSV: numbers separated by commas, one sample per line, optional header.")
    Path data;

    @Mixin
    DataFileOptions dataFile;

    @Option(names = "--init", paramLabel = "M.json", order = 19,
            description = "A model file of this kind to start from (one run; --restarts is ignored).")
    Path init;

    @Option(names = "--restarts", paramLabel = "N", defaultValue = "1", order = 23,
            description = "Independent starts; the best final log-likelihood wins. Default: ${DEFAULT-VALUE}.")
    int restarts;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", order = 24,
            description = "Random seed; runs are reproducible. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", paramLabel = "N", order = 25,
            description = "E-step threads; results do not depend on it. Default: available processors.")
    Integer threads;

    @Option(names = "--out", paramLabel = "M.json", order = 30,
            description = "Where to write the model (atomically); stdout without it.")
    Path out;

    abstract int maxIterations();

    abstract double tolerance();

    abstract double noiseFloor();

    void checkCommon() {
        checkPositive("--max-iter", maxIterations());
        checkPositive("--restarts", restarts);
        checkNonNegative("--tol", tolerance());
        checkNonNegative("--noise-floor", noiseFloor());
        checkPositive("--threads", threadCount());
    }

    int threadCount() {
        return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    }

    NumericTable table() {
        return dataFile.readData(data, this, List.of("label"));
    }

    static void checkFactors(String option, int q, NumericTable table, Path data) {
        checkPositive(option, q);
        if (q >= table.dimension()) {
            throw new IllegalArgumentException(option + " (" + q + ") must be < the number of columns (d = "
                    + table.dimension() + " in " + data + ")");
        }
    }

    Dataset dataset(NumericTable table) {
        return table.toDataset();
    }

    EmOptions options(ProgressBar bar, int runs) {
        return withProgress(EmOptions.builder(), bar).maxIterations(maxIterations()).tolerance(tolerance())
                .restarts(runs).seed(seed).threads(threadCount()).build();
    }
}
