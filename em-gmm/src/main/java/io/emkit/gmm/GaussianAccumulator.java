package io.emkit.gmm;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.family.Accumulator;

/**
 * Weighted Gaussian statistics of k components, parameter-free: per component the weight
 * {@code N_j = Σ_i w_ij}, the weighted mean {@code m_j} and the centred scatter
 * {@code M_j = Σ_i w_ij (x_i - m_j)(x_i - m_j)ᵀ} (full: lower triangle of a {@code d × d} block;
 * diagonal-only: its d diagonal entries, all that diagonal and spherical models need).
 *
 * <p>Merging is Chan, Golub and LeVeque's pairwise update: with {@code δ = m_b - m_a},
 * {@code N = N_a + N_b}, {@code m = m_a + δ N_b / N} and {@code M = M_a + M_b + δδᵀ N_a N_b / N}. It
 * never forms raw second moments, and it needs no common reference point: accumulators of different
 * chunks, passes or machines merge. Each mean is held as a pivot (a point near the data, such as the
 * kernel's reference point) plus a small offset, {@code m = p + e}, so that
 * {@code δ = (p_b - p_a) + (e_b - e_a)} keeps full precision for data far from the origin (a mean near
 * 1e8 is only representable to 1.5e-8, far coarser than the spread of the data about it).
 *
 * <p>A kernel's statistics arrive as sums about its reference points: {@code s = Σ w (x - p)} and
 * {@code S = Σ w (x - p)(x - p)ᵀ} (the "raw" form). Two raw accumulators about the same points, as
 * every chunk of one E-step is, merge by adding the sums; anything else (reading, scaling, merging
 * with other points) first turns the raw sums into the mean and centred scatter,
 * {@code m = p + s/N} and {@code M = S - s sᵀ/N}, once. So an E-step centres once, not once per
 * chunk followed by a Chan update per chunk, which is all the same mathematically and, for a cold
 * JVM, far less code to compile while the E-step runs. Like every accumulator, not thread-safe.
 */
public final class GaussianAccumulator implements Accumulator<GaussianAccumulator> {
    private static final long serialVersionUID = 1L;

    final int k;
    final int d;
    final boolean fullScatter;
    final double[] weight;  // k
    final double[] pivot;   // k × d, a point near the component's data
    final double[] offset;  // k × d, mean - pivot (raw: s, the weighted sum of x - pivot)
    final double[] scatter; // full: k × d × d, lower triangle; diagonal-only: k × d (raw: S about the pivot)
    private boolean raw;    // offset and scatter hold sums about the pivots (see the class notes)
    // rows the kernels accumulated (0 for statistics made otherwise): the size of the E-step, from which
    // GaussianFamily.estimate chooses the next E-step's kernels (GaussianKernel.vectorFor)
    long rows;

    GaussianAccumulator(int k, int d, boolean fullScatter) {
        this.k = k;
        this.d = d;
        this.fullScatter = fullScatter;
        this.weight = new double[k];
        this.pivot = new double[Math.multiplyExact(k, d)];
        this.offset = new double[k * d];
        this.scatter = new double[fullScatter ? Math.multiplyExact(Math.multiplyExact(k, d), d) : k * d];
    }

    /** Index of {@code M_j[a][b]} (b <= a for a full scatter; a == b otherwise). */
    int at(int j, int a, int b) {
        return fullScatter ? (j * d + a) * d + b : j * d + a;
    }

