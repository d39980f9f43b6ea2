package io.emkit.gmm;

import io.emkit.core.numeric.Matrix;
import java.util.Objects;

/**
 * A mutable accumulator of weighted Gaussian statistics: total weight {@code W = Σ w_i}, weighted
 * mean {@code m = Σ w_i x_i / W} and centred scatter {@code M = Σ w_i (x_i - m)(x_i - m)ᵀ}.
 *
 * <p>Updates are weighted Welford steps, {@code m' = m + (w/W')δ}, {@code M' = M + (wW/W') δδᵀ}
 * with {@code δ = x - m}, and {@link #merge} is Chan et al.'s pairwise combination, so data far
 * from the origin (shifted by 1e8, say) keep full relative precision and chunks can be reduced in any
 * order. The mean is stored relative to the first point seen, so its rounding error scales with the
 * data's spread rather than with their distance from the origin. Not thread-safe; use one per thread
 * and merge.
 *
 * <p>Reference: T. F. Chan, G. H. Golub, R. J. LeVeque, "Algorithms for computing the sample
 * variance", The American Statistician 37 (1983).
 */
public final class WeightedGaussianStatistics {
    private final int dimension;
    private double weight;
    private final double[] reference; // the first point seen; means are kept relative to it
    private final double[] mean; // mean - reference
    private final double[] scatter; // row-major d × d, symmetric
    private final double[] delta;

