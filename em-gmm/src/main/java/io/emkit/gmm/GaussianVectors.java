package io.emkit.gmm;

/**
 * Gaussian component sets as flat vectors for {@link io.emkit.core.Acceleration#SQUAREM}: the means
 * raw ({@code k × d}), then the covariances by type: full, the lower Cholesky factor {@code L} of each
 * {@code Σ_j = L Lᵀ} row by row with its diagonal as logarithms ({@code k · d(d+1)/2}); tied, the one
 * factor likewise ({@code d(d+1)/2}); diagonal, the log variances ({@code k × d}); spherical, the log
 * variances ({@code k}). Every finite vector describes a valid set (unless it overflows), so
 * extrapolated points stay symmetric positive definite.
 */
final class GaussianVectors {

    private GaussianVectors() {}

    static int length(GaussianComponents layout) {
        int k = layout.k;
        int d = layout.d;
        int triangle = d * (d + 1) / 2;
        switch (layout.type) {
            case FULL:
                return k * d + k * triangle;
            case TIED:
                return k * d + triangle;
            case DIAGONAL:
                return k * d + k * d;
            case SPHERICAL:
            default:
                return k * d + k;
        }
    }

    static boolean write(GaussianComponents set, GaussianComponents layout, double[] out, int offset) {
        if (set.type != layout.type || set.k != layout.k || set.d != layout.d) {
            return false;
        }
        int k = set.k;
        int d = set.d;
        System.arraycopy(set.means, 0, out, offset, k * d);
        int o = offset + k * d;
        switch (set.type) {
            case FULL:
            case TIED: {
                int factors = set.type == CovarianceType.TIED ? 1 : k;
                for (int f = 0; f < factors; f++) {
                    int base = f * d * d;
                    for (int a = 0; a < d; a++) {
                        for (int b = 0; b < a; b++) {
                            out[o++] = set.cholesky[base + a * d + b];
                        }
                        out[o++] = Math.log(set.cholesky[base + a * d + a]);
                    }
                }
                break;
            }
            case DIAGONAL:
            case SPHERICAL:
            default:
                for (double v : set.covariances) {
                    out[o++] = Math.log(v);
                }
        }
        for (int i = offset; i < o; i++) {
            if (!Double.isFinite(out[i])) {
                return false;
            }
        }
        return true;
    }

    static GaussianComponents read(double[] in, int offset, GaussianComponents layout) {
        CovarianceType type = layout.type;
        int k = layout.k;
        int d = layout.d;
        double[] means = new double[k * d];
        System.arraycopy(in, offset, means, 0, k * d);
        int o = offset + k * d;
        double[] covariances = new double[layout.covariances.length];
        double[] cholesky = null;
        switch (type) {
            case FULL:
            case TIED: {
                int factors = type == CovarianceType.TIED ? 1 : k;
                cholesky = new double[factors * d * d];
                for (int f = 0; f < factors; f++) {
                    int base = f * d * d;
                    for (int a = 0; a < d; a++) {
                        for (int b = 0; b < a; b++) {
                            cholesky[base + a * d + b] = in[o++];
                        }
                        cholesky[base + a * d + a] = Math.exp(in[o++]);
                    }
                    for (int a = 0; a < d; a++) {
                        for (int b = 0; b <= a; b++) {
                            double sum = 0; // (L Lᵀ)_ab = Σ_c≤b L_ac L_bc
                            for (int c = 0; c <= b; c++) {
                                sum += cholesky[base + a * d + c] * cholesky[base + b * d + c];
                            }
                            covariances[base + a * d + b] = sum;
                            covariances[base + b * d + a] = sum;
                        }
                    }
                }
                break;
            }
            case DIAGONAL:
            case SPHERICAL:
            default:
                for (int i = 0; i < covariances.length; i++) {
                    covariances[i] = Math.exp(in[o++]);
                }
        }
        if (!allFinite(means) || !allFinite(covariances) || (cholesky != null && !positiveDiagonal(cholesky, d))) {
            return null;
        }
        if (cholesky == null) {
            for (double v : covariances) {
                if (!(v > 0)) {
                    return null;
                }
            }
        }
        // an extrapolated step runs the kernels its layout's would
        GaussianComponents set = new GaussianComponents(type, k, d, means, covariances, cholesky)
                .withVectorKernel(layout.vectorKernel);
        return allFinite(set.logNormalisers) ? set : null;
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static boolean positiveDiagonal(double[] cholesky, int d) {
        for (int base = 0; base < cholesky.length; base += d * d) {
            for (int a = 0; a < d; a++) {
                if (!(cholesky[base + a * d + a] > 0)) {
                    return false;
                }
            }
        }
        return true;
    }
}
