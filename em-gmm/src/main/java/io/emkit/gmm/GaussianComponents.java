package io.emkit.gmm;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.numeric.Matrix;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable set of k Gaussian components {@code N(μ_j, Σ_j)} in d dimensions, the component set of
 * the {@link GaussianFamily}, with every covariance stored in its type's native shape and factored
 * once.
 *
 * <p>Storage: means {@code k × d}; covariances full {@code k × d × d}, tied one {@code d × d},
 * diagonal {@code k × d}, spherical {@code k}; full and tied also keep the lower Cholesky factor
 * {@code L} ({@code Σ = L Lᵀ}) and its inverse, diagonal and spherical the precisions
 * {@code 1/σ²} ({@code k × d}). So a diagonal set of k components costs O(k·d) memory and time to
 * build, not O(k·d³). Construction validates (finite means, symmetric positive definite or positive
 * covariances) and names the offending entry. Instances are thread-safe and serialisable.
 */
public final class GaussianComponents implements Serializable {
    private static final long serialVersionUID = 1L;

    final CovarianceType type;      // storage shape
    final CovarianceModel model;    // the mclust model; its storage() is type
    final int k;
    final int d;
    final double[] means;           // k × d
    final double[] covariances;     // native shape, see the class notes
    final double[] cholesky;        // full: k × d × d, tied: d × d, lower; null otherwise
    final double[] inverseCholesky; // as cholesky
    final double[] precisions;      // diagonal, spherical: k × d; null otherwise
    final double[] logNormalisers;  // -½ d log 2π - ½ log |Σ_j|
    // whether kernels on these components use the Vector API path (GaussianKernel.vectorFor): chosen by
    // GaussianFamily.estimate from the data's size (withVectorKernel), false for every other source and
    // after deserialisation, so that a cluster's executors run the plain kernels as the local em does
    final transient boolean vectorKernel;
    // the kernels' plan (GaussianKernel.plan), made on first use and shared by every chunk's kernel:
    // racy but idempotent (a Plan's fields are final), rebuilt after deserialisation
    private transient GaussianKernel.Plan plan;

    /** Trusted: arrays are owned; full and tied covariances come with their factor. */
    GaussianComponents(CovarianceType type, int k, int d, double[] means, double[] covariances, double[] cholesky) {
        this(CovarianceModel.of(type), k, d, means, covariances, cholesky);
    }

    /** Trusted, for any model: arrays are owned and in {@code model.storage()}'s shape. */
    GaussianComponents(CovarianceModel model, int k, int d, double[] means, double[] covariances, double[] cholesky) {
        this.model = model;
        this.type = model.storage();
        this.k = k;
        this.d = d;
        this.means = means;
        this.covariances = covariances;
        this.vectorKernel = false;
        this.logNormalisers = new double[k];
        double base = -0.5 * d * GaussianKernels.LOG_2PI;
        if (isFactored(type)) {
            this.cholesky = cholesky;
            int factors = type == CovarianceType.TIED ? 1 : k;
            this.inverseCholesky = new double[factors * d * d];
            double[] l = new double[d * d];
            double[] w = new double[d * d];
            for (int f = 0; f < factors; f++) {
                System.arraycopy(cholesky, f * d * d, l, 0, d * d);
                GaussianKernels.invertLower(l, w, d);
                System.arraycopy(w, 0, inverseCholesky, f * d * d, d * d);
            }
            for (int j = 0; j < k; j++) {
                System.arraycopy(cholesky, factorOffset(j), l, 0, d * d);
                logNormalisers[j] = base - GaussianKernels.halfLogDeterminant(l, d);
            }
            this.precisions = null;
        } else {
            this.cholesky = null;
            this.inverseCholesky = null;
            this.precisions = new double[k * d];
            for (int j = 0; j < k; j++) {
                double halfLogDet = 0;
                for (int a = 0; a < d; a++) {
                    double v = variance(j, a);
                    precisions[j * d + a] = 1.0 / v;
                    halfLogDet += 0.5 * Math.log(v);
                }
                logNormalisers[j] = base - halfLogDet;
            }
        }
    }

