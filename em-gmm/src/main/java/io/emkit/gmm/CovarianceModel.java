package io.emkit.gmm;

import java.util.Locale;
import java.util.Objects;

/**
 * R mclust's 14 parsimonious covariance models (Banfield &amp; Raftery 1993; Celeux &amp; Govaert 1995;
 * Fraley &amp; Raftery 2002): each covariance is decomposed as {@code Σ_k = λ_k D_k A_k D_kᵀ} with
 * volume {@code λ_k} (a scalar, {@code |Σ_k|^{1/d}}), shape {@code A_k} (diagonal, determinant 1)
 * and orientation {@code D_k} (orthogonal); the three letters say whether volume, shape and
 * orientation are Equal across components, Variable, or the Identity. The M-step of each model is
 * described in {@link GaussianFamily}.
 *
 * <table>
 *   <caption>Models, storage, M-step and covariance parameter count (k components, d dimensions)</caption>
 *   <tr><th>model</th><th>Σ_k</th><th>stored as</th><th>M-step</th><th>covariance parameters</th></tr>
 *   <tr><td>EII</td><td>λI</td><td>spherical</td><td>closed</td><td>1</td></tr>
 *   <tr><td>VII</td><td>λ_k I</td><td>spherical</td><td>closed</td><td>k</td></tr>
 *   <tr><td>EEI</td><td>λA</td><td>diagonal</td><td>closed</td><td>d</td></tr>
 *   <tr><td>VEI</td><td>λ_k A</td><td>diagonal</td><td>iterative</td><td>k + d - 1</td></tr>
 *   <tr><td>EVI</td><td>λA_k</td><td>diagonal</td><td>closed</td><td>1 + k(d - 1)</td></tr>
 *   <tr><td>VVI</td><td>λ_k A_k</td><td>diagonal</td><td>closed</td><td>kd</td></tr>
 *   <tr><td>EEE</td><td>λDADᵀ</td><td>tied</td><td>closed</td><td>d(d + 1)/2</td></tr>
 *   <tr><td>VEE</td><td>λ_k DADᵀ</td><td>full</td><td>iterative</td><td>k + d - 1 + d(d - 1)/2</td></tr>
 *   <tr><td>EVE</td><td>λDA_kDᵀ</td><td>full</td><td>iterative (MM)</td><td>1 + k(d - 1) + d(d - 1)/2</td></tr>
 *   <tr><td>VVE</td><td>λ_k DA_kDᵀ</td><td>full</td><td>iterative (MM)</td><td>kd + d(d - 1)/2</td></tr>
 *   <tr><td>EEV</td><td>λD_kAD_kᵀ</td><td>full</td><td>closed</td><td>d + k d(d - 1)/2</td></tr>
 *   <tr><td>VEV</td><td>λ_k D_kAD_kᵀ</td><td>full</td><td>iterative</td><td>k + d - 1 + k d(d - 1)/2</td></tr>
 *   <tr><td>EVV</td><td>λD_kA_kD_kᵀ</td><td>full</td><td>closed</td><td>1 + k(d - 1) + k d(d - 1)/2</td></tr>
 *   <tr><td>VVV</td><td>λ_k D_kA_kD_kᵀ</td><td>full</td><td>closed</td><td>k d(d + 1)/2</td></tr>
 * </table>
 *
 * <p>The counts are mclust's {@code nVarParams}; with the {@code kd} means and {@code k - 1} weights
 * they give {@code nMclustParams}, the p of its BIC. The four {@link CovarianceType}s are aliases:
 * {@code full = VVV}, {@code diag = VVI}, {@code spherical = VII}, {@code tied = EEE}.
 */
public enum CovarianceModel {
    /** Equal volume, spherical: {@code λI}. */
    EII(CovarianceType.SPHERICAL, false),
    /** Variable volume, spherical: {@code λ_k I}. */
    VII(CovarianceType.SPHERICAL, false),
    /** Equal volume and shape, axis-aligned: {@code λA}. */
    EEI(CovarianceType.DIAGONAL, false),
    /** Variable volume, equal shape, axis-aligned: {@code λ_k A}. */
    VEI(CovarianceType.DIAGONAL, true),
    /** Equal volume, variable shape, axis-aligned: {@code λA_k}. */
    EVI(CovarianceType.DIAGONAL, false),
    /** Variable volume and shape, axis-aligned: {@code λ_k A_k}. */
    VVI(CovarianceType.DIAGONAL, false),
    /** Equal volume, shape and orientation (one shared matrix): {@code λDADᵀ}. */
    EEE(CovarianceType.TIED, false),
    /** Variable volume, equal shape and orientation: {@code λ_k DADᵀ}. */
    VEE(CovarianceType.FULL, true),
    /** Equal volume and orientation, variable shape: {@code λDA_kDᵀ}. */
    EVE(CovarianceType.FULL, true),
    /** Variable volume and shape, equal orientation: {@code λ_k DA_kDᵀ}. */
    VVE(CovarianceType.FULL, true),
    /** Equal volume and shape, variable orientation: {@code λD_kAD_kᵀ}. */
    EEV(CovarianceType.FULL, false),
    /** Variable volume and orientation, equal shape: {@code λ_k D_kAD_kᵀ}. */
    VEV(CovarianceType.FULL, true),
    /** Equal volume, variable shape and orientation: {@code λD_kA_kD_kᵀ}. */
    EVV(CovarianceType.FULL, false),
    /** Everything variable (unrestricted): {@code λ_k D_kA_kD_kᵀ}. */
    VVV(CovarianceType.FULL, false);

