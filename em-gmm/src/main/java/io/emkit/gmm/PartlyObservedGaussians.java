package io.emkit.gmm;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Objects;

/**
 * Gaussian components evaluated on points with some coordinates missing (NaN), one point at a
 * time, for models other than the mixture that weigh each point per component themselves (hidden
 * Markov models with partly missing steps). The algebra is {@link IncompleteGaussianMixture}'s and
 * shares its per-pattern factors: with o the observed and m the missing coordinates of a point,
 * component j's density is the observed marginal {@code N(x_o; μ_j,o, Σ_j,oo)}, and its expected
 * sufficient statistics use the conditional mean {@code E[x_m | x_o] = μ_j,m + B_j (x_o - μ_j,o)}
 * and add the conditional covariance {@code C_j = Σ_j,mm - B_j Σ_j,om} to the scatter's missing
 * block. Each pattern is factored once per component (then cached).
 *
 * <p>Thread-safe for {@link #logDensity}; a {@link Sums} belongs to one thread.
 */
public final class PartlyObservedGaussians {
    private final GaussianComponents set;
    private final PatternFactors.Cache cache;
    private final int d;

    private PartlyObservedGaussians(GaussianComponents set) {
        this.set = set;
        this.cache = new PatternFactors.Cache(set);
        this.d = set.dimension();
    }

    /**
     * The helper for a component set.
     *
     * @param components the Gaussians (any covariance type). Not null.
     * @return the helper
     */
    public static PartlyObservedGaussians of(GaussianComponents components) {
        return new PartlyObservedGaussians(Objects.requireNonNull(components, "components"));
    }

    /** The factors of component j for the NaN pattern of {@code x[offset .. offset + d)}. */
    private PatternFactors factors(int j, double[] x, int offset) {
        int missing = 0;
        for (int a = 0; a < d; a++) {
            missing += Double.isNaN(x[offset + a]) ? 1 : 0;
        }
        checkArgument(missing < d, "the point at offset %s has every coordinate missing; it has no density", offset);
        int[] obs = new int[d - missing];
        int[] mis = new int[missing];
        int o = 0;
        int m = 0;
        for (int a = 0; a < d; a++) {
            if (Double.isNaN(x[offset + a])) {
                mis[m++] = a;
            } else {
                obs[o++] = a;
            }
        }
        return cache.get(obs, mis)[j];
    }

    /**
     * The natural log of component j's observed-marginal density at one point.
     *
     * @param j component index
     * @param x holds the point at {@code x[offset .. offset + d)}, NaN where a coordinate is missing
     * @param offset where the point starts
     * @return {@code log N(x_o; μ_j,o, Σ_j,oo)}; for a point without missing coordinates the full density
     * @throws IllegalArgumentException if every coordinate is missing
     * @throws IllegalStateException if an observed block of the covariance is not positive definite
     */
    public double logDensity(int j, double[] x, int offset) {
        Objects.checkIndex(j, set.size());
        PatternFactors pf = factors(j, x, offset);
        int no = pf.observed.length;
        double[] mean = set.mean(j);
        double[] z = new double[no];
        for (int a = 0; a < no; a++) {
            z[a] = x[offset + pf.observed[a]] - mean[pf.observed[a]];
        }
        PatternFactors.forward(pf.lower, no, z);
        double q = 0;
        for (double v : z) {
            q += v * v;
        }
        return pf.logNormaliser - 0.5 * q;
    }

    /**
     * New, empty weighted statistics for these components.
     *
     * @return sums to which {@link Sums#add} adds points
     */
    public Sums newSums() {
        return new Sums();
    }

    /**
     * Posterior-weighted expected sufficient statistics of partly observed points, per component:
     * {@code N_j = Σ w}, {@code s_j = Σ w (x̂ - μ_j)}, {@code S_j = Σ w [(x̂ - μ_j)(x̂ - μ_j)ᵀ + C_j]}
     * with {@code x̂} the point completed by component j's conditional mean, about the current means
     * (so that the scatter keeps its precision). {@link #toAccumulator()} gives them in the form the
     * Gaussian family's M-step takes; it merges with the kernel's statistics of complete points.
     */
    public final class Sums {
        private final boolean full = GaussianComponents.isFactored(set.type());
        private final int k = set.size();
        private final double[] means = new double[k * d];
        private final double[] n = new double[k];
        private final double[] first = new double[k * d];
        private final double[] second = new double[full ? k * d * d : k * d];
        private final double[] y = new double[d];

        private Sums() {
            for (int j = 0; j < k; j++) {
                System.arraycopy(set.mean(j), 0, means, j * d, d);
            }
        }

        /**
         * Adds one point with weight {@code w} under component j.
         *
         * @param j component index
         * @param x holds the point at {@code x[offset .. offset + d)}, NaN where missing
         * @param offset where the point starts
         * @param w the point's weight for component j (a state posterior times the sequence weight);
         *     0 adds nothing
         * @throws IllegalArgumentException if {@code w} is negative or not finite, or every coordinate
         *     is missing
         */
        public void add(int j, double[] x, int offset, double w) {
            Objects.checkIndex(j, k);
            checkArgument(w >= 0 && w < Double.POSITIVE_INFINITY, "weight (%s) must be finite and >= 0", w);
            if (w == 0) {
                return;
            }
            PatternFactors pf = factors(j, x, offset);
            int[] obs = pf.observed;
            int[] mis = pf.missing;
            int no = obs.length;
            int nm = mis.length;
            for (int a = 0; a < no; a++) {
                y[obs[a]] = x[offset + obs[a]] - means[j * d + obs[a]];
            }
            for (int s = 0; s < nm; s++) {
                double ym = 0;
                for (int a = 0; a < no; a++) {
                    ym += pf.regression[s * no + a] * y[obs[a]];
                }
                y[mis[s]] = ym; // E[x_m | x_o] - μ_m
            }
            n[j] += w;
            for (int a = 0; a < d; a++) {
                first[j * d + a] += w * y[a];
            }
            if (full) {
                int q = j * d * d;
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b <= a; b++) {
                        second[q + a * d + b] += w * y[a] * y[b];
                    }
                }
                for (int s = 0; s < nm; s++) {
                    for (int t = 0; t <= s; t++) { // mis ascending: mis[s] >= mis[t]
                        second[q + mis[s] * d + mis[t]] += w * pf.conditional[s * nm + t];
                    }
                }
            } else {
                for (int a = 0; a < d; a++) {
                    second[j * d + a] += w * y[a] * y[a];
                }
                for (int s = 0; s < nm; s++) {
                    second[j * d + mis[s]] += w * pf.conditional[s * nm + s];
                }
            }
        }

        /**
         * The sums as Gaussian statistics of k components.
         *
         * @return a new accumulator (weight 0 for a component no point was added to)
         */
        public GaussianAccumulator toAccumulator() {
            GaussianAccumulator acc = new GaussianAccumulator(k, d, full);
            for (int j = 0; j < k; j++) {
                acc.setFromReference(j, n[j], means, j * d, first, j * d, second, full ? j * d * d : j * d);
            }
            return acc;
        }
    }
}
