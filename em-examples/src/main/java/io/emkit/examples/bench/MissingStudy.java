package io.emkit.examples.bench;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.IncompleteDataset;
import io.emkit.examples.data.BundledData;
import io.emkit.examples.data.LabelledData;
import io.emkit.gmm.GaussianMixture;
import io.emkit.gmm.GaussianMixtureModel;
import io.emkit.gmm.IncompleteGaussianMixture;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Missing values on real data (a plain {@code main}): Old Faithful (k = 2) and Iris (k = 3), full
 * covariances. 50 times, 20% of the cells are deleted at random (never a whole row); each time the
 * mixture is fitted to the incomplete data ({@link IncompleteGaussianMixture}) and the deleted cells
 * are imputed by their conditional means under it, and, as the baseline, by their column's observed
 * mean. Printed per data set: the complete-data fit's means, the mean and standard deviation of the
 * 50 incomplete-data fits' means (components matched to the complete fit's), the largest
 * |difference| in units of that spread, and the imputation RMSE of both methods (over all deleted
 * cells, each column scaled by its standard deviation so that columns weigh alike).
 *
 * <p>Usage: {@code java -cp em.jar io.emkit.examples.bench.MissingStudy [deletions=50] [fraction=0.2]}.
 */
public final class MissingStudy {
    private MissingStudy() {}

    /**
     * Runs the study and prints the table.
     *
     * @param args optional number of deletions and fraction of cells deleted
     */
    public static void main(String[] args) {
        int deletions = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        double fraction = args.length > 1 ? Double.parseDouble(args[1]) : 0.2;
        System.out.println("| data | k | complete-data means | means with 20% missing (mean ± sd over " + deletions
                + ") | max |Δ|/sd | RMSE conditional mean | RMSE column mean | ratio |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        study(BundledData.oldFaithful(), 2, deletions, fraction);
        study(BundledData.iris(), 3, deletions, fraction);
    }

    static void study(LabelledData labelled, int k, int deletions, double fraction) {
        double[][] x = labelled.features();
        int n = x.length;
        int d = x[0].length;
        double[] sd = columnSd(x);
        GaussianMixtureModel model = GaussianMixtureModel.builder().components(k).build();
        EmOptions options = EmOptions.builder().restarts(5).maxIterations(1000).tolerance(1e-8).build();
        GaussianMixture reference = model.fit(Dataset.of(x), options).mixture();
        double[][] refMeans = reference.means();
        double[][] sum = new double[k][d];
        double[][] sq = new double[k][d];
        double conditionalSq = 0;
        double columnSq = 0;
        long cells = 0;
        SplittableRandom random = new SplittableRandom(20);
        for (int t = 0; t < deletions; t++) {
            double[][] holes = new double[n][];
            for (int i = 0; i < n; i++) {
                holes[i] = x[i].clone();
                int kept = random.nextInt(d); // one cell of every row stays
                for (int a = 0; a < d; a++) {
                    if (a != kept && random.nextDouble() < fraction * d / (d - 1.0)) {
                        holes[i][a] = Double.NaN;
                    }
                }
            }
            IncompleteDataset data = IncompleteDataset.of(holes);
            GaussianMixture fit = IncompleteGaussianMixture.of(model).fit(data, options.toBuilder().seed(t).build())
                    .mixture();
            int[] match = match(refMeans, fit.means(), sd);
            for (int j = 0; j < k; j++) {
                for (int a = 0; a < d; a++) {
                    double m = fit.means()[match[j]][a];
                    sum[j][a] += m;
                    sq[j][a] += m * m;
                }
            }
            double[][] imputed = IncompleteGaussianMixture.impute(fit, data);
            Dataset naive = data.meanImputed();
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < d; a++) {
                    if (Double.isNaN(holes[i][a])) {
                        double e1 = (imputed[i][a] - x[i][a]) / sd[a];
                        double e2 = (naive.get(i, a) - x[i][a]) / sd[a];
                        conditionalSq += e1 * e1;
                        columnSq += e2 * e2;
                        cells++;
                    }
                }
            }
        }
        StringBuilder complete = new StringBuilder();
        StringBuilder missing = new StringBuilder();
        double worst = 0;
        for (int j = 0; j < k; j++) {
            complete.append(j == 0 ? "" : "; ").append('(');
            missing.append(j == 0 ? "" : "; ").append('(');
            for (int a = 0; a < d; a++) {
                double mean = sum[j][a] / deletions;
                double spread = Math.sqrt(Math.max(0, sq[j][a] / deletions - mean * mean));
                worst = Math.max(worst, Math.abs(mean - refMeans[j][a]) / spread);
                complete.append(a == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", refMeans[j][a]));
                missing.append(a == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f±%.3f", mean, spread));
            }
            complete.append(')');
            missing.append(')');
        }
        double rmseConditional = Math.sqrt(conditionalSq / cells);
        double rmseColumn = Math.sqrt(columnSq / cells);
        System.out.printf(Locale.ROOT, "| %s (%d × %d) | %d | %s | %s | %.2f | %.3f | %.3f | %.2f |%n", labelled.name(),
                n, d, k, complete, missing, worst, rmseConditional, rmseColumn, rmseColumn / rmseConditional);
    }

    /** The component of {@code means} matched to each reference component (the best permutation, k <= 8). */
    static int[] match(double[][] reference, double[][] means, double[] sd) {
        int k = reference.length;
        int[] best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        int[] perm = new int[k];
        for (int j = 0; j < k; j++) {
            perm[j] = j;
        }
        do {
            double cost = 0;
            for (int j = 0; j < k; j++) {
                for (int a = 0; a < reference[j].length; a++) {
                    double e = (reference[j][a] - means[perm[j]][a]) / sd[a];
                    cost += e * e;
                }
            }
            if (cost < bestCost) {
                bestCost = cost;
                best = perm.clone();
            }
        } while (nextPermutation(perm));
        return best;
    }

    private static boolean nextPermutation(int[] p) {
        int i = p.length - 2;
        while (i >= 0 && p[i] >= p[i + 1]) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        int j = p.length - 1;
        while (p[j] <= p[i]) {
            j--;
        }
        int t = p[i];
        p[i] = p[j];
        p[j] = t;
        for (int a = i + 1, b = p.length - 1; a < b; a++, b--) {
            t = p[a];
            p[a] = p[b];
            p[b] = t;
        }
        return true;
    }

    private static double[] columnSd(double[][] x) {
        int d = x[0].length;
        double[] out = new double[d];
        for (int a = 0; a < d; a++) {
            double s = 0;
            double s2 = 0;
            for (double[] row : x) {
                s += row[a];
                s2 += row[a] * row[a];
            }
            double m = s / x.length;
            out[a] = Math.sqrt(s2 / x.length - m * m);
        }
        return out;
    }
}
