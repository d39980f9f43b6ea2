package io.emkit.gmm;

import io.emkit.core.numeric.SymmetricEigen;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.Dataset;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Model-based agglomerative hierarchical clustering with the unconstrained (VVV) Gaussian
 * criterion, R mclust's default start ({@code hc(modelName = "VVV", use = "SVD")}; Banfield &amp;
 * Raftery 1993, Fraley 1998): every row starts as its own cluster and the pair whose merge costs
 * the least classification likelihood is merged, until one cluster is left. The partition into k
 * classes ({@link #partition(int)}) is the state after {@code n - k} merges; EM then starts with an
 * M-step on it.
 *
 * <h2>Criterion</h2>
 * A cluster C of {@code n_C} rows with scatter {@code W_C} has the term
 * {@code t(C) = n_C log(|W_C / n_C| + β (tr W_C + α) / n_C)} when {@code n_C > d} (and
 * {@code n_C log(β (tr W_C + α) / n_C)} otherwise; a singleton has {@code log(αβ)}), with mclust's
 * {@code β = 1} and {@code α = tr(W) / (n d)} of the whole (transformed) data; a merge of A and B
 * costs {@code t(A ∪ B) - t(A) - t(B)}, and
 * {@code W_{A∪B} = W_A + W_B + (n_A n_B / n_{A∪B}) (m_A - m_B)(m_A - m_B)ᵀ}. As in mclust's
 * {@code hcvvv}, after a merge the merged cluster takes the lower slot and the last slot moves into
 * the higher one, only the costs of the merged cluster are recomputed, and the next merge is the
 * <em>last</em> minimum in the packed order of pairs ({@code (1,2), (1,3), (2,3), (1,4), ...}).
 *
 * <h2>Data transformation ({@link #mclust(Dataset, long)})</h2>
 * mclust 6's {@code hcUse = "SVD"}: the columns are centred and scaled to unit standard deviation
 * (divisor {@code n - 1}; columns that are not finite after it, e.g. constant ones, are dropped),
 * then rotated onto their right singular vectors and divided by the square roots of the singular
 * values: {@code Z = X V diag(1/√s)}. Duplicate rows are <em>not</em> grouped first: mclust's
 * {@code hc} computes {@code dupPartition(data)} as its default argument but does not pass it on to
 * {@code hcVVV}, so every row starts as a singleton (checked against mclust 6.0.0: Old Faithful's 16
 * duplicated rows give 272 initial classes). With more than {@value #SUBSET} rows, mclust clusters a
 * random subset of {@value #SUBSET} rows (its {@code mclust.options("subset")}), and so does this
 * class, with its own random generator: such partitions cannot equal R's.
 *
 * <h2>Where a partition may differ from R's</h2>
 * Costs are computed here from explicit scatter matrices and a Cholesky factor, in mclust from Givens
 * updates of a triangular factor; the SVD comes from a Jacobi eigen-decomposition of {@code XᵀX}, in R
 * from LAPACK. Both agree to a few ulps, so the merge order is the same except where two candidate
 * merges cost the same to within round-off: exact ties (duplicate rows, or data on a grid such as
 * Old Faithful's integer waiting times, where many pairs are equally far apart) are broken by the
 * packed order as in mclust, but two costs equal in exact arithmetic may differ in their last bits
 * differently here and in R. A different early merge can change the partition into k classes, and
 * EM from it may reach another local maximum. Sample weights are ignored (mclust has none).
 *
 * <p>Cost: {@code O(n²)} memory for the pair costs and about {@code O(n² d³)} time.
 */
public final class HierarchicalAgglomeration {
    /** Rows beyond which a random subset of this size is clustered, as mclust does. */
    public static final int SUBSET = 2000;

    private final int n;
    private final int[] rows;        // the data rows clustered (all, or the subset), ascending
    private final int[] mergeFirst;  // n - 1 merges of the slots' representative rows
    private final int[] mergeSecond;

    private HierarchicalAgglomeration(int[] rows, int[] mergeFirst, int[] mergeSecond) {
        this.n = rows.length;
        this.rows = rows;
        this.mergeFirst = mergeFirst;
        this.mergeSecond = mergeSecond;
    }

    /**
     * mclust's default: the SVD transformation of the data, then VVV agglomeration (of a random
     * subset of {@value #SUBSET} rows when there are more).
     *
     * @param data rows, {@code n >= 2}, {@code d >= 1}. Weights are ignored. Not modified.
     * @param seed seed of the subset's random choice (unused when {@code n <= }{@value #SUBSET})
     * @return the hierarchy
     * @throws IllegalArgumentException if there are fewer than 2 rows, or no column is left after
     *     scaling (every column constant or not finite)
     */
    public static HierarchicalAgglomeration mclust(Dataset data, long seed) {
        Objects.requireNonNull(data, "data");
        int n = data.size();
        int d = data.dimension();
        checkArgument(n >= 2, "hierarchical clustering needs at least 2 rows, got %s", n);
        int[] rows = new int[Math.min(n, SUBSET)];
        if (n > SUBSET) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < SUBSET; i++) {
                int j = i + random.nextInt(n - i);
                int t = all[i];
                all[i] = all[j];
                all[j] = t;
            }
            rows = Arrays.copyOf(all, SUBSET);
            Arrays.sort(rows);
        } else {
            for (int i = 0; i < n; i++) {
                rows[i] = i;
            }
        }
        int m = rows.length;
        double[] x = new double[m * d];
        double[] row = new double[d];
        for (int i = 0; i < m; i++) {
            data.copyRows(rows[i], rows[i] + 1, row, 0);
            System.arraycopy(row, 0, x, i * d, d);
        }
        int[] dims = new int[1];
        double[] z = svdScaled(x, m, d, dims);
        HierarchicalAgglomeration h = vvv(z, m, dims[0]);
        return new HierarchicalAgglomeration(rows, h.mergeFirst, h.mergeSecond);
    }

    /**
     * VVV agglomeration of already transformed rows (no scaling, no subset).
     *
     * @param x row-major {@code n × d}, finite. Not modified.
     * @param n rows, at least 2
     * @param d columns, at least 1
     * @return the hierarchy
     * @throws IllegalArgumentException on a length mismatch, a non-finite value or {@code n < 2}
     */
    public static HierarchicalAgglomeration vvv(double[] x, int n, int d) {
        Objects.requireNonNull(x, "x");
        checkArgument(n >= 2 && d >= 1, "need n >= 2 rows and d >= 1 columns, got n = %s, d = %s", n, d);
        checkArgument(x.length == (long) n * d, "x has %s values, expected n x d = %s x %s", x.length, n, d);
        for (int i = 0; i < x.length; i++) {
            checkArgument(Double.isFinite(x[i]), "x[%s][%s] is %s; must be finite", i / d, i % d, x[i]);
        }
        return new Agglomerator(x, n, d).run();
    }

    /**
     * The number of rows clustered (all rows, or the subset).
     *
     * @return the count
     */
    public int size() {
        return n;
    }

    /**
     * The data rows clustered, ascending: all rows, or the random subset.
     *
     * @return a new array
     */
    public int[] rows() {
        return rows.clone();
    }

    /**
     * The partition into k classes: the clusters after the first {@code n - k} merges, labelled
     * {@code 0..k-1} in the order of their first row.
     *
     * @param k classes, {@code 1 <= k <= size()}
     * @return a label for each clustered row (in the order of {@link #rows()})
     * @throws IllegalArgumentException if k is out of range
     */
    public int[] partition(int k) {
        checkArgument(k >= 1 && k <= n, "k (%s) must be in [1, %s]", k, n);
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int s = 0; s < n - k; s++) {
            int a = find(parent, mergeFirst[s]);
            int b = find(parent, mergeSecond[s]);
            parent[Math.max(a, b)] = Math.min(a, b);
        }
        int[] label = new int[n];
        int[] rootLabel = new int[n];
        Arrays.fill(rootLabel, -1);
        int next = 0;
        for (int i = 0; i < n; i++) {
            int r = find(parent, i);
            if (rootLabel[r] < 0) {
                rootLabel[r] = next++;
            }
            label[i] = rootLabel[r];
        }
        return label;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** mclust's "SVD" transformation; dims[0] receives the number of columns kept. */
    static double[] svdScaled(double[] x, int n, int d, int[] dims) {
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                mean[a] += x[i * d + a];
            }
        }
        int kept = 0;
        int[] keep = new int[d];
        double[] sd = new double[d];
        for (int a = 0; a < d; a++) {
            mean[a] /= n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double c = x[i * d + a] - mean[a];
                ss += c * c;
            }
            sd[a] = Math.sqrt(ss / (n - 1));
            if (sd[a] > 0 && Double.isFinite(sd[a])) {
                keep[kept++] = a;
            }
        }
        checkArgument(kept > 0, "every column is constant or not finite; nothing to cluster");
        double[] s = new double[n * kept];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < kept; c++) {
                int a = keep[c];
                s[i * kept + c] = (x[i * d + a] - mean[a]) / sd[a];
            }
        }
        double[] xtx = new double[kept * kept];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < kept; a++) {
                double v = s[i * kept + a];
                for (int b = 0; b < kept; b++) {
                    xtx[a * kept + b] += v * s[i * kept + b];
                }
            }
        }
        SymmetricEigen e = SymmetricEigen.of(xtx, 0, kept);
        int p = Math.min(n, kept);
        int columns = 0;
        double top = Math.max(e.value(0), 0);
        double[] factor = new double[p];
        for (int c = 0; c < p; c++) {
            double sv = Math.sqrt(Math.max(e.value(c), 0));
            if (e.value(c) > 1e-24 * top) {
                factor[c] = 1 / Math.sqrt(sv);
                columns = c + 1;
            }
        }
        double[] z = new double[n * columns];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < columns; c++) {
                double v = 0;
                for (int a = 0; a < kept; a++) {
                    v += s[i * kept + a] * e.vector(a, c);
                }
                z[i * columns + c] = v * factor[c];
            }
        }
        dims[0] = columns;
        return z;
    }

    /** The agglomeration itself (see the class notes). */
    private static final class Agglomerator {
        private static final double RT_HALF = 0.7071067811865476;
        private final int n;
        private final int d;
        private final double alpha;
        private final double abLog;
        // slots 0..g-1
        private final int[] size;
        private final int[] head;       // a representative data row
        private final double[][] y;     // √n_C · mean
        private final double[][] w;     // scatter (null for singletons)
        private final double[] trace;
        private final double[] term;
        private final double[] cost;    // packed pairs: index(i, j) = j(j-1)/2 + i, i < j
        private final double[] work;
        private final double[] vWork;

        Agglomerator(double[] x, int n, int d) {
            this.n = n;
            this.d = d;
            double[] mean = new double[d];
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < d; a++) {
                    mean[a] += x[i * d + a];
                }
            }
            double ss = 0;
            for (int a = 0; a < d; a++) {
                mean[a] /= n;
            }
            double scale = Math.sqrt((double) n * d);
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < d; a++) {
                    double c = x[i * d + a] / scale - mean[a] / scale;
                    ss += c * c;
                }
            }
            this.alpha = Math.max(ss, Math.ulp(1.0));
            this.abLog = Math.log(alpha); // β = 1
            this.size = new int[n];
            this.head = new int[n];
            this.y = new double[n][];
            this.w = new double[n][];
            this.trace = new double[n];
            this.term = new double[n];
            for (int i = 0; i < n; i++) {
                size[i] = 1;
                head[i] = i;
                y[i] = Arrays.copyOfRange(x, i * d, (i + 1) * d);
                term[i] = abLog;
            }
            this.cost = new double[(int) Math.min(Integer.MAX_VALUE - 8, (long) n * (n - 1) / 2)];
            checkArgument((long) n * (n - 1) / 2 <= cost.length, "too many rows (%s) for hierarchical clustering", n);
            this.work = new double[d * d];
            this.vWork = new double[d];
        }

        private static int index(int i, int j) {
            return j * (j - 1) / 2 + i;
        }

        /**
         * The n - 1 merges, each of the pair of least cost, the last such pair in packed order on ties
         * (as mclust's {@code hcvvv} scans). Each column b keeps its least cost over the rows a < b and
         * the last row reaching it, so a step scans g columns instead of g²/2 pairs, and only the
         * columns a merge touched are brought up to date: O(n²) for the whole hierarchy instead of
         * O(n³), the same merges.
         */
        HierarchicalAgglomeration run() {
            int[] first = new int[n - 1];
            int[] second = new int[n - 1];
            for (int j = 1; j < n; j++) {
                for (int i = 0; i < j; i++) {
                    cost[index(i, j)] = mergeCost(i, j, null);
                }
            }
            double[] columnMin = new double[n];
            int[] columnArg = new int[n];
            for (int b = 1; b < n; b++) {
                rescan(b, columnMin, columnArg);
            }
            int g = n;
            for (int step = 0; step < n - 1; step++) {
                int j = lastLeastColumn(columnMin, g);
                int i = Math.max(columnArg[j], 0); // -1: a column of NaN costs only; take its first pair
                first[step] = head[i];
                second[step] = head[j];
                merge(i, j);
                int last = g - 1;
                if (j != last) {
                    for (int a = 0; a < j; a++) {
                        cost[index(a, j)] = cost[index(a, last)];
                    }
                    for (int b = j + 1; b < last; b++) {
                        cost[index(j, b)] = cost[index(b, last)];
                    }
                    size[j] = size[last];
                    head[j] = head[last];
                    y[j] = y[last];
                    w[j] = w[last];
                    trace[j] = trace[last];
                    term[j] = term[last];
                }
                g--;
                for (int a = 0; a < g; a++) {
                    if (a != i) {
                        cost[a < i ? index(a, i) : index(i, a)] = mergeCost(Math.min(a, i), Math.max(a, i), null);
                    }
                }
                refreshColumns(i, j, g, columnMin, columnArg);
            }
            int[] rows = new int[n];
            for (int r = 0; r < n; r++) {
                rows[r] = r;
            }
            return new HierarchicalAgglomeration(rows, first, second);
        }

        /** The last column b in 1..g-1 whose least cost is the least of all. */
        private static int lastLeastColumn(double[] columnMin, int g) {
            int best = 1;
            double min = Double.POSITIVE_INFINITY;
            for (int b = 1; b < g; b++) {
                if (columnMin[b] <= min) {
                    min = columnMin[b];
                    best = b;
                }
            }
            return best;
        }

        /** Column b's least cost and the last row a < b reaching it (-1 if every cost is NaN). */
        private void rescan(int b, double[] columnMin, int[] columnArg) {
            double min = Double.POSITIVE_INFINITY;
            int arg = -1;
            int base = index(0, b);
            for (int a = 0; a < b; a++) {
                if (cost[base + a] <= min) {
                    min = cost[base + a];
                    arg = a;
                }
            }
            columnMin[b] = min;
            columnArg[b] = arg;
        }

        /**
         * After slot j was merged into slot i (and the last slot moved into j): column i and column j
         * are new; every other column b > i has a new cost in row i, and in row j if b > j. A column whose
         * least cost was in a changed row is rescanned, the others compare the new costs.
         */
        private void refreshColumns(int i, int j, int g, double[] columnMin, int[] columnArg) {
            if (i >= 1) {
                rescan(i, columnMin, columnArg);
            }
            if (j < g) {
                rescan(j, columnMin, columnArg);
            }
            for (int b = i + 1; b < g; b++) {
                if (b == j) {
                    continue;
                }
                if (columnArg[b] == i || (b > j && columnArg[b] == j) || columnArg[b] < 0) {
                    rescan(b, columnMin, columnArg);
                    continue;
                }
                offer(b, i, columnMin, columnArg);
                if (b > j) {
                    offer(b, j, columnMin, columnArg);
                }
            }
        }

        /** Row a's cost in column b, against the column's least (ties go to the later row). */
        private void offer(int b, int a, double[] columnMin, int[] columnArg) {
            double v = cost[index(a, b)];
            if (v < columnMin[b] || (v == columnMin[b] && a > columnArg[b])) {
                columnMin[b] = v;
                columnArg[b] = a;
            }
        }

        /** Merges slot j into slot i. */
        private void merge(int i, int j) {
            double[] merged = new double[d * d];
            double traceIJ = mergeScatter(i, j, merged);
            double nij = size[i] + size[j];
            double si = Math.sqrt(size[i] / nij);
            double sj = Math.sqrt(size[j] / nij);
            double[] yij = new double[d];
            for (int a = 0; a < d; a++) {
                yij[a] = si * y[i][a] + sj * y[j][a];
            }
            term[i] = termOf((int) nij, traceIJ, merged, size[i] == 1 && size[j] == 1);
            size[i] = (int) nij;
            y[i] = yij;
            w[i] = merged;
            trace[i] = traceIJ;
        }

        /** The merged scatter into out; returns its trace as mclust sums it. */
        private double mergeScatter(int i, int j, double[] out) {
            double ni = size[i];
            double nj = size[j];
            double nij = ni + nj;
            double[] v = vWork;
            if (ni == 1 && nj == 1) {
                for (int a = 0; a < d; a++) {
                    v[a] = (y[i][a] - y[j][a]) * RT_HALF;
                }
            } else {
                double si = Math.sqrt(ni / nij);
                double sj = Math.sqrt(nj / nij);
                for (int a = 0; a < d; a++) {
                    v[a] = sj * y[i][a] - si * y[j][a];
                }
            }
            double dot = 0;
            for (int a = 0; a < d; a++) {
                dot += v[a] * v[a];
            }
            if (out != null) {
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b < d; b++) {
                        double s = v[a] * v[b];
                        if (w[i] != null) {
                            s += w[i][a * d + b];
                        }
                        if (w[j] != null) {
                            s += w[j][a * d + b];
                        }
                        out[a * d + b] = s;
                    }
                }
            }
            return (trace[i] + trace[j]) + dot;
        }

        private double mergeCost(int i, int j, double[] unused) {
            int nij = size[i] + size[j];
            boolean singletons = size[i] == 1 && size[j] == 1;
            double traceIJ = mergeScatter(i, j, nij > d && !singletons ? work : null);
            return termOf(nij, traceIJ, work, singletons) - (term[i] + term[j]);
        }

        /** mclust's vvvtij: the term of a cluster of l rows with scatter trace tr and scatter wm. */
        private double termOf(int l, double tr, double[] wm, boolean singletons) {
            if (singletons) {
                return 2 * Math.log((tr + alpha) / 2);
            }
            double q = (tr + alpha) / l;
            double t;
            if (l <= d) {
                t = Math.log(q);
            } else if (tr == 0) {
                t = Math.log(alpha / l);
            } else {
                double detlog = logDeterminantOver(wm, l);
                if (detlog == Double.NEGATIVE_INFINITY) {
                    t = Math.log(q);
                } else if (detlog <= 0) {
                    t = Math.log(Math.exp(detlog) + q);
                } else {
                    t = Math.log(1 + Math.exp(-detlog) * q) + detlog;
                }
            }
            return l * t;
        }

        /** log |wm / l|, or -∞ when not positive definite. */
        private double logDeterminantOver(double[] wm, int l) {
            double[] c = new double[d * d];
            for (int t = 0; t < d * d; t++) {
                c[t] = wm[t] / l;
            }
            if (!GaussianKernels.choleskyInPlace(c, d)) {
                return Double.NEGATIVE_INFINITY;
            }
            return 2 * GaussianKernels.halfLogDeterminant(c, d);
        }
    }
}
