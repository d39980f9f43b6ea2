package io.emkit.gmm;

import io.emkit.core.SufficientStatistics;
import java.util.Arrays;

/**
 * Expected sufficient statistics of a Gaussian mixture over some rows, produced by
 * {@link GaussianMixtureModel#expect}.
 *
 * <p>For component j with responsibilities {@code r_ij} (times the row weights), the statistics are
 * {@code N_j = Σ r_ij}, {@code s_j = Σ r_ij (x_i - c_j)} and the scatter
 * {@code S_j = Σ r_ij (x_i - c_j)(x_i - c_j)ᵀ} (full and tied; only its diagonal for diagonal and
 * spherical), all about a reference point {@code c_j} fixed by the parameters of the E-step: the
 * mixture's mean, or the component's own mean when the mixture's mean is too far from it (see
 * {@link MixtureKernels}). Since every chunk of one E-step shares the same references,
 * {@link #merge} is a plain element-wise sum, associative and commutative up to round-off; centring
 * near the data keeps full relative precision for data far from the origin. They also carry the
 * log-likelihood, the total row
 * weight and the few worst-explained rows (lowest {@code log p(x)}), which the M-step uses to re-seed
 * collapsed components. Mutable, not thread-safe.
 */
public final class GaussianMixtureStatistics implements SufficientStatistics<GaussianMixtureStatistics> {
    final int k;
    final int d;
    final boolean fullScatter;
    final double[] reference; // k × d, shared by every chunk of one E-step; never modified
    final double[] nk;
    final double[] firstMoments; // k × d
    final double[] scatter; // full: k × d × d (lower triangle filled); diagonal: k × d
    double logLikelihood;
    double weight;
    // worst-explained rows, unsorted; worstCount <= worstCapacity
    final int worstCapacity;
    int worstCount;
    final double[] worstLogDensity;
    final double[] worstRows;

    GaussianMixtureStatistics(int k, int d, boolean fullScatter, double[] reference) {
        if (reference.length != k * d) {
            throw new IllegalArgumentException("reference has length " + reference.length + ", expected " + k * d);
        }
        this.k = k;
        this.d = d;
        this.fullScatter = fullScatter;
        this.reference = reference;
        this.nk = new double[k];
        this.firstMoments = new double[k * d];
        this.scatter = new double[fullScatter ? k * d * d : k * d];
        this.worstCapacity = k;
        this.worstLogDensity = new double[worstCapacity];
        this.worstRows = new double[worstCapacity * d];
    }

    /**
     * Offers a row as a worst-explained candidate. Ties are broken by the row's coordinates, so the
     * kept set does not depend on the order of offers.
     */
    void offerWorst(double logDensity, double[] rows, int offset) {
        if (worstCount < worstCapacity) {
            worstLogDensity[worstCount] = logDensity;
            System.arraycopy(rows, offset, worstRows, worstCount * d, d);
            worstCount++;
            return;
        }
        int best = 0; // the best-explained of the kept rows, to be replaced
        for (int m = 1; m < worstCount; m++) {
            if (worse(worstLogDensity[best], worstRows, best * d, worstLogDensity[m], worstRows, m * d)) {
                best = m;
            }
        }
        if (worse(logDensity, rows, offset, worstLogDensity[best], worstRows, best * d)) {
            worstLogDensity[best] = logDensity;
            System.arraycopy(rows, offset, worstRows, best * d, d);
        }
    }

    /** The largest kept log-density, or +∞ while fewer than capacity rows are kept. */
    double worstThreshold() {
        if (worstCount < worstCapacity) {
            return Double.POSITIVE_INFINITY;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int m = 0; m < worstCount; m++) {
            max = Math.max(max, worstLogDensity[m]);
        }
        return max;
    }

    private boolean worse(double a, double[] rowsA, int offA, double b, double[] rowsB, int offB) {
        if (a != b) {
            return a < b;
        }
        for (int c = 0; c < d; c++) {
            if (rowsA[offA + c] != rowsB[offB + c]) {
                return rowsA[offA + c] < rowsB[offB + c];
            }
        }
        return false;
    }

    @Override
    public GaussianMixtureStatistics merge(GaussianMixtureStatistics other) {
        if (other.k != k || other.d != d || other.fullScatter != fullScatter) {
            throw new IllegalArgumentException("statistics of different shapes cannot be merged");
        }
        if (other.reference != reference && !Arrays.equals(other.reference, reference)) {
            throw new IllegalArgumentException("statistics about different reference points cannot be merged");
        }
        addInto(nk, other.nk);
        addInto(firstMoments, other.firstMoments);
        addInto(scatter, other.scatter);
        logLikelihood += other.logLikelihood;
        weight += other.weight;
        for (int m = 0; m < other.worstCount; m++) {
            offerWorst(other.worstLogDensity[m], other.worstRows, m * d);
        }
        return this;
    }

    private static void addInto(double[] target, double[] source) {
        for (int i = 0; i < target.length; i++) {
            target[i] += source[i];
        }
    }

    @Override
    public double logLikelihood() {
        return logLikelihood;
    }

    @Override
    public double weight() {
        return weight;
    }

    /**
     * The summed responsibilities {@code N_j}.
     *
     * @return a new array of length k
     */
    public double[] componentWeights() {
        return nk.clone();
    }
}