    /** The same components, sharing every array, with {@code vectorKernel} set. */
    private GaussianComponents(GaussianComponents base, boolean vectorKernel) {
        this.model = base.model;
        this.type = base.type;
        this.k = base.k;
        this.d = base.d;
        this.means = base.means;
        this.covariances = base.covariances;
        this.cholesky = base.cholesky;
        this.inverseCholesky = base.inverseCholesky;
        this.precisions = base.precisions;
        this.logNormalisers = base.logNormalisers;
        this.vectorKernel = vectorKernel;
        this.plan = base.plan;
    }

    /** The E-step kernels' reference points for these components, computed once. */
    GaussianKernel.Plan plan() {
        GaussianKernel.Plan made = plan;
        if (made == null) {
            made = GaussianKernel.plan(this);
            plan = made;
        }
        return made;
    }

    /** These components for kernels that use the Vector API path or not (the arrays are shared). */
    GaussianComponents withVectorKernel(boolean vector) {
        return vector == vectorKernel ? this : new GaussianComponents(this, vector);
    }

    static boolean isFactored(CovarianceType type) {
        return type == CovarianceType.FULL || type == CovarianceType.TIED;
    }

    /** Start of component j's factor in {@link #cholesky} and {@link #inverseCholesky}. */
    int factorOffset(int j) {
        return type == CovarianceType.TIED ? 0 : j * d * d;
    }

    /** Diagonal or spherical: component j's variance on axis a. */
    double variance(int j, int a) {
        return type == CovarianceType.SPHERICAL ? covariances[j] : covariances[j * d + a];
    }

    /** Doubles the native covariance storage of a type needs, refused beyond one array. */
    static int covarianceLength(CovarianceType type, int k, int d) {
        long length;
        switch (type) {
            case FULL:
                length = (long) k * d * d;
                break;
            case TIED:
                length = (long) d * d;
                break;
            case DIAGONAL:
                length = (long) k * d;
                break;
            case SPHERICAL:
            default:
                length = k;
        }
        checkArgument(length <= Integer.MAX_VALUE - 8,
                "%s covariances for k = %s, d = %s need %s doubles (%s bytes), more than one array holds; "
                        + "use a diagonal or spherical model", type.jsonName(), k, d, length, 8 * length);
        return (int) length;
    }

