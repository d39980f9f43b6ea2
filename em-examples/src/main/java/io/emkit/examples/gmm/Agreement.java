package io.emkit.examples.gmm;

import java.util.Locale;

/**
 * How well cluster labels agree with known classes: the contingency table, the accuracy under the
 * best one-to-one matching of clusters to classes, and the adjusted Rand index (Hubert and Arabie
 * 1985; 1 for identical partitions, about 0 for random ones).
 */
public final class Agreement {

    private final int[][] table; // [cluster][class]
    private final int n;

    private Agreement(int[][] table, int n) {
        this.table = table;
        this.n = n;
    }

    /**
     * Tabulates two labellings of the same items.
     *
     * @param clusters cluster labels in {@code [0, k)}
     * @param k number of clusters
     * @param classes class labels in {@code [0, c)}
     * @param c number of classes
     * @return the agreement
     * @throws IllegalArgumentException if the lengths differ or a label is out of range
     */
    public static Agreement of(int[] clusters, int k, int[] classes, int c) {
        if (clusters.length != classes.length) {
            throw new IllegalArgumentException("clusters (" + clusters.length + ") and classes (" + classes.length
                    + ") differ in length");
        }
        int[][] table = new int[k][c];
        for (int i = 0; i < clusters.length; i++) {
            if (clusters[i] < 0 || clusters[i] >= k || classes[i] < 0 || classes[i] >= c) {
                throw new IllegalArgumentException("label out of range at index " + i + ": cluster " + clusters[i]
                        + ", class " + classes[i]);
            }
            table[clusters[i]][classes[i]]++;
        }
        return new Agreement(table, clusters.length);
    }

    /**
     * The count of items in cluster {@code j} and class {@code c}.
     *
     * @param cluster the cluster
     * @param klass the class
     * @return the count
     */
    public int count(int cluster, int klass) {
        return table[cluster][klass];
    }

    /**
     * The fraction of items whose cluster maps to their class under the best one-to-one matching
     * (exhaustive search; clusters beyond the number of classes, or unmatched, count as wrong).
     *
     * @return a value in {@code [0, 1]}
     */
    public double matchedAccuracy() {
        int k = table.length;
        int c = table[0].length;
        int[] best = {0};
        search(0, new boolean[c], 0, k, c, best);
        return (double) best[0] / n;
    }

    private void search(int cluster, boolean[] used, int sum, int k, int c, int[] best) {
        if (cluster == k) {
            best[0] = Math.max(best[0], sum);
            return;
        }
        search(cluster + 1, used, sum, k, c, best); // cluster left unmatched
        for (int klass = 0; klass < c; klass++) {
            if (!used[klass]) {
                used[klass] = true;
                search(cluster + 1, used, sum + table[cluster][klass], k, c, best);
                used[klass] = false;
            }
        }
    }

    /**
     * The adjusted Rand index.
     *
     * @return 1 for identical partitions, about 0 for independent ones
     */
    public double adjustedRandIndex() {
        double sumCells = 0;
        double[] rows = new double[table.length];
        double[] columns = new double[table[0].length];
        for (int j = 0; j < table.length; j++) {
            for (int c = 0; c < table[j].length; c++) {
                sumCells += pairs(table[j][c]);
                rows[j] += table[j][c];
                columns[c] += table[j][c];
            }
        }
        double sumRows = 0;
        for (double r : rows) {
            sumRows += pairs(r);
        }
        double sumColumns = 0;
        for (double col : columns) {
            sumColumns += pairs(col);
        }
        double expected = sumRows * sumColumns / pairs(n);
        double max = 0.5 * (sumRows + sumColumns);
        return max == expected ? 1.0 : (sumCells - expected) / (max - expected);
    }

    private static double pairs(double m) {
        return m * (m - 1) / 2;
    }

    /**
     * The contingency table as text, one row per cluster.
     *
     * @param classNames the class names for the header
     * @return the text, ending in a newline
     */
    public String table(java.util.List<String> classNames) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%10s", "cluster"));
        for (String name : classNames) {
            text.append(String.format(Locale.ROOT, " %11s", name));
        }
        text.append('\n');
        for (int j = 0; j < table.length; j++) {
            text.append(String.format(Locale.ROOT, "%10d", j));
            for (int count : table[j]) {
                text.append(String.format(Locale.ROOT, " %11d", count));
            }
            text.append('\n');
        }
        return text.toString();
    }
}
