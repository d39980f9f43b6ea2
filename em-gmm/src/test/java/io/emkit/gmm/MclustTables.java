package io.emkit.gmm;

import io.emkit.core.ConvergenceRule;
import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads fixtures/mclust (see make_mclust_fixtures.R) and fits its cells. Test-only. */
final class MclustTables {
    private MclustTables() {}

    static final List<String> SETS = List.of("faithful", "iris", "diabetes");

    /** One row of a {@code <name>-bic.csv}: mclust's loglik (NaN when it failed), df, BIC. */
    record Cell(CovarianceModel model, int k, double logLikelihood, int df, double bic, int returnCode) {
        boolean failed() {
            return Double.isNaN(logLikelihood);
        }
    }

    static Path dir() {
        return TinyJson.fixtures().resolve("mclust");
    }

    static List<String[]> csv(String file) {
        try {
            List<String[]> rows = new ArrayList<>();
            List<String> lines = Files.readAllLines(dir().resolve(file));
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = cells[i].trim();
                }
                rows.add(cells);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[][] data(String name) {
        List<String[]> rows = csv(name + ".csv");
        double[][] x = new double[rows.size()][];
        for (int i = 0; i < x.length; i++) {
            String[] r = rows.get(i);
            x[i] = new double[r.length];
            for (int a = 0; a < r.length; a++) {
                x[i][a] = Double.parseDouble(r[a]);
            }
        }
        return x;
    }

    static List<Cell> table(String name) {
        List<Cell> cells = new ArrayList<>();
        for (String[] r : csv(name + "-bic.csv")) {
            cells.add(new Cell(CovarianceModel.valueOf(r[0]), Integer.parseInt(r[1]),
                    r[2].equals("NA") ? Double.NaN : Double.parseDouble(r[2]), Integer.parseInt(r[3]),
                    r[4].equals("NA") ? Double.NaN : Double.parseDouble(r[4]), Integer.parseInt(r[5])));
        }
        return cells;
    }

    /** mclust's hc partitions: column G-1 of the result holds the labels (1-based) for G classes. */
    static int[][] hcPartitions(String name) {
        List<String[]> rows = csv(name + "-hc.csv");
        int[][] out = new int[9][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int g = 0; g < 9; g++) {
                out[g][i] = Integer.parseInt(rows.get(i)[g]);
            }
        }
        return out;
    }

    /** Whether two labelings are the same partition. */
    static boolean samePartition(int[] a, int[] b) {
        java.util.Map<Integer, Integer> ab = new java.util.HashMap<>();
        java.util.Map<Integer, Integer> ba = new java.util.HashMap<>();
        for (int i = 0; i < a.length; i++) {
            Integer x = ab.putIfAbsent(a[i], b[i]);
            Integer y = ba.putIfAbsent(b[i], a[i]);
            if ((x != null && x != b[i]) || (y != null && y != a[i])) {
                return false;
            }
        }
        return true;
    }

    /** mclust's EM options: relative rule, tolerance 1e-5, a generous cap, one thread. */
    static EmOptions mclustOptions() {
        return EmOptions.builder().convergenceRule(ConvergenceRule.RELATIVE).tolerance(1e-5).maxIterations(5000)
                .threads(1).build();
    }

    /** Our fit of one cell from the given labels (0-based), regCovar 0: the log-likelihood. */
    static double fitFromLabels(Dataset data, CovarianceModel model, int k, int[] labels, EmOptions options) {
        GaussianMixtureModel m = GaussianMixtureModel.builder().components(k).covarianceModel(model).regCovar(0)
                .build();
        GaussianMixture start = m.parametersFromLabels(data, labels);
        return m.fit(data, start, options).result().logLikelihood();
    }
}
