package io.emkit.gmm;

import io.emkit.core.Dataset;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/** Starting parameters for {@link GaussianMixtureModel}: k-means, responsibilities, random points. */
final class Initialisers {

    private Initialisers() {}

    /**
     * k-means++ seeding (Arthur and Vassilvitskii 2007; row weights multiply the D² probabilities),
     * then up to {@code iterations} Lloyd steps; an emptied cluster keeps its centre.
     *
     * @return the label of each row
     */
    static int[] kmeans(Dataset data, int k, int iterations, RandomGenerator random) {
        int n = data.size();
        int d = data.dimension();
        double[] x = new double[n * d];
        data.copyRows(0, n, x, 0);
        double[] w = new double[n];
        data.copyWeights(0, n, w, 0);
        double[] centres = new double[k * d];
        double[] nearest = new double[n];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        int first = pick(w, null, random);
        System.arraycopy(x, first * d, centres, 0, d);
        for (int c = 1; c <= k; c++) {
            int prev = c - 1;
            for (int i = 0; i < n; i++) {
                double dist = distance(x, i * d, centres, prev * d, d);
                if (dist < nearest[i]) {
                    nearest[i] = dist;
                }
            }
            if (c == k) {
                break;
            }
            int next = pick(w, nearest, random);
            System.arraycopy(x, next * d, centres, c * d, d);
        }
        int[] labels = new int[n];
        double[] sums = new double[k * d];
        double[] counts = new double[k];
        for (int iteration = 0; iteration <= iterations; iteration++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bestDist = Double.POSITIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    double dist = distance(x, i * d, centres, j * d, d);
                    if (dist < bestDist) {
                        bestDist = dist;
                        best = j;
                    }
                }
                if (labels[i] != best || iteration == 0) {
                    changed |= labels[i] != best;
                    labels[i] = best;
                }
            }
            if ((!changed && iteration > 0) || iteration == iterations) {
                break;
            }
            // weighted means, accumulated about each cluster's current centre for stability
            Arrays.fill(sums, 0);
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                int j = labels[i];
                double wi = w[i];
                counts[j] += wi;
                for (int a = 0; a < d; a++) {
                    sums[j * d + a] += wi * (x[i * d + a] - centres[j * d + a]);
                }
            }
            for (int j = 0; j < k; j++) {
                if (counts[j] > 0) {
                    for (int a = 0; a < d; a++) {
                        centres[j * d + a] += sums[j * d + a] / counts[j];
                    }
                }
            }
        }
        return labels;
    }

    /** A row with probability ∝ w_i (times dist_i when given); falls back to ∝ w_i when all dist are 0. */
    private static int pick(double[] w, double[] dist, RandomGenerator random) {
        int n = w.length;
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += dist == null ? w[i] : w[i] * dist[i];
        }
        if (!(total > 0) || total == Double.POSITIVE_INFINITY) {
            if (dist != null) {
                return pick(w, null, random);
            }
            return random.nextInt(n);
        }
        double u = random.nextDouble() * total;
        double cumulative = 0;
        int last = 0;
        for (int i = 0; i < n; i++) {
            double p = dist == null ? w[i] : w[i] * dist[i];
            if (p > 0) {
                last = i;
                cumulative += p;
                if (u < cumulative) {
                    return i;
                }
            }
        }
        return last;
    }

    private static double distance(double[] x, int xo, double[] c, int co, int d) {
        double s = 0;
        for (int a = 0; a < d; a++) {
            double t = x[xo + a] - c[co + a];
            s += t * t;
        }
        return s;
    }

    /** One M-step from hard labels, without an n × k array. */
    static GaussianMixture fromLabels(GaussianMixtureModel model, Dataset data, int[] labels) {
        return fromAssignments(model, data, (i, row, rowWeight, per) -> per[labels[i]].add(row, 0, rowWeight));
    }

    /** One M-step from row-major {@code n × k} responsibilities (row weights applied here). */
    static GaussianMixture fromResponsibilities(GaussianMixtureModel model, Dataset data, double[] r) {
        int k = model.components();
        return fromAssignments(model, data, (i, row, rowWeight, per) -> {
            for (int j = 0; j < k; j++) {
                double v = r[i * k + j] * rowWeight;
                if (v > 0) {
                    per[j].add(row, 0, v);
                }
            }
        });
    }

    /**
     * One M-step from responsibilities drawn uniformly and normalised per row (scikit-learn's
     * "random" start), each row's drawn as it is accumulated: no {@code n × k} array.
     */
    static GaussianMixture fromRandomResponsibilities(GaussianMixtureModel model, Dataset data,
            RandomGenerator random) {
        int k = model.components();
        double[] r = new double[k];
        return fromAssignments(model, data, (i, row, rowWeight, per) -> {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                r[j] = random.nextDouble();
                sum += r[j];
            }
            for (int j = 0; j < k; j++) {
                double v = r[j] / sum * rowWeight;
                if (v > 0) {
                    per[j].add(row, 0, v);
                }
            }
        });
    }

    /** How row {@code i} (values {@code row}, weight {@code rowWeight}) feeds the per-component statistics. */
    private interface Assignment {
        void add(int i, double[] row, double rowWeight, WeightedGaussianStatistics[] perComponent);
    }

    /** Accumulates every row into the data's and the components' statistics, then one M-step. */
    private static GaussianMixture fromAssignments(GaussianMixtureModel model, Dataset data, Assignment assignment) {
        int d = data.dimension();
        int k = model.components();
        WeightedGaussianStatistics[] per = new WeightedGaussianStatistics[k];
        WeightedGaussianStatistics all = new WeightedGaussianStatistics(d);
        for (int j = 0; j < k; j++) {
            per[j] = new WeightedGaussianStatistics(d);
        }
        double[] row = new double[d];
        for (int i = 0; i < data.size(); i++) {
            data.copyRows(i, i + 1, row, 0);
            double rowWeight = data.weight(i);
            all.add(row, 0, rowWeight);
            assignment.add(i, row, rowWeight, per);
        }
        return fromStatistics(model, data, per, all);
    }

    private static GaussianMixture fromStatistics(GaussianMixtureModel model, Dataset data,
            WeightedGaussianStatistics[] per, WeightedGaussianStatistics all) {
        int n = data.size();
        int d = data.dimension();
        int k = model.components();
        double[] row = new double[d];
        boolean full = model.covarianceType() == CovarianceType.FULL || model.covarianceType() == CovarianceType.TIED;
        double[] refMeans = new double[k * d];
        double[] dataMean = all.mean();
        for (int j = 0; j < k; j++) {
            double[] m = per[j].weight() > 0 ? per[j].mean() : dataMean;
            System.arraycopy(m, 0, refMeans, j * d, d);
        }
        GaussianMixtureStatistics s = new GaussianMixtureStatistics(k, d, full, refMeans);
        for (int j = 0; j < k; j++) {
            s.nk[j] = per[j].weight();
            double[] scatter = per[j].scatter().toRowMajor();
            for (int a = 0; a < d; a++) {
                if (full) {
                    System.arraycopy(scatter, a * d, s.scatter, (j * d + a) * d, d);
                } else {
                    s.scatter[j * d + a] = scatter[a * d + a];
                }
            }
        }
        s.weight = data.totalWeight();
        // one worst row per component: the rows farthest from the data mean are a fair stand-in
        double threshold = s.worstThreshold();
        for (int i = 0; i < n; i++) {
            if (data.weight(i) > 0) {
                data.copyRows(i, i + 1, row, 0);
                double score = -distance(row, 0, dataMean, 0, d);
                if (score <= threshold) {
                    s.offerWorst(score, row, 0);
                    threshold = s.worstThreshold();
                }
            }
        }
        double[] identity = new double[k * d * d];
        double[] weights = new double[k];
        for (int j = 0; j < k; j++) {
            weights[j] = 1.0 / k;
            for (int a = 0; a < d; a++) {
                identity[(j * d + a) * d + a] = 1.0;
            }
        }
        GaussianMixture reference = new GaussianMixture(model.covarianceType(), k, d, weights, refMeans, identity,
                identity.clone());
        return model.maximizeQuietly(s, reference);
    }

    /** k distinct random rows (of positive weight, when there are k of them) as means; data covariance. */
    static GaussianMixture randomPoints(GaussianMixtureModel model, Dataset data, RandomGenerator random) {
        int n = data.size();
        int d = data.dimension();
        int k = model.components();
        int[] candidates = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (data.weight(i) > 0) {
                candidates[count++] = i;
            }
        }
        if (count < k) {
            for (int i = 0; i < n; i++) {
                candidates[i] = i;
            }
            count = n;
        }
        // partial Fisher-Yates
        for (int j = 0; j < k; j++) {
            int swap = j + random.nextInt(count - j);
            int t = candidates[j];
            candidates[j] = candidates[swap];
            candidates[swap] = t;
        }
        double[] r = new double[n * k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                r[i * k + j] = 1.0 / k; // every component gets the whole data's scatter
            }
        }
        GaussianMixture pooled = fromResponsibilities(model, data, r);
        double[] means = new double[k * d];
        double[] row = new double[d];
        for (int j = 0; j < k; j++) {
            data.copyRows(candidates[j], candidates[j] + 1, row, 0);
            System.arraycopy(row, 0, means, j * d, d);
        }
        double[] weights = new double[k];
        Arrays.fill(weights, 1.0 / k);
        return new GaussianMixture(pooled.type, k, d, weights, means, pooled.covariances.clone(),
                pooled.cholesky.clone());
    }
}