    /**
     * Validated components from means and native covariances.
     *
     * @param type the covariance type. Not null.
     * @param means {@code k × d}, finite. Not modified.
     * @param covariances full {@code double[k][d][d]}, diagonal {@code double[k][d]}, spherical
     *     {@code double[k]}, tied {@code double[d][d]}. Not modified.
     * @return the components
     * @throws IllegalArgumentException on a shape mismatch, a non-finite value, a variance that is not
     *     positive, or a matrix that is not symmetric positive definite (naming argument and index)
     */
    public static GaussianComponents of(CovarianceType type, double[][] means, Object covariances) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(covariances, "covariances");
        double[] flatMeans = checkMeans(means);
        int k = means.length;
        int d = means[0].length;
        double[] native_ = new double[covarianceLength(type, k, d)];
        String name = "covariances";
        switch (type) {
            case FULL: {
                checkArgument(covariances instanceof double[][][], "full covariances must be double[k][d][d]");
                double[][][] c = (double[][][]) covariances;
                checkArgument(c.length == k, "covariances has %s matrices but there are %s means", c.length, k);
                for (int j = 0; j < k; j++) {
                    copyMatrix(c[j], d, native_, j * d * d, name + "[" + j + "]");
                }
                break;
            }
            case TIED: {
                checkArgument(covariances instanceof double[][], "a tied covariance must be double[d][d]");
                copyMatrix((double[][]) covariances, d, native_, 0, "covariance");
                name = "covariance";
                break;
            }
            case DIAGONAL: {
                checkArgument(covariances instanceof double[][], "diagonal variances must be double[k][d]");
                double[][] v = (double[][]) covariances;
                checkArgument(v.length == k, "variances has %s rows but there are %s means", v.length, k);
                for (int j = 0; j < k; j++) {
                    checkArgument(v[j] != null && v[j].length == d, "variances[%s] must have length d = %s", j, d);
                    for (int a = 0; a < d; a++) {
                        double x = v[j][a];
                        checkArgument(x > 0 && x < Double.POSITIVE_INFINITY,
                                "variances[%s][%s] is %s; must be finite and > 0", j, a, x);
                        native_[j * d + a] = x;
                    }
                }
                break;
            }
            case SPHERICAL:
            default: {
                checkArgument(covariances instanceof double[], "spherical variances must be double[k]");
                double[] v = (double[]) covariances;
                checkArgument(v.length == k, "variances has length %s but there are %s means", v.length, k);
                for (int j = 0; j < k; j++) {
                    checkArgument(v[j] > 0 && v[j] < Double.POSITIVE_INFINITY,
                            "variances[%s] is %s; must be finite and > 0", (Object) j, v[j]);
                    native_[j] = v[j];
                }
            }
        }
        double[] chol = null;
        if (isFactored(type)) {
            chol = native_.clone();
            int factors = type == CovarianceType.TIED ? 1 : k;
            double[] one = new double[d * d];
            for (int f = 0; f < factors; f++) {
                System.arraycopy(native_, f * d * d, one, 0, d * d);
                String label = type == CovarianceType.TIED ? name : name + "[" + f + "]";
                checkArgument(Matrix.ofRowMajor(d, d, one).isSymmetric(Gaussian.SYMMETRY_TOLERANCE), "%s is not symmetric",
                        label);
                checkArgument(GaussianKernels.choleskyInPlace(one, d), "%s is not positive definite", label);
                System.arraycopy(one, 0, chol, f * d * d, d * d);
            }
        }
        return new GaussianComponents(type, k, d, flatMeans, native_, chol);
    }

    private static double[] checkMeans(double[][] means) {
        Objects.requireNonNull(means, "means");
        checkArgument(means.length >= 1, "means must not be empty (k >= 1)");
        checkArgument(means[0] != null && means[0].length >= 1, "means[0] must have at least one coordinate");
        int k = means.length;
        int d = means[0].length;
        double[] flat = new double[Math.multiplyExact(k, d)];
        for (int j = 0; j < k; j++) {
            checkArgument(means[j] != null && means[j].length == d, "means[%s] must have length d = %s", j, d);
            for (int a = 0; a < d; a++) {
                checkArgument(Double.isFinite(means[j][a]), "means[%s][%s] is %s; must be finite", j, a, means[j][a]);
                flat[j * d + a] = means[j][a];
            }
        }
        return flat;
    }

    private static void copyMatrix(double[][] m, int d, double[] out, int offset, String label) {
        Objects.requireNonNull(m, label);
        checkArgument(m.length == d, "%s has %s rows; expected d = %s", label, m.length, d);
        for (int a = 0; a < d; a++) {
            checkArgument(m[a] != null && m[a].length == d, "%s[%s] must have length d = %s", label, a, d);
            for (int b = 0; b < d; b++) {
                double v = m[a][b];
                checkArgument(Double.isFinite(v), "%s[%s][%s] is %s; must be finite", label, a, b, v);
                out[offset + a * d + b] = v;
            }
        }
    }

    /**
     * These components with another covariance structure: diagonal keeps the diagonals, spherical
     * their mean, tied the mean of the k covariance matrices, full the matrices themselves.
     *
     * @param target the structure wanted. Not null.
     * @return this if it already has it, else new validated components
     * @throws IllegalArgumentException if the result is not positive definite
     */
    public GaussianComponents reshaped(CovarianceType target) {
        if (Objects.requireNonNull(target, "target") == type) {
            return this;
        }
        Object covariances;
        switch (target) {
            case FULL: {
                double[][][] c = new double[k][][];
                for (int j = 0; j < k; j++) {
                    c[j] = covariance(j).toArray();
                }
                covariances = c;
                break;
            }
            case DIAGONAL: {
                double[][] c = new double[k][];
                for (int j = 0; j < k; j++) {
                    c[j] = covariance(j).diagonal();
                }
                covariances = c;
                break;
            }
            case SPHERICAL: {
                double[] c = new double[k];
                for (int j = 0; j < k; j++) {
                    for (double v : covariance(j).diagonal()) {
                        c[j] += v / d;
                    }
                }
                covariances = c;
                break;
            }
            case TIED:
            default: {
                double[][] c = new double[d][d];
                for (int j = 0; j < k; j++) {
                    double[][] m = covariance(j).toArray();
                    for (int a = 0; a < d; a++) {
                        for (int b = 0; b < d; b++) {
                            c[a][b] += m[a][b] / k;
                        }
                    }
                }
                covariances = c;
            }
        }
        return of(target, means(), covariances);
    }

    /** @return the covariance type */
    public CovarianceType type() {
        return type;
    }

    /** @return the number of components k */
    public int size() {
        return k;
    }

    /** @return the dimension d */
    public int dimension() {
        return d;
    }

    /**
     * Component j's mean.
     *
     * @param j component index
     * @return a new array of length d
     */
    public double[] mean(int j) {
        Objects.checkIndex(j, k);
        return Arrays.copyOfRange(means, j * d, (j + 1) * d);
    }

    /**
     * All means.
     *
     * @return a new {@code k × d} array
     */
    public double[][] means() {
        double[][] out = new double[k][];
        for (int j = 0; j < k; j++) {
            out[j] = mean(j);
        }
        return out;
    }

    /**
     * Component j's covariance as a full matrix, whatever the type.
     *
     * @param j component index
     * @return the {@code d × d} matrix
     */
    public Matrix covariance(int j) {
        Objects.checkIndex(j, k);
        double[] out = new double[d * d];
        if (isFactored(type)) {
            System.arraycopy(covariances, factorOffset(j), out, 0, d * d);
        } else {
            for (int a = 0; a < d; a++) {
                out[a * d + a] = variance(j, a);
            }
        }
        return Matrix.ofRowMajor(d, d, out);
    }

    /**
     * Component j's lower Cholesky factor {@code L_j} ({@code Σ_j = L_j L_jᵀ}; diagonal types:
     * {@code diag(σ_ja)}).
     *
     * @param j component index
     * @return the {@code d × d} lower-triangular matrix
     */
    public Matrix choleskyFactor(int j) {
        Objects.checkIndex(j, k);
        double[] out = new double[d * d];
        if (isFactored(type)) {
            System.arraycopy(cholesky, factorOffset(j), out, 0, d * d);
        } else {
            for (int a = 0; a < d; a++) {
                out[a * d + a] = Math.sqrt(variance(j, a));
            }
        }
        return Matrix.ofRowMajor(d, d, out);
    }

    /**
     * Component j's precision {@code Σ_j⁻¹}.
     *
     * @param j component index
     * @return the {@code d × d} matrix
     */
    public Matrix precision(int j) {
        Objects.checkIndex(j, k);
        double[] p = new double[d * d];
        if (!isFactored(type)) {
            for (int a = 0; a < d; a++) {
                p[a * d + a] = precisions[j * d + a];
            }
            return Matrix.ofRowMajor(d, d, p);
        }
        int base = factorOffset(j);
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                double s = 0;
                for (int m = Math.max(a, b); m < d; m++) {
                    s += inverseCholesky[base + m * d + a] * inverseCholesky[base + m * d + b];
                }
                p[a * d + b] = s;
            }
        }
        return Matrix.ofRowMajor(d, d, p);
    }

    /**
     * The covariances in the type's native shape: {@code double[k][d][d]} for full, {@code double[k][d]}
     * for diagonal, {@code double[k]} for spherical, {@code double[d][d]} for tied.
     *
     * @return a new array of that shape
     */
    public Object nativeCovariances() {
        switch (type) {
            case FULL: {
                double[][][] out = new double[k][][];
                for (int j = 0; j < k; j++) {
                    out[j] = covariance(j).toArray();
                }
                return out;
            }
            case DIAGONAL: {
                double[][] out = new double[k][];
                for (int j = 0; j < k; j++) {
                    out[j] = Arrays.copyOfRange(covariances, j * d, (j + 1) * d);
                }
                return out;
            }
            case SPHERICAL:
                return covariances.clone();
            case TIED:
            default:
                return covariance(0).toArray();
        }
    }

    /**
     * Free parameters: {@code k·d} means plus the covariance model's count
     * ({@link CovarianceModel#parameterCount}, mclust's {@code nVarParams}).
     *
     * @return the count
     */
    public long parameterCount() {
        return (long) k * d + model.parameterCount(k, d);
    }

    /**
     * The mclust covariance model; for components built from a {@link CovarianceType}, its alias
     * (full VVV, diagonal VVI, spherical VII, tied EEE).
     *
     * @return the model
     */
    public CovarianceModel model() {
        return model;
    }

    /**
     * These components labelled with another covariance model, converted to its storage shape if
     * needed (see {@link #reshaped(CovarianceType)}). The model's constraints (equal volumes, shapes,
     * orientations) are not imposed here: the next M-step of that model imposes them.
     *
     * @param target the model. Not null.
     * @return this if it already has it, else the converted components
     * @throws IllegalArgumentException if the converted covariances are not positive definite
     */
    public GaussianComponents as(CovarianceModel target) {
        if (Objects.requireNonNull(target, "target") == model) {
            return this;
        }
        GaussianComponents shaped = reshaped(target.storage());
        return new GaussianComponents(target, k, d, shaped.means, shaped.covariances, shaped.cholesky);
    }

    /**
     * Validated components of an mclust model from means and full covariance matrices (as in a model
     * file): spherical models keep the mean of each diagonal, diagonal models the diagonals, EEE the
     * first matrix, the others the matrices themselves. Off-diagonal entries of the axis-aligned models
     * must be 0 and EEE's matrices equal, within 1e-9 relative.
     *
     * @param model the covariance model. Not null.
     * @param means {@code k × d}, finite. Not modified.
     * @param covariances {@code k × d × d} symmetric positive definite. Not modified.
     * @return the components
     * @throws IllegalArgumentException on a shape mismatch, a non-finite value, a matrix that is not
     *     symmetric positive definite, or one that the model's storage cannot hold
     */
    public static GaussianComponents of(CovarianceModel model, double[][] means, double[][][] covariances) {
        Objects.requireNonNull(model, "model");
        GaussianComponents fullSet = of(CovarianceType.FULL, means, covariances);
        int k = fullSet.k;
        int d = fullSet.d;
        if (model.storage() != CovarianceType.FULL) {
            for (int j = 0; j < k; j++) {
                for (int a = 0; a < d; a++) {
                    double scale = Math.abs(covariances[j][a][a]);
                    for (int b = 0; b < d; b++) {
                        double v = covariances[j][a][b];
                        if (model.storage() == CovarianceType.TIED) {
                            checkArgument(Math.abs(v - covariances[0][a][b]) <= 1e-9 * scale,
                                    "covariances[%s][%s][%s] = %s differs from covariances[0][%s][%s] = %s; "
                                            + "%s shares one matrix", j, a, b, v, a, b, covariances[0][a][b], model);
                        } else if (a != b) {
                            checkArgument(Math.abs(v) <= 1e-9 * scale, "covariances[%s][%s][%s] = %s must be 0 for "
                                    + "the axis-aligned model %s", j, a, b, v, model);
                        }
                    }
                }
            }
        }
        return fullSet.as(model);
    }

    /**
     * Component j as a {@link Gaussian}.
     *
     * @param j component index
     * @return the component's distribution
     */
    public Gaussian component(int j) {
        return Gaussian.of(mean(j), covariance(j));
    }

    @Override
    public String toString() {
        return "GaussianComponents[" + (model.alias() != null ? type.jsonName() : model.name()) + ", k=" + k + ", d="
                + d + "]";
    }
}
