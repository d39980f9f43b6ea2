package io.emkit.latent.factor;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.family.Accumulator;
import io.emkit.core.numeric.Matrix;

/**
 * Weighted moments of k components, parameter-free: per component the weight {@code N_j}, the weighted
 * mean {@code m_j} and the centred scatter {@code M_j = Σ_i w_ij (x_i - m_j)(x_i - m_j)ᵀ} (d × d). All the
 * factor-analyser M-step needs (see {@link FactorAnalyserFamily}): the E-step's expected factor moments
 * are linear in the scatter once {@code β_j} is fixed for the iteration.
 *
 * <p>Merging is Chan, Golub and LeVeque's pairwise update ({@code δ = m_b - m_a},
 * {@code M = M_a + M_b + δδᵀ N_a N_b / N}); a mean is held as a pivot (a point near the component's
 * data) plus an offset, so data far from the origin keep their precision. Not thread-safe.
 */
public final class FactorMoments implements Accumulator<FactorMoments> {
    private static final long serialVersionUID = 1L;

    final int k;
    final int d;
    final double[] weight;  // k
    final double[] pivot;   // k × d
    final double[] offset;  // k × d
    final double[] scatter; // k × d × d, lower triangle (b <= a) used

    FactorMoments(int k, int d) {
        this.k = k;
        this.d = d;
        this.weight = new double[k];
        this.pivot = new double[k * d];
        this.offset = new double[k * d];
        this.scatter = new double[Math.multiplyExact(k * d, d)];
    }

    /**
     * The number of components.
     *
     * @return k
     */
    public int components() {
        return k;
    }

    /**
     * The dimension.
     *
     * @return d
     */
    public int dimension() {
        return d;
    }

    /**
     * Component j's weight {@code N_j}.
     *
     * @param j component index
     * @return the summed weights, {@code >= 0}
     * @throws IndexOutOfBoundsException if j is out of range
     */
    public double weight(int j) {
        return weight[java.util.Objects.checkIndex(j, k)];
    }

    /**
     * Component j's weighted mean (zeros-plus-pivot when {@code N_j = 0}).
     *
     * @param j component index
     * @return a new array of length d
     * @throws IndexOutOfBoundsException if j is out of range
     */
    public double[] mean(int j) {
        java.util.Objects.checkIndex(j, k);
        double[] m = new double[d];
        for (int a = 0; a < d; a++) {
            m[a] = pivot[j * d + a] + offset[j * d + a];
        }
        return m;
    }

    /**
     * Component j's weighted covariance {@code M_j / N_j}.
     *
     * @param j component index with {@code N_j > 0}
     * @return a new symmetric {@code d × d} matrix
     * @throws IndexOutOfBoundsException if j is out of range
     * @throws IllegalStateException if {@code N_j} is not positive
     */
    public Matrix covariance(int j) {
        java.util.Objects.checkIndex(j, k);
        if (!(weight[j] > 0)) {
            throw new IllegalStateException("component " + j + " has weight " + weight[j]);
        }
        return Matrix.ofRowMajor(d, d, covarianceArray(j));
    }

    /** {@code M_j / N_j} as a full symmetric row-major array. */
    double[] covarianceArray(int j) {
        double[] s = new double[d * d];
        double inverse = 1.0 / weight[j];
        int base = j * d * d;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                double v = scatter[base + a * d + b] * inverse;
                s[a * d + b] = v;
                s[b * d + a] = v;
            }
        }
        return s;
    }

    /**
     * Sets component j from sums about a reference point c: {@code N}, {@code s = Σ w (x - c)} and
     * {@code S = Σ w (x - c)(x - c)ᵀ} (lower triangle); then {@code m = c + s/N}, {@code M = S - s sᵀ/N}.
     */
    void setFromReference(int j, double n, double[] c, int cOff, double[] s, int sOff, double[] sq, int sqOff) {
        weight[j] = n;
        System.arraycopy(c, cOff, pivot, j * d, d);
        if (!(n > 0)) {
            return;
        }
        double inverse = 1.0 / n;
        int base = j * d * d;
        for (int a = 0; a < d; a++) {
            double sa = s[sOff + a] * inverse;
            offset[j * d + a] = sa;
            for (int b = 0; b <= a; b++) {
                scatter[base + a * d + b] = sq[sqOff + a * d + b] - sa * s[sOff + b];
            }
        }
    }

    @Override
    public FactorMoments merge(FactorMoments other) {
        checkArgument(other.k == k && other.d == d,
                "cannot merge factor moments of k = %s, d = %s into k = %s, d = %s", other.k, other.d, k, d);
        double[] delta = new double[d];
        for (int j = 0; j < k; j++) {
            double nb = other.weight[j];
            if (!(nb > 0)) {
                continue;
            }
            double na = weight[j];
            int mo = j * d;
            int base = j * d * d;
            if (!(na > 0)) {
                weight[j] = nb;
                System.arraycopy(other.pivot, mo, pivot, mo, d);
                System.arraycopy(other.offset, mo, offset, mo, d);
                System.arraycopy(other.scatter, base, scatter, base, d * d);
                continue;
            }
            double n = na + nb;
            double fraction = nb / n;
            double cross = na * fraction;
            for (int a = 0; a < d; a++) {
                delta[a] = (other.pivot[mo + a] - pivot[mo + a]) + (other.offset[mo + a] - offset[mo + a]);
            }
            for (int a = 0; a < d; a++) {
                double ca = cross * delta[a];
                int row = base + a * d;
                for (int b = 0; b <= a; b++) {
                    scatter[row + b] += other.scatter[row + b] + ca * delta[b];
                }
            }
            for (int a = 0; a < d; a++) {
                offset[mo + a] += delta[a] * fraction;
            }
            weight[j] = n;
        }
        return this;
    }

    @Override
    public FactorMoments scale(double factor) {
        checkArgument(factor >= 0 && factor < Double.POSITIVE_INFINITY, "factor (%s) must be finite and >= 0", factor);
        for (int j = 0; j < k; j++) {
            weight[j] *= factor;
        }
        for (int i = 0; i < scatter.length; i++) {
            scatter[i] *= factor;
        }
        return this;
    }

    @Override
    public FactorMoments emptyCopy() {
        return new FactorMoments(k, d);
    }

    /** All components pooled into one: a new k = 1 accumulator (the data's moments). */
    FactorMoments pooled() {
        FactorMoments out = new FactorMoments(1, d);
        FactorMoments one = new FactorMoments(1, d);
        for (int j = 0; j < k; j++) {
            one.weight[0] = weight[j];
            System.arraycopy(pivot, j * d, one.pivot, 0, d);
            System.arraycopy(offset, j * d, one.offset, 0, d);
            System.arraycopy(scatter, j * d * d, one.scatter, 0, d * d);
            out.merge(one);
        }
        return out;
    }
}