    /**
     * Component j's weight {@code N_j}.
     *
     * @param j component index
     * @return the summed weights
     */
    public double weight(int j) {
        return weight[j];
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
     * Whether the full scatter matrices are kept (full and tied models) or only their diagonals.
     *
     * @return true for full scatters
     */
    public boolean hasFullScatter() {
        return fullScatter;
    }

    /**
     * Component j's weighted mean {@code m_j} (zeros when {@code N_j = 0}).
     *
     * @param j component index
     * @return a new array of length d
     */
    public double[] mean(int j) {
        settle();
        double[] m = new double[d];
        for (int a = 0; a < d; a++) {
            m[a] = pivot[j * d + a] + offset[j * d + a];
        }
        return m;
    }

    /** Component j's mean minus {@code point} on axis a, without rounding the mean first. */
    double meanMinus(int j, int a, double point) {
        settle();
        return (pivot[j * d + a] - point) + offset[j * d + a];
    }

    /**
     * Component j's centred scatter entry {@code M_j[a][b]}.
     *
     * @param j component index
     * @param a row
     * @param b column; must equal {@code a} unless the full scatter is kept
     * @return the entry
     */
    public double scatter(int j, int a, int b) {
        checkArgument(fullScatter || a == b, "only diagonal scatter entries are kept");
        settle();
        return fullScatter ? scatter[at(j, Math.max(a, b), Math.min(a, b))] : scatter[j * d + a];
    }

    /**
     * Sets component j from a chunk's sums about a reference point c: {@code N}, {@code s = Σ w (x - c)}
     * and {@code S = Σ w (x - c)(x - c)ᵀ}; then {@code m = c + s/N} and {@code M = S - s sᵀ / N}. The
     * reference must be near the component's data (the kernels' rule) for M to keep its precision.
     */
    void setFromReference(int j, double n, double[] c, int cOff, double[] s, int sOff, double[] sq, int sqOff) {
        weight[j] = n;
        System.arraycopy(c, cOff, pivot, j * d, d);
        if (!(n > 0)) {
            return;
        }
        int width = fullScatter ? d * d : d;
        System.arraycopy(s, sOff, offset, j * d, d);
        System.arraycopy(sq, sqOff, scatter, j * width, width);
        settleComponent(j); // the raw sums, centred as settle() centres a kernel's
    }

    /**
     * Sets every component from a kernel's sums about its reference points (the raw form, taken over
     * without arithmetic): weights {@code n} ({@code k}), points {@code c} ({@code k × d}), first sums
     * {@code s} ({@code k × d}) and second sums {@code sq} (the scatter's layout). Every component is
     * overwritten.
     */
    void setRaw(double[] n, double[] c, double[] s, double[] sq) {
        System.arraycopy(n, 0, weight, 0, k);
        System.arraycopy(c, 0, pivot, 0, pivot.length);
        System.arraycopy(s, 0, offset, 0, offset.length);
        System.arraycopy(sq, 0, scatter, 0, scatter.length);
        raw = true;
    }

    /** Turns raw sums into means and centred scatters in place (see the class notes). */
    void settle() {
        if (!raw) {
            return;
        }
        raw = false;
        for (int j = 0; j < k; j++) {
            settleComponent(j);
        }
    }

    private void settleComponent(int j) {
        double n = weight[j];
        if (!(n > 0)) {
            return; // no weight: the sums are zero, as the mean offset and scatter must be
        }
        double inverse = 1.0 / n;
        int mo = j * d;
        if (fullScatter) {
            for (int a = 0; a < d; a++) {
                double sa = offset[mo + a] * inverse;
                for (int b = 0; b <= a; b++) {
                    // M_ab = S_ab - s_a s_b / N
                    scatter[at(j, a, b)] -= sa * offset[mo + b];
                }
            }
        } else {
            for (int a = 0; a < d; a++) {
                scatter[mo + a] = Math.max(0.0, scatter[mo + a] - offset[mo + a] * offset[mo + a] * inverse);
            }
        }
        for (int a = 0; a < d; a++) {
            offset[mo + a] *= inverse;
        }
    }

    @Override
    public GaussianAccumulator merge(GaussianAccumulator other) {
        checkArgument(other.k == k && other.d == d && other.fullScatter == fullScatter,
                "cannot merge Gaussian statistics of k = %s, d = %s into k = %s, d = %s", other.k, other.d, k, d);
        rows += other.rows;
        if (other.raw && (raw ? java.util.Arrays.equals(pivot, other.pivot) : holdsNoWeight())) {
            if (raw) {
                // sums about the same points add
                add(weight, other.weight);
                add(offset, other.offset);
                add(scatter, other.scatter);
            } else {
                setRaw(other.weight, other.pivot, other.offset, other.scatter);
            }
            return this;
        }
        settle();
        GaussianAccumulator settled = other;
        if (other.raw) {
            settled = emptyCopy();
            settled.setRaw(other.weight, other.pivot, other.offset, other.scatter);
            settled.settle(); // other itself stays as it was
        }
        int width = fullScatter ? d * d : d;
        double[] delta = new double[d];
        for (int j = 0; j < k; j++) {
            mergeComponent(j, settled, width, delta);
        }
        return this;
    }

    private boolean holdsNoWeight() {
        for (double w : weight) {
            if (w != 0) {
                return false;
            }
        }
        return true;
    }

    /** x[i] += y[i]. */
    private static void add(double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            x[i] += y[i];
        }
    }

