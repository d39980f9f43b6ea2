package io.emkit.gmm;

import io.emkit.core.numeric.SymmetricEigen;

/**
 * The covariance M-steps of mclust's 14 models ({@link CovarianceModel}): from the k weighted
 * scatter matrices {@code W_k = Σ_i z_ik (x_i - μ_k)(x_i - μ_k)ᵀ} and weights {@code n_k}, the
 * covariances in the model's storage shape, before {@code regCovar} and the variance floor.
 *
 * <p>With {@code n = Σ n_k} over the live components (dead ones take no part and keep their previous
 * covariance, set by the caller), {@code |·|} the determinant and {@code g(v)} the geometric mean:
 * <ul>
 *   <li>EII {@code λ = Σ tr W_k / (nd)}; VII {@code λ_k = tr W_k / (n_k d)};
 *   <li>EEI {@code diag(Σ W_k) / n}; VVI {@code diag(W_k) / n_k}; EVI {@code B_k = diag W_k},
 *       {@code Σ_k = (Σ_j g(B_j) / n) B_k / g(B_k)};
 *   <li>EEE {@code Σ W_k / n}; VVV {@code W_k / n_k}; EVV {@code Σ_k = (Σ_j |W_j|^{1/d} / n) W_k / |W_k|^{1/d}};
 *   <li>EEV, with {@code W_k = L_k Ω_k L_kᵀ} (eigenvalues decreasing): {@code Ω = Σ Ω_k},
 *       {@code Σ_k = (|Ω|^{1/d} / n) L_k (Ω / |Ω|^{1/d}) L_kᵀ};
 *   <li>VEI and VEV (Celeux &amp; Govaert 1995; mclust's {@code msvei}, {@code msvev}): with
 *       {@code ω_kj} the diagonal of {@code W_k} (VEI) or its decreasing eigenvalues (VEV), start from
 *       {@code A ∝ Σ_k ω_k} and alternate {@code λ_k = Σ_j ω_kj / A_j / (n_k d)},
 *       {@code A ∝ Σ_k ω_k / λ_k} (determinant 1) until no {@code λ_k} or {@code A_j} moves by more
 *       than {@code tol·(1 + value)};
 *   <li>VEE (mclust's {@code msvee}): from {@code λ_k = 1} alternate {@code C ∝ Σ W_k / λ_k}
 *       (determinant 1), {@code λ_k = tr(W_k C⁻¹) / (n_k d)} until the objective
 *       {@code nd + d Σ n_k log λ_k} moves by at most {@code tol·(1 + |value|)};
 *   <li>EVE and VVE (Browne &amp; McNicholas 2014, as mclust's {@code mseve}, {@code msvve}): the
 *       common orientation D by their two majorisation-minimisation steps (each an SVD), then
 *       {@code A_k ∝ diag(Dᵀ W_k D)} and {@code λ = Σ tr(Dᵀ W_k D A_k⁻¹) / (nd)} (EVE) or
 *       {@code λ_k = |diag(Dᵀ W_k D) / n_k|^{1/d}} (VVE), until that objective moves by at most
 *       {@code tol·(1 + |value|)}. D and the A_k start from the previous covariances (identity at a
 *       first M-step, mclust's start), so successive M-steps continue rather than restart.
 * </ul>
 * Inner iterations stop at {@code tol} (mclust's {@code emControl()$tol[2] = sqrt(eps)}) or after
 * {@code maxInner} rounds; mclust's own cap is {@code .Machine$integer.max}.
 */
final class CovarianceStructures {
    private CovarianceStructures() {}

    /** The inner tolerance of mclust, {@code sqrt(.Machine$double.eps)}. */
    static final double INNER_TOLERANCE = Math.sqrt(Math.ulp(1.0));
    /** Inner iteration cap. */
    static final int MAX_INNER = 10_000;

