package io.emkit.examples.cli;

import io.emkit.core.IncompleteDataset;
import io.emkit.gmm.GaussianMixture;
import io.emkit.gmm.IncompleteGaussianMixture;
import io.emkit.io.AtomicFiles;
import io.emkit.io.NumericTable;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code em gmm impute --model M.json --data X.csv --missing [--out Y.csv] [--draws m]}: the data with
 * every missing cell replaced by its conditional mean {@code E[x_missing | x_observed]} under the
 * mixture, or with {@code --draws m}, m completed copies drawn from the conditional distribution
 * (multiple imputation), one after the other, in a first column {@code draw}.
 */
@Command(name = "impute", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fills in missing cells (empty, NA, NaN with --missing) under a Gaussian mixture.",
            "Each missing cell gets its conditional mean given the row's observed cells; with --draws m,"
                    + " m completed copies drawn from the conditional distribution (column draw = 0..m-1)."})
final class GmmImpute extends CliCommand {
    @Option(names = "--model", required = true, paramLabel = "MODEL.json", order = 1,
            description = "A Gaussian mixture file (em gmm fit --out).")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "X.csv", order = 2,
            description = "Data CSV, as for fit; give --missing to read empty, NA and NaN cells as missing.")
    Path data;

    @Option(names = "--out", paramLabel = "Y.csv", order = 3,
            description = "Where to write the completed data (atomically); stdout without it.")
    Path out;

    @Option(names = "--draws", paramLabel = "M", order = 4,
            description = "Multiple imputation: write M completed copies drawn from p(x_missing | x_observed)"
                    + " instead of the conditional means.")
    Integer draws;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", order = 5,
            description = "Random seed of --draws. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Mixin
    DataFileOptions dataFile;

    @Override
    void run() throws java.io.IOException {
        if (draws != null) {
            checkPositive("--draws", draws);
        }
        GaussianMixture mixture = ModelJson.readGmm(model);
        NumericTable table = dataFile.readDataWithMissing(data, this, DataFileOptions.GMM_DEFAULT_DROPS);
        GmmCommand.checkDimension(mixture, table, data);
        IncompleteDataset incomplete = table.toIncompleteDataset();
        double[][][] copies = draws == null ? new double[][][] {IncompleteGaussianMixture.impute(mixture, incomplete)}
                : IncompleteGaussianMixture.drawImputations(mixture, incomplete, draws, new SplittableRandom(seed));
        String text = csv(table.columnNames(), copies, draws != null);
        if (out == null) {
            out().print(text);
        } else {
            AtomicFiles.write(out, List.of(data, model), stream -> {
                Writer writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
                writer.write(text);
                writer.flush();
            });
        }
        message(String.format(java.util.Locale.ROOT, "gmm impute: %d missing cells of %d rows %s%s",
                incomplete.missingCells(), table.size(), draws == null ? "at their conditional means"
                        : "drawn " + draws + " times", out == null ? "" : "; wrote " + out));
    }

    private static String csv(List<String> names, double[][][] copies, boolean withDraw) {
        StringBuilder text = new StringBuilder();
        if (!names.isEmpty()) {
            if (withDraw) {
                text.append("draw,");
            }
            text.append(String.join(",", names)).append('\n');
        }
        for (int m = 0; m < copies.length; m++) {
            for (double[] row : copies[m]) {
                if (withDraw) {
                    text.append(m).append(',');
                }
                for (int a = 0; a < row.length; a++) {
                    if (a > 0) {
                        text.append(',');
                    }
                    text.append(row[a]);
                }
                text.append('\n');
            }
        }
        return text.toString();
    }
}