    /**
     * Component j of {@link #merge} (Chan et al.'s pairwise update). A method of its own, so that the
     * loops over components and over d × d entries are compiled as small units: merges run once per
     * chunk, and C2 compiled a whole merge() several times over (mid-loop) early in a fit.
     */
    private void mergeComponent(int j, GaussianAccumulator other, int width, double[] delta) {
        double nb = other.weight[j];
        if (!(nb > 0)) {
            return;
        }
        double na = weight[j];
        if (!(na > 0)) {
            weight[j] = nb;
            System.arraycopy(other.pivot, j * d, pivot, j * d, d);
            System.arraycopy(other.offset, j * d, offset, j * d, d);
            System.arraycopy(other.scatter, j * width, scatter, j * width, width);
            return;
        }
        double n = na + nb;
        double fraction = nb / n;
        double cross = na * fraction; // N_a N_b / N
        int mo = j * d;
        for (int a = 0; a < d; a++) {
            // δ = m_b - m_a = (p_b - p_a) + (e_b - e_a); nearby pivots subtract exactly
            delta[a] = (other.pivot[mo + a] - pivot[mo + a]) + (other.offset[mo + a] - offset[mo + a]);
        }
        if (fullScatter) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b <= a; b++) {
                    int ab = at(j, a, b);
                    scatter[ab] += other.scatter[ab] + cross * delta[a] * delta[b];
                }
            }
        } else {
            for (int a = 0; a < d; a++) {
                scatter[mo + a] += other.scatter[mo + a] + cross * delta[a] * delta[a];
            }
        }
        for (int a = 0; a < d; a++) {
            offset[mo + a] += delta[a] * fraction;
        }
        weight[j] = n;
    }

    @Override
    public GaussianAccumulator scale(double factor) {
        checkArgument(factor >= 0 && factor < Double.POSITIVE_INFINITY, "factor (%s) must be finite and >= 0", factor);
        settle();
        for (int j = 0; j < k; j++) {
            weight[j] *= factor;
        }
        for (int i = 0; i < scatter.length; i++) {
            scatter[i] *= factor;
        }
        return this;
    }

    @Override
    public GaussianAccumulator emptyCopy() {
        return new GaussianAccumulator(k, d, fullScatter);
    }

    /**
     * The data's per-feature variances: every component's statistics pooled,
     * {@code Σ_j [M_j,aa + N_j (m_ja - m_a)²] / Σ_j N_j} with m the pooled mean.
     *
     * @return a new array of length d (zeros when there is no weight)
     */
    double[] pooledVariances() {
        settle();
        double total = 0;
        double[] m = new double[d];
        for (int j = 0; j < k; j++) {
            if (weight[j] > 0) {
                total += weight[j];
            }
        }
        double[] out = new double[d];
        if (!(total > 0)) {
            return out;
        }
        int first = 0;
        while (!(weight[first] > 0)) {
            first++;
        }
        for (int j = 0; j < k; j++) {
            if (weight[j] > 0) {
                for (int a = 0; a < d; a++) {
                    m[a] += weight[j] * meanMinus(j, a, pivot[first * d + a]) / total; // about a pivot
                }
            }
        }
        for (int j = 0; j < k; j++) {
            if (weight[j] > 0) {
                for (int a = 0; a < d; a++) {
                    double between = meanMinus(j, a, pivot[first * d + a]) - m[a];
                    out[a] += scatter[at(j, a, a)] + weight[j] * between * between;
                }
            }
        }
        for (int a = 0; a < d; a++) {
            out[a] = Math.max(out[a] / total, 0.0);
        }
        return out;
    }
}