    private final CovarianceType storage;
    private final boolean iterative;

    CovarianceModel(CovarianceType storage, boolean iterative) {
        this.storage = storage;
        this.iterative = iterative;
    }

    /**
     * The shape in which the model's covariances are stored and evaluated: spherical (one variance
     * per component), diagonal, tied (one shared factored matrix) or full (k factored matrices).
     *
     * @return the storage type
     */
    public CovarianceType storage() {
        return storage;
    }

    /**
     * Whether the M-step needs the full scatter matrices, not only their diagonals.
     *
     * @return true for the models with an orientation (EEE and the {@code ..E}, {@code ..V} models)
     */
    public boolean needsFullScatter() {
        return storage == CovarianceType.FULL || storage == CovarianceType.TIED;
    }

    /**
     * Whether the M-step has no closed form and iterates (VEI, VEE, EVE, VVE, VEV).
     *
     * @return true for the iterative models
     */
    public boolean isIterative() {
        return iterative;
    }

    /**
     * The free covariance parameters, as mclust's {@code nVarParams(model, d, k)}.
     *
     * @param k components, at least 1
     * @param d dimension, at least 1
     * @return the count
     * @throws IllegalArgumentException if {@code k < 1} or {@code d < 1}
     */
    public long parameterCount(int k, int d) {
        if (k < 1 || d < 1) {
            throw new IllegalArgumentException("k (" + k + ") and d (" + d + ") must be >= 1");
        }
        long kk = k;
        long dd = d;
        long rotation = dd * (dd - 1) / 2;
        return switch (this) {
            case EII -> 1;
            case VII -> kk;
            case EEI -> dd;
            case VEI -> kk + dd - 1;
            case EVI -> 1 + kk * (dd - 1);
            case VVI -> kk * dd;
            case EEE -> dd * (dd + 1) / 2;
            case VEE -> kk + dd - 1 + rotation;
            case EVE -> 1 + kk * (dd - 1) + rotation;
            case VVE -> kk * dd + rotation;
            case EEV -> dd + kk * rotation;
            case VEV -> kk + dd - 1 + kk * rotation;
            case EVV -> 1 + kk * (dd - 1) + kk * rotation;
            case VVV -> kk * dd * (dd + 1) / 2;
        };
    }

    /**
     * The model a scikit-learn covariance type stands for.
     *
     * @param type the type. Not null.
     * @return VVV for full, VVI for diagonal, VII for spherical, EEE for tied
     */
    public static CovarianceModel of(CovarianceType type) {
        return switch (Objects.requireNonNull(type, "type")) {
            case FULL -> VVV;
            case DIAGONAL -> VVI;
            case SPHERICAL -> VII;
            case TIED -> EEE;
        };
    }

    /**
     * The scikit-learn type this model is an alias of, if any.
     *
     * @return full, diag, spherical or tied for VVV, VVI, VII, EEE; null for the other ten
     */
    public CovarianceType alias() {
        return switch (this) {
            case VVV -> CovarianceType.FULL;
            case VVI -> CovarianceType.DIAGONAL;
            case VII -> CovarianceType.SPHERICAL;
            case EEE -> CovarianceType.TIED;
            default -> null;
        };
    }

    /**
     * Parses an mclust model name (case-insensitive), or one of the scikit-learn names
     * {@code full, diag, diagonal, spherical, tied}.
     *
     * @param name the name. Not null.
     * @return the model
     * @throws IllegalArgumentException naming the accepted names
     */
    public static CovarianceModel fromName(String name) {
        Objects.requireNonNull(name, "name");
        String upper = name.trim().toUpperCase(Locale.ROOT);
        for (CovarianceModel model : values()) {
            if (model.name().equals(upper)) {
                return model;
            }
        }
        try {
            return of(CovarianceType.fromName(name));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown covariance model '" + name
                    + "'; expected one of EII VII EEI VEI EVI VVI EEE VEE EVE VVE EEV VEV EVV VVV"
                    + " (or full, diag, spherical, tied)", e);
        }
    }
}