    /**
     * The M-step. {@code w} holds k symmetric d × d scatters (row-major) when the model needs full
     * scatters, else the k × d diagonals. {@code previous} is the previous covariance of each
     * component as a full d × d matrix (k × d × d), used only to warm-start EVE and VVE.
     *
     * @return the covariances in {@code model.storage()}'s shape (spherical k, diagonal k × d, tied
     *     d × d, full k × d × d); entries of dead components are 0
     */
    static double[] estimate(CovarianceModel model, int k, int d, double[] nk, double[] w, boolean[] dead,
            double[] previous) {
        double n = 0;
        int live = 0;
        for (int j = 0; j < k; j++) {
            if (!dead[j]) {
                n += nk[j];
                live++;
            }
        }
        boolean full = model.needsFullScatter();
        int width = full ? d * d : d;
        switch (model) {
            case EII:
            case VII: {
                double[] out = new double[k];
                double total = 0;
                for (int j = 0; j < k; j++) {
                    if (!dead[j]) {
                        out[j] = trace(w, j * width, d, full) / (nk[j] * d);
                        total += trace(w, j * width, d, full);
                    }
                }
                if (model == CovarianceModel.EII) {
                    fillLive(out, dead, total / (n * d));
                }
                return out;
            }
            case EEI:
            case VVI:
            case EVI:
            case VEI:
                return diagonalModel(model, k, d, nk, w, dead, n, live, full);
            case EEE: {
                double[] out = new double[d * d];
                for (int j = 0; j < k; j++) {
                    if (!dead[j]) {
                        for (int i = 0; i < d * d; i++) {
                            out[i] += w[j * d * d + i];
                        }
                    }
                }
                for (int i = 0; i < d * d; i++) {
                    out[i] /= n;
                }
                return out;
            }
            case VVV: {
                double[] out = new double[k * d * d];
                for (int j = 0; j < k; j++) {
                    if (!dead[j]) {
                        for (int i = 0; i < d * d; i++) {
                            out[j * d * d + i] = w[j * d * d + i] / nk[j];
                        }
                    }
                }
                return out;
            }
            case EVV: {
                double[] out = new double[k * d * d];
                double[] root = new double[k];
                double lambda = 0;
                for (int j = 0; j < k; j++) {
                    if (!dead[j]) {
                        root[j] = Math.exp(logDeterminant(w, j * d * d, d) / d);
                        lambda += root[j];
                    }
                }
                lambda /= n;
                for (int j = 0; j < k; j++) {
                    if (!dead[j]) {
                        double f = lambda / root[j];
                        for (int i = 0; i < d * d; i++) {
                            out[j * d * d + i] = w[j * d * d + i] * f;
                        }
                    }
                }
                return out;
            }
            case EEV:
            case VEV:
                return rotatedCommonShape(model, k, d, nk, w, dead, n);
            case VEE:
                return vee(k, d, nk, w, dead, n);
            case EVE:
            case VVE:
            default:
                return commonOrientation(model, k, d, nk, w, dead, n, previous);
        }
    }

    private static void fillLive(double[] out, boolean[] dead, double value) {
        for (int j = 0; j < out.length; j++) {
            if (!dead[j]) {
                out[j] = value;
            }
        }
    }

    private static double trace(double[] w, int offset, int d, boolean full) {
        double t = 0;
        for (int a = 0; a < d; a++) {
            t += full ? w[offset + a * d + a] : w[offset + a];
        }
        return t;
    }

    private static double diagonalOf(double[] w, int j, int a, int d, boolean full) {
        return full ? w[(j * d + a) * d + a] : w[j * d + a];
    }

