package io.emkit.latent.factor;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.Dataset;
import io.emkit.core.mixture.Mixture;
import io.emkit.core.mixture.MixtureParameters;
import io.emkit.core.numeric.Matrix;
import java.util.Objects;

/**
 * Mixtures of factor analysers and of PPCA: the model, and the queries a fitted mixture answers beyond
 * {@link MixtureParameters}' own (weights, responsibilities, labels, score, BIC/AIC, samples).
 */
public final class FactorMixtures {

    private FactorMixtures() {}

    /**
     * A mixture of k factor analysers with q factors each, k-means++ starts (then the closed-form PPCA of
     * each cluster).
     *
     * @param k the number of components, {@code >= 1}
     * @param q the number of factors, {@code >= 1}
     * @return the mixture model
     * @throws IllegalArgumentException if k or q is below 1
     */
    public static Mixture<FactorAnalysers, FactorMoments> factorAnalysers(int k, int q) {
        return Mixture.builder(FactorAnalyserFamily.factorAnalysers(q)).components(k).build();
    }

    /**
     * The posterior factor means of each row under one component, {@code E[z | x_i, j] = β_j (x_i - μ_j)}.
     *
     * @param parameters the mixture. Not null.
     * @param data rows of the mixture's dimension. Not modified.
     * @param j the component, in {@code [0, k)}
     * @return a new {@code n × q} matrix
     * @throws IllegalArgumentException if the dimension differs or j is out of range
     */
    public static Matrix transform(MixtureParameters<FactorAnalysers> parameters, Dataset data, int j) {
        FactorAnalysers set = checked(parameters, data);
        checkArgument(j >= 0 && j < set.k, "component j (%s) must be in [0, %s)", j, set.k);
        int[] labels = new int[data.size()];
        java.util.Arrays.fill(labels, j);
        return posteriorMeans(set, data, labels);
    }

    /**
     * The posterior factor means of each row under its most probable component (its
     * {@linkplain MixtureParameters#labels label}).
     *
     * @param parameters the mixture. Not null.
     * @param data rows of the mixture's dimension. Not modified.
     * @return a new {@code n × q} matrix; row i is in the coordinates of component {@code labels[i]}
     * @throws IllegalArgumentException if the dimension differs
     */
    public static Matrix transform(MixtureParameters<FactorAnalysers> parameters, Dataset data) {
        FactorAnalysers set = checked(parameters, data);
        return posteriorMeans(set, data, parameters.labels(data));
    }

    /**
     * Reconstructions {@code Σ_j r_ij (μ_j + W_j E[z | x_i, j])}: each row projected onto every
     * component's subspace, averaged by the responsibilities.
     *
     * @param parameters the mixture. Not null.
     * @param data rows of the mixture's dimension. Not modified.
     * @return a new {@code n × d} matrix
     * @throws IllegalArgumentException if the dimension differs
     */
    public static Matrix reconstruct(MixtureParameters<FactorAnalysers> parameters, Dataset data) {
        FactorAnalysers set = checked(parameters, data);
        Matrix r = parameters.responsibilities(data);
        int n = data.size();
        int d = set.d;
        int q = set.q;
        double[] row = new double[d];
        double[] z = new double[q];
        double[] out = new double[Math.multiplyExact(n, d)];
        for (int i = 0; i < n; i++) {
            data.copyRows(i, i + 1, row, 0);
            for (int j = 0; j < set.k; j++) {
                double rij = r.get(i, j);
                if (rij == 0) {
                    continue;
                }
                set.posteriorMean(j, row, 0, z, 0);
                for (int a = 0; a < d; a++) {
                    double v = set.means[j * d + a];
                    for (int c = 0; c < q; c++) {
                        v += set.loadings[(j * d + a) * q + c] * z[c];
                    }
                    out[i * d + a] += rij * v;
                }
            }
        }
        return Matrix.ofRowMajor(n, d, out);
    }

    private static FactorAnalysers checked(MixtureParameters<FactorAnalysers> parameters, Dataset data) {
        Objects.requireNonNull(parameters, "parameters");
        parameters.checkDimension(data);
        return parameters.components();
    }

    private static Matrix posteriorMeans(FactorAnalysers set, Dataset data, int[] labels) {
        int n = data.size();
        double[] row = new double[set.d];
        double[] out = new double[Math.multiplyExact(n, set.q)];
        for (int i = 0; i < n; i++) {
            data.copyRows(i, i + 1, row, 0);
            set.posteriorMean(labels[i], row, 0, out, i * set.q);
        }
        return Matrix.ofRowMajor(n, set.q, out);
    }
}