    /**
     * An empty accumulator.
     *
     * @param dimension d, at least 1
     * @throws IllegalArgumentException if {@code dimension < 1}
     */
    public WeightedGaussianStatistics(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension (" + dimension + ") must be >= 1");
        }
        this.dimension = dimension;
        this.reference = new double[dimension];
        this.mean = new double[dimension];
        this.scatter = new double[dimension * dimension];
        this.delta = new double[dimension];
    }

    /**
     * The dimension d.
     *
     * @return at least 1
     */
    public int dimension() {
        return dimension;
    }

    /**
     * Adds one weighted point. A zero weight changes nothing.
     *
     * @param x holds the point at {@code x[offset..offset+d)}. Not modified.
     * @param offset index of its first coordinate
     * @param weight {@code >= 0} and finite
     * @throws IllegalArgumentException if the weight is negative, NaN or infinite
     * @throws IndexOutOfBoundsException if the point does not fit in {@code x}
     */
    public void add(double[] x, int offset, double weight) {
        if (!(weight >= 0 && weight < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("weight (" + weight + ") must be finite and >= 0");
        }
        Objects.checkFromIndexSize(offset, dimension, x.length);
        if (weight == 0) {
            return;
        }
        int d = dimension;
        if (this.weight == 0) {
            System.arraycopy(x, offset, reference, 0, d);
        }
        double total = this.weight + weight;
        double share = weight / total;
        double cross = this.weight * share; // w W / W'
        for (int a = 0; a < d; a++) {
            double da = (x[offset + a] - reference[a]) - mean[a];
            delta[a] = da;
            mean[a] += share * da;
        }
        for (int a = 0; a < d; a++) {
            double ca = cross * delta[a];
            int row = a * d;
            for (int b = 0; b < d; b++) {
                scatter[row + b] += ca * delta[b];
            }
        }
        this.weight = total;
    }

    /**
     * Adds the statistics of another accumulator (Chan et al.'s merge):
     * {@code M = M_a + M_b + (W_a W_b / W) δδᵀ}, {@code δ = m_b - m_a}.
     *
     * @param other statistics of the same dimension. Not modified.
     * @return this, updated
     * @throws IllegalArgumentException if the dimensions differ
     */
    public WeightedGaussianStatistics merge(WeightedGaussianStatistics other) {
        Objects.requireNonNull(other, "other");
        if (other.dimension != dimension) {
            throw new IllegalArgumentException("dimension mismatch: " + other.dimension + " vs " + dimension);
        }
        if (other.weight == 0) {
            return this;
        }
        int d = dimension;
        if (weight == 0) {
            weight = other.weight;
            System.arraycopy(other.reference, 0, reference, 0, d);
            System.arraycopy(other.mean, 0, mean, 0, d);
            System.arraycopy(other.scatter, 0, scatter, 0, d * d);
            return this;
        }
        double total = weight + other.weight;
        double share = other.weight / total;
        double cross = weight * share;
        for (int a = 0; a < d; a++) {
            double da = (other.reference[a] - reference[a]) + (other.mean[a] - mean[a]);
            delta[a] = da;
            mean[a] += share * da;
        }
        for (int a = 0; a < d; a++) {
            double ca = cross * delta[a];
            int row = a * d;
            for (int b = 0; b < d; b++) {
                scatter[row + b] += other.scatter[row + b] + ca * delta[b];
            }
        }
        weight = total;
        return this;
    }

    /**
     * The total weight W.
     *
     * @return {@code >= 0}
     */
    public double weight() {
        return weight;
    }

    /**
     * The weighted mean.
     *
     * @return a new array of length d (zeros while the weight is 0)
     */
    public double[] mean() {
        return absoluteMean();
    }

    private double[] absoluteMean() {
        double[] m = new double[dimension];
        for (int a = 0; a < dimension; a++) {
            m[a] = reference[a] + mean[a];
        }
        return m;
    }

    /**
     * The centred scatter {@code Σ w_i (x_i - m)(x_i - m)ᵀ} (not divided by the weight).
     *
     * @return a {@code d × d} symmetric matrix
     */
    public Matrix scatter() {
        return Matrix.ofRowMajor(dimension, dimension, scatter);
    }

    /**
     * The biased weighted covariance {@code M / W}.
     *
     * @return a {@code d × d} symmetric positive semi-definite matrix
     * @throws IllegalStateException if the weight is 0
     */
    public Matrix covariance() {
        checkWeight();
        double[] c = new double[dimension * dimension];
        for (int i = 0; i < c.length; i++) {
            c[i] = scatter[i] / weight;
        }
        return Matrix.ofRowMajor(dimension, dimension, c);
    }

    /**
     * The maximum-likelihood Gaussian of the given covariance shape, with {@code regCovar} added to the
     * diagonal: full {@code S + εI}; diagonal {@code diag(S) + ε}; spherical {@code (tr S / d + ε) I},
     * where S is {@link #covariance()}.
     *
     * @param type {@link CovarianceType#FULL}, {@link CovarianceType#DIAGONAL} or
     *     {@link CovarianceType#SPHERICAL} ({@code TIED} pools several components, so it is not a
     *     property of one accumulator)
     * @param regCovar ε, finite and {@code >= 0}
     * @return the Gaussian
     * @throws IllegalArgumentException if the type is {@code TIED}, {@code regCovar} is negative or not
     *     finite, or the result is not positive definite (e.g. fewer than d+1 distinct points with
     *     {@code regCovar = 0})
     * @throws IllegalStateException if the weight is 0
     */
    public Gaussian toGaussian(CovarianceType type, double regCovar) {
        Objects.requireNonNull(type, "type");
        if (!(regCovar >= 0 && regCovar < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("regCovar (" + regCovar + ") must be finite and >= 0");
        }
        checkWeight();
        int d = dimension;
        double[] c = new double[d * d];
        switch (type) {
            case FULL:
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b < d; b++) {
                        // symmetrise away round-off
                        c[a * d + b] = 0.5 * (scatter[a * d + b] + scatter[b * d + a]) / weight;
                    }
                    c[a * d + a] += regCovar;
                }
                break;
            case DIAGONAL:
                for (int a = 0; a < d; a++) {
                    c[a * d + a] = scatter[a * d + a] / weight + regCovar;
                }
                break;
            case SPHERICAL:
                double trace = 0;
                for (int a = 0; a < d; a++) {
                    trace += scatter[a * d + a];
                }
                double variance = trace / weight / d + regCovar;
                for (int a = 0; a < d; a++) {
                    c[a * d + a] = variance;
                }
                break;
            case TIED:
            default:
                throw new IllegalArgumentException("covariance type " + type
                        + " pools several components; build it from the pooled scatter instead");
        }
        return Gaussian.of(absoluteMean(), Matrix.ofRowMajor(d, d, c));
    }

    private void checkWeight() {
        if (!(weight > 0)) {
            throw new IllegalStateException("no weight accumulated yet");
        }
    }
}