    /** EEI, VVI, EVI, VEI: k × d variances. */
    private static double[] diagonalModel(CovarianceModel model, int k, int d, double[] nk, double[] w,
            boolean[] dead, double n, int live, boolean full) {
        double[] out = new double[k * d];
        switch (model) {
            case VVI:
                for (int j = 0; j < k; j++) {
                    if (!dead[j]) {
                        for (int a = 0; a < d; a++) {
                            out[j * d + a] = diagonalOf(w, j, a, d, full) / nk[j];
                        }
                    }
                }
                return out;
            case EEI: {
                double[] pooled = new double[d];
                for (int j = 0; j < k; j++) {
                    if (!dead[j]) {
                        for (int a = 0; a < d; a++) {
                            pooled[a] += diagonalOf(w, j, a, d, full);
                        }
                    }
                }
                for (int j = 0; j < k; j++) {
                    if (!dead[j]) {
                        for (int a = 0; a < d; a++) {
                            out[j * d + a] = pooled[a] / n;
                        }
                    }
                }
                return out;
            }
            case EVI: {
                double[] root = new double[k];
                double lambda = 0;
                for (int j = 0; j < k; j++) {
                    if (!dead[j]) {
                        double logs = 0;
                        for (int a = 0; a < d; a++) {
                            logs += Math.log(diagonalOf(w, j, a, d, full));
                        }
                        root[j] = Math.exp(logs / d);
                        lambda += root[j];
                    }
                }
                lambda /= n;
                for (int j = 0; j < k; j++) {
                    if (!dead[j]) {
                        for (int a = 0; a < d; a++) {
                            out[j * d + a] = lambda * diagonalOf(w, j, a, d, full) / root[j];
                        }
                    }
                }
                return out;
            }
            case VEI:
            default: {
                double[] omega = new double[k * d];
                for (int j = 0; j < k; j++) {
                    for (int a = 0; a < d; a++) {
                        omega[j * d + a] = dead[j] ? 0 : diagonalOf(w, j, a, d, full);
                    }
                }
                double[] scale = new double[k];
                double[] shape = commonShape(k, d, nk, omega, dead, scale);
                for (int j = 0; j < k; j++) {
                    if (!dead[j]) {
                        for (int a = 0; a < d; a++) {
                            out[j * d + a] = scale[j] * shape[a];
                        }
                    }
                }
                return out;
            }
        }
    }

    /**
     * VEI and VEV's inner iteration: {@code λ_k = Σ_j ω_kj / A_j / (n_k d)},
     * {@code A ∝ Σ_k ω_k / λ_k}; returns A and fills {@code scale} with λ.
     */
    private static double[] commonShape(int k, int d, double[] nk, double[] omega, boolean[] dead, double[] scale) {
        double[] shape = new double[d];
        for (int j = 0; j < k; j++) {
            for (int a = 0; a < d; a++) {
                shape[a] += omega[j * d + a];
            }
        }
        normaliseDeterminant(shape);
        double[] oldShape = new double[d];
        double[] oldScale = new double[k];
        for (int inner = 0; inner < MAX_INNER; inner++) {
            System.arraycopy(shape, 0, oldShape, 0, d);
            System.arraycopy(scale, 0, oldScale, 0, k);
            java.util.Arrays.fill(shape, 0.0);
            for (int j = 0; j < k; j++) {
                if (dead[j]) {
                    continue;
                }
                double sum = 0;
                for (int a = 0; a < d; a++) {
                    sum += omega[j * d + a] / oldShape[a];
                }
                scale[j] = sum / (nk[j] * d);
                for (int a = 0; a < d; a++) {
                    shape[a] += omega[j * d + a] / scale[j];
                }
            }
            normaliseDeterminant(shape);
            double change = 0;
            for (int a = 0; a < d; a++) {
                change = Math.max(change, Math.abs(oldShape[a] - shape[a]) / (1 + shape[a]));
            }
            for (int j = 0; j < k; j++) {
                change = Math.max(change, Math.abs(scale[j] - oldScale[j]) / (1 + scale[j]));
            }
            if (!(change >= INNER_TOLERANCE)) {
                break;
            }
        }
        return shape;
    }

    /** Divides v by its geometric mean, so that its product is 1. */
    private static double normaliseDeterminant(double[] v) {
        double logs = 0;
        for (double x : v) {
            logs += Math.log(x);
        }
        double g = Math.exp(logs / v.length);
        for (int a = 0; a < v.length; a++) {
            v[a] /= g;
        }
        return g;
    }

