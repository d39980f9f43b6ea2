package io.emkit.gmm;

import io.emkit.core.numeric.Matrix;
import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * An immutable multivariate normal distribution {@code N(μ, Σ)} in {@code d} dimensions.
 *
 * <p>{@code log p(x) = -½ d log(2π) - ½ log|Σ| - ½ (x-μ)ᵀ Σ⁻¹ (x-μ)}, evaluated through the lower
 * Cholesky factor {@code Σ = L Lᵀ}, computed once at construction. Instances are thread-safe.
 *
 * <h2>Non-finite values</h2>
 * Parameters must be finite (checked). A query point holding NaN gives NaN; an infinite coordinate
 * gives {@code -∞} or NaN.
 */
public final class Gaussian {
    /** Relative tolerance of the symmetry check on covariances. */
    static final double SYMMETRY_TOLERANCE = 1e-10;

    private final int dimension;
    private final double[] mean;
    private final Matrix covariance;
    private final double[] cholesky; // lower, row-major d × d
    private final double logNormaliser; // -½ d log 2π - Σ log L_aa

    private Gaussian(double[] mean, Matrix covariance, double[] cholesky) {
        this.dimension = mean.length;
        this.mean = mean;
        this.covariance = covariance;
        this.cholesky = cholesky;
        this.logNormaliser = -0.5 * dimension * GaussianKernels.LOG_2PI
                - GaussianKernels.halfLogDeterminant(cholesky, dimension);
    }

    /**
     * A Gaussian with the given mean and covariance.
     *
     * @param mean μ, length {@code d >= 1}, finite. Not modified (copied).
     * @param covariance Σ, {@code d × d}, symmetric (within {@value #SYMMETRY_TOLERANCE} relative)
     *     and positive definite
     * @return the distribution
     * @throws IllegalArgumentException if the mean is empty or not finite, or the covariance has the
     *     wrong shape, is not symmetric or not positive definite (the message says which)
     * @throws NullPointerException if an argument is null
     */
    public static Gaussian of(double[] mean, Matrix covariance) {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(covariance, "covariance");
        int d = mean.length;
        if (d < 1) {
            throw new IllegalArgumentException("mean must have at least one element");
        }
        for (int a = 0; a < d; a++) {
            if (!Double.isFinite(mean[a])) {
                throw new IllegalArgumentException("mean[" + a + "] is " + mean[a] + "; must be finite");
            }
        }
        if (covariance.rows() != d || covariance.columns() != d) {
            throw new IllegalArgumentException("dimension mismatch: covariance is " + covariance.rows() + " x "
                    + covariance.columns() + " but mean has length " + d);
        }
        if (!covariance.isSymmetric(SYMMETRY_TOLERANCE)) {
            throw new IllegalArgumentException("covariance is not symmetric: " + covariance);
        }
        double[] l = covariance.toRowMajor();
        if (!GaussianKernels.choleskyInPlace(l, d)) {
            throw new IllegalArgumentException("covariance is not positive definite: " + covariance);
        }
        return new Gaussian(mean.clone(), covariance, l);
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
     * The mean μ.
     *
     * @return a new array of length d
     */
    public double[] mean() {
        return mean.clone();
    }

    /**
     * The covariance Σ.
     *
     * @return the {@code d × d} matrix (immutable)
     */
    public Matrix covariance() {
        return covariance;
    }

    /**
     * The lower Cholesky factor L of Σ ({@code Σ = L Lᵀ}).
     *
     * @return the {@code d × d} lower-triangular matrix
     */
    public Matrix choleskyFactor() {
        return Matrix.ofRowMajor(dimension, dimension, cholesky);
    }

    /**
     * {@code log p(x)}, natural log.
     *
     * @param x a point of length d. Not modified.
     * @return the log-density
     * @throws IllegalArgumentException if {@code x.length != d}
     */
    public double logDensity(double[] x) {
        Objects.requireNonNull(x, "x");
        if (x.length != dimension) {
            throw new IllegalArgumentException("dimension mismatch: x has length " + x.length + " but the Gaussian has dimension "
                    + dimension);
        }
        return logDensity(x, 0);
    }

    /**
     * {@code log p(x)} for the point {@code x[offset..offset+d)}. Allocates one work array of length d;
     * use {@link #logDensities} in loops.
     *
     * @param x holds the point. Not modified.
     * @param offset index of the point's first coordinate
     * @return the log-density
     * @throws IndexOutOfBoundsException if the point does not fit in {@code x}
     */
    public double logDensity(double[] x, int offset) {
        Objects.checkFromIndexSize(offset, dimension, x.length);
        double[] z = new double[dimension];
        return logNormaliser - 0.5 * GaussianKernels.mahalanobisSquared(x, offset, mean, cholesky, z, dimension);
    }

    /**
     * Log-densities of {@code n} points stored row-major: point i at {@code rowMajor[i*d..(i+1)*d)}.
     * Allocates one work array per call, none per row.
     *
     * @param rowMajor the points, at least {@code n*d} values. Not modified.
     * @param n number of points, {@code >= 0}
     * @param out receives {@code log p(x_i)} at {@code out[outOffset + i]}. Modified.
     * @param outOffset where the first result goes
     * @throws IndexOutOfBoundsException if an array is too short
     */
    public void logDensities(double[] rowMajor, int n, double[] out, int outOffset) {
        Objects.checkFromIndexSize(0, n * dimension, rowMajor.length);
        Objects.checkFromIndexSize(outOffset, n, out.length);
        double[] z = new double[dimension];
        for (int i = 0; i < n; i++) {
            out[outOffset + i] = logNormaliser
                    - 0.5 * GaussianKernels.mahalanobisSquared(rowMajor, i * dimension, mean, cholesky, z, dimension);
        }
    }

    /**
     * One draw {@code μ + L z} with {@code z} standard normal from {@code random.nextGaussian()}.
     *
     * @param random the random source. Not null.
     * @return a new point of length d
     */
    public double[] sample(RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        int d = dimension;
        double[] z = new double[d];
        for (int a = 0; a < d; a++) {
            z[a] = random.nextGaussian();
        }
        double[] x = new double[d];
        for (int a = 0; a < d; a++) {
            double s = mean[a];
            for (int b = 0; b <= a; b++) {
                s += cholesky[a * d + b] * z[b];
            }
            x[a] = s;
        }
        return x;
    }

    @Override
    public String toString() {
        return "Gaussian[mean=" + Arrays.toString(mean) + ", covariance=" + covariance + "]";
    }
}
