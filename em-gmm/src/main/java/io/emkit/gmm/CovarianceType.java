package io.emkit.gmm;

import java.util.Locale;
import java.util.Objects;

/**
 * The shape of a Gaussian mixture's covariances, with scikit-learn's definitions.
 *
 * <ul>
 *   <li>{@link #FULL}: one unrestricted symmetric positive definite {@code d × d} matrix per component;
 *   <li>{@link #DIAGONAL}: one diagonal matrix per component (the per-feature variances);
 *   <li>{@link #SPHERICAL}: one variance per component, {@code σ²·I}; fitted as the mean of the
 *       per-feature variances;
 *   <li>{@link #TIED}: one full matrix shared by all components (the pooled within-component scatter).
 * </ul>
 */
public enum CovarianceType {
    /** One full covariance matrix per component. */
    FULL("full"),
    /** One diagonal covariance matrix per component. */
    DIAGONAL("diag"),
    /** One variance per component: {@code σ²_k·I}. */
    SPHERICAL("spherical"),
    /** One full covariance matrix shared by all components. */
    TIED("tied");

    private final String jsonName;

    CovarianceType(String jsonName) {
        this.jsonName = jsonName;
    }

    /**
     * The name used in JSON files and by scikit-learn's {@code covariance_type}.
     *
     * @return {@code "full"}, {@code "diag"}, {@code "spherical"} or {@code "tied"}
     */
    public String jsonName() {
        return jsonName;
    }

    /**
     * Parses a JSON name (case-insensitive); {@code "diagonal"} is accepted for {@link #DIAGONAL}.
     *
     * @param name the name. Not null.
     * @return the type
     * @throws IllegalArgumentException if the name is not one of the accepted names
     */
    public static CovarianceType fromName(String name) {
        Objects.requireNonNull(name, "name");
        String lower = name.trim().toLowerCase(Locale.ROOT);
        if (lower.equals("diagonal")) {
            return DIAGONAL;
        }
        for (CovarianceType type : values()) {
            if (type.jsonName.equals(lower)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown covariance type '" + name
                + "'; expected one of full, diag (or diagonal), spherical, tied");
    }

    /**
     * The number of free covariance parameters of a mixture: full {@code k·d(d+1)/2}, diagonal
     * {@code k·d}, spherical {@code k}, tied {@code d(d+1)/2}.
     *
     * @param k number of components, at least 1
     * @param d dimension, at least 1
     * @return the count
     * @throws IllegalArgumentException if {@code k < 1} or {@code d < 1}
     */
    public int parameterCount(int k, int d) {
        if (k < 1 || d < 1) {
            throw new IllegalArgumentException("k (" + k + ") and d (" + d + ") must be >= 1");
        }
        int triangle = d * (d + 1) / 2;
        switch (this) {
            case FULL:
                return k * triangle;
            case DIAGONAL:
                return k * d;
            case SPHERICAL:
                return k;
            case TIED:
                return triangle;
            default:
                throw new AssertionError(this);
        }
    }
}