    /** EEV and VEV: eigen-decompose each W_k, share the shape. */
    private static double[] rotatedCommonShape(CovarianceModel model, int k, int d, double[] nk, double[] w,
            boolean[] dead, double n) {
        SymmetricEigen[] eigen = new SymmetricEigen[k];
        double[] omega = new double[k * d];
        for (int j = 0; j < k; j++) {
            if (!dead[j]) {
                eigen[j] = SymmetricEigen.of(w, j * d * d, d);
                for (int a = 0; a < d; a++) {
                    omega[j * d + a] = Math.max(eigen[j].value(a), 0.0);
                }
            }
        }
        double[] scale = new double[k];
        double[] shape;
        if (model == CovarianceModel.EEV) {
            shape = new double[d];
            for (int j = 0; j < k; j++) {
                for (int a = 0; a < d; a++) {
                    shape[a] += omega[j * d + a];
                }
            }
            double g = normaliseDeterminant(shape);
            java.util.Arrays.fill(scale, g / n);
        } else {
            shape = commonShape(k, d, nk, omega, dead, scale);
        }
        double[] out = new double[k * d * d];
        for (int j = 0; j < k; j++) {
            if (!dead[j]) {
                double[] v = eigen[j].vectors();
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b < d; b++) {
                        double s = 0;
                        for (int c = 0; c < d; c++) {
                            s += v[a * d + c] * shape[c] * v[b * d + c];
                        }
                        out[j * d * d + a * d + b] = scale[j] * s;
                    }
                }
                symmetrise(out, j * d * d, d);
            }
        }
        return out;
    }

    /** VEE: λ_k C with C shared (determinant 1). */
    private static double[] vee(int k, int d, double[] nk, double[] w, boolean[] dead, double n) {
        double[] scale = new double[k];
        java.util.Arrays.fill(scale, 1.0);
        double[] c = new double[d * d];
        double[] cInverse = new double[d * d];
        double previous = Double.MAX_VALUE / 2;
        for (int inner = 0; inner < MAX_INNER; inner++) {
            java.util.Arrays.fill(c, 0.0);
            for (int j = 0; j < k; j++) {
                if (!dead[j]) {
                    for (int i = 0; i < d * d; i++) {
                        c[i] += w[j * d * d + i] / scale[j];
                    }
                }
            }
            double root = Math.exp(logDeterminant(c, 0, d) / d);
            for (int i = 0; i < d * d; i++) {
                c[i] /= root;
            }
            if (!inverse(c, d, cInverse)) {
                break; // singular: the caller's ridge repairs it
            }
            double target = n * d;
            for (int j = 0; j < k; j++) {
                if (!dead[j]) {
                    double t = 0;
                    for (int i = 0; i < d * d; i++) {
                        t += w[j * d * d + i] * cInverse[i];
                    }
                    scale[j] = t / (d * nk[j]);
                    target += d * nk[j] * Math.log(scale[j]);
                }
            }
            double change = Math.abs(target - previous) / (1 + Math.abs(target));
            previous = target;
            if (!(change > INNER_TOLERANCE)) {
                break;
            }
        }
        double[] out = new double[k * d * d];
        for (int j = 0; j < k; j++) {
            if (!dead[j]) {
                for (int i = 0; i < d * d; i++) {
                    out[j * d * d + i] = scale[j] * c[i];
                }
            }
        }
        return out;
    }

    /** EVE and VVE by Browne &amp; McNicholas's MM steps, warm-started from the previous covariances. */
    private static double[] commonOrientation(CovarianceModel model, int k, int d, double[] nk, double[] w,
            boolean[] dead, double n, double[] previous) {
        // start: D from the previous first live covariance, A_k from diag(Dᵀ Σ_k D)
        int first = 0;
        while (dead[first]) {
            first++;
        }
        double[] dm = SymmetricEigen.of(previous, first * d * d, d).vectors(); // columns: directions
        double[] shape = new double[k * d];
        double[] omega = new double[k];
        double[] tmp = new double[d * d];
        for (int j = 0; j < k; j++) {
            if (dead[j]) {
                continue;
            }
            double[] dsd = congruence(dm, previous, j * d * d, d, tmp);
            double[] a = new double[d];
            for (int c = 0; c < d; c++) {
                a[c] = Math.max(dsd[c * d + c], Double.MIN_NORMAL);
            }
            normaliseDeterminant(a);
            System.arraycopy(a, 0, shape, j * d, d);
            omega[j] = SymmetricEigen.of(w, j * d * d, d).value(0);
        }
        double[] scale = new double[k];
        double target = Double.MAX_VALUE;
        double previousTarget = Double.MAX_VALUE / 2;
        double[] f = new double[d * d];
        for (int inner = 0; inner < MAX_INNER; inner++) {
            // MM 1: F = Σ_k A_k⁻¹ Dᵀ W_k - ω_k A_k⁻¹ Dᵀ; Dᵀ = P Rᵀ for F = P B Rᵀ
            java.util.Arrays.fill(f, 0.0);
            for (int j = 0; j < k; j++) {
                if (dead[j]) {
                    continue;
                }
                for (int r = 0; r < d; r++) {
                    double inv = 1.0 / shape[j * d + r];
                    for (int c = 0; c < d; c++) {
                        double s = 0;
                        for (int m = 0; m < d; m++) {
                            s += dm[m * d + r] * w[j * d * d + m * d + c]; // (Dᵀ W)_rc
                        }
                        f[r * d + c] += inv * s - omega[j] * inv * dm[c * d + r];
                    }
                }
            }
            double[] dt = polar(f, d); // Dᵀ
            transposeInto(dt, dm, d);
            // MM 2: F = Σ_k W_k D A_k⁻¹ - max(1/A_k) W_k D; D = P Rᵀ
            java.util.Arrays.fill(f, 0.0);
            for (int j = 0; j < k; j++) {
                if (dead[j]) {
                    continue;
                }
                double maxInv = 0;
                for (int c = 0; c < d; c++) {
                    maxInv = Math.max(maxInv, 1.0 / shape[j * d + c]);
                }
                for (int r = 0; r < d; r++) {
                    for (int c = 0; c < d; c++) {
                        double s = 0;
                        for (int m = 0; m < d; m++) {
                            s += w[j * d * d + r * d + m] * dm[m * d + c]; // (W D)_rc
                        }
                        f[r * d + c] += s / shape[j * d + c] - maxInv * s;
                    }
                }
            }
            double[] next = polar(f, d);
            System.arraycopy(next, 0, dm, 0, d * d);
            // shapes, volumes and the objective
            target = 0;
            for (int j = 0; j < k; j++) {
                if (dead[j]) {
                    continue;
                }
                double[] dwd = congruence(dm, w, j * d * d, d, tmp);
                double[] a = new double[d];
                for (int c = 0; c < d; c++) {
                    a[c] = dwd[c * d + c];
                    if (model == CovarianceModel.VVE) {
                        a[c] /= nk[j];
                    }
                }
                double g = normaliseDeterminant(a);
                if (model == CovarianceModel.VVE) {
                    scale[j] = g;
                }
                System.arraycopy(a, 0, shape, j * d, d);
                for (int c = 0; c < d; c++) {
                    target += dwd[c * d + c] / a[c];
                }
            }
            double change = Math.abs(target - previousTarget) / (1 + Math.abs(target));
            previousTarget = target;
            if (!(change > INNER_TOLERANCE)) {
                break;
            }
        }
        if (model == CovarianceModel.EVE) {
            java.util.Arrays.fill(scale, target / (n * d));
        }
        double[] out = new double[k * d * d];
        for (int j = 0; j < k; j++) {
            if (!dead[j]) {
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b < d; b++) {
                        double s = 0;
                        for (int c = 0; c < d; c++) {
                            s += dm[a * d + c] * shape[j * d + c] * dm[b * d + c];
                        }
                        out[j * d * d + a * d + b] = scale[j] * s;
                    }
                }
                symmetrise(out, j * d * d, d);
            }
        }
        return out;
    }

    /** Dᵀ M D for the d × d block of m at offset. */
    private static double[] congruence(double[] dm, double[] m, int offset, int d, double[] tmp) {
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                double s = 0;
                for (int x = 0; x < d; x++) {
                    s += m[offset + r * d + x] * dm[x * d + c];
                }
                tmp[r * d + c] = s; // M D
            }
        }
        double[] out = new double[d * d];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                double s = 0;
                for (int x = 0; x < d; x++) {
                    s += dm[x * d + r] * tmp[x * d + c];
                }
                out[r * d + c] = s;
            }
        }
        return out;
    }

    /**
     * The orthogonal polar factor {@code P Rᵀ} of {@code F = P B Rᵀ}, from the eigen-decomposition of
     * {@code Fᵀ F = R B² Rᵀ}: {@code P = F R B⁻¹}. Directions with a zero singular value are completed
     * by Gram-Schmidt.
     */
    static double[] polar(double[] f, int d) {
        double[] ftf = new double[d * d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                double s = 0;
                for (int m = 0; m < d; m++) {
                    s += f[m * d + a] * f[m * d + b];
                }
                ftf[a * d + b] = s;
            }
        }
        SymmetricEigen e = SymmetricEigen.of(ftf, 0, d);
        double[] r = e.vectors();
        double[] p = new double[d * d]; // columns p_c = F r_c / σ_c
        double top = Math.sqrt(Math.max(e.value(0), 0));
        for (int c = 0; c < d; c++) {
            double sigma = Math.sqrt(Math.max(e.value(c), 0));
            double[] col = new double[d];
            for (int a = 0; a < d; a++) {
                double s = 0;
                for (int m = 0; m < d; m++) {
                    s += f[a * d + m] * r[m * d + c];
                }
                col[a] = s;
            }
            if (!(sigma > 1e-13 * top)) {
                java.util.Arrays.fill(col, 0.0);
                col[c] = 1.0; // to be orthogonalised below
            }
            // Gram-Schmidt against the previous columns (twice, for accuracy)
            for (int pass = 0; pass < 2; pass++) {
                for (int q = 0; q < c; q++) {
                    double dot = 0;
                    for (int a = 0; a < d; a++) {
                        dot += col[a] * p[a * d + q];
                    }
                    for (int a = 0; a < d; a++) {
                        col[a] -= dot * p[a * d + q];
                    }
                }
            }
            double norm = 0;
            for (double x : col) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            if (!(norm > 0)) {
                for (int t = 0; t < d && !(norm > 0); t++) { // degenerate: any orthogonal completion
                    java.util.Arrays.fill(col, 0.0);
                    col[t] = 1.0;
                    for (int q = 0; q < c; q++) {
                        double dot = p[t * d + q];
                        for (int a = 0; a < d; a++) {
                            col[a] -= dot * p[a * d + q];
                        }
                    }
                    norm = 0;
                    for (double x : col) {
                        norm += x * x;
                    }
                    norm = norm > 1e-20 ? Math.sqrt(norm) : 0;
                }
            }
            for (int a = 0; a < d; a++) {
                p[a * d + c] = col[a] / norm;
            }
        }
        double[] out = new double[d * d]; // P Rᵀ
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    s += p[a * d + c] * r[b * d + c];
                }
                out[a * d + b] = s;
            }
        }
        return out;
    }

    private static void transposeInto(double[] m, double[] out, int d) {
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                out[b * d + a] = m[a * d + b];
            }
        }
    }

    private static void symmetrise(double[] m, int offset, int d) {
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                double v = 0.5 * (m[offset + a * d + b] + m[offset + b * d + a]);
                m[offset + a * d + b] = v;
                m[offset + b * d + a] = v;
            }
        }
    }

    /** log |M| of a symmetric d × d block by Cholesky; -∞ when not positive definite. */
    static double logDeterminant(double[] m, int offset, int d) {
        double[] l = new double[d * d];
        System.arraycopy(m, offset, l, 0, d * d);
        if (!GaussianKernels.choleskyInPlace(l, d)) {
            return Double.NEGATIVE_INFINITY;
        }
        return 2 * GaussianKernels.halfLogDeterminant(l, d);
    }

    /** Inverse of a symmetric positive definite matrix; false when it is not. */
    private static boolean inverse(double[] m, int d, double[] out) {
        double[] l = m.clone();
        if (!GaussianKernels.choleskyInPlace(l, d)) {
            return false;
        }
        double[] li = new double[d * d];
        GaussianKernels.invertLower(l, li, d);
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                double s = 0;
                for (int c = Math.max(a, b); c < d; c++) {
                    s += li[c * d + a] * li[c * d + b];
                }
                out[a * d + b] = s;
            }
        }
        return true;
    }
}
