package io.emkit.gmm;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.Dataset;
import io.emkit.core.FitWarning;
import io.emkit.core.family.Families;
import io.emkit.core.family.Family;
import io.emkit.core.family.Kernel;
import io.emkit.core.family.Repairs;
import io.emkit.core.family.VectorFamily;
import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The Gaussian family: k components {@code N(μ_j, Σ_j)} with one of four covariance structures,
 * estimated from weighted statistics. The one place where Gaussian densities, statistics and M-steps
 * are written; mixtures ({@link GaussianMixtureModel}) and HMM emissions use it alike.
 *
 * <p>M-step, with {@code N_j}, the weighted mean {@code m_j} and the centred scatter {@code M_j} of
 * component j's statistics: {@code μ_j = m_j}; {@code S_j = M_j / N_j} (about a frozen mean μ:
 * {@code S_j + (m_j - μ)(m_j - μ)ᵀ}); then by type, with {@code ε = regCovar}: full
 * {@code S_j + εI}; diagonal {@code diag(S_j) + ε}; spherical {@code tr(S_j)/d + ε}; tied
 * {@code Σ_j N_j S_j / Σ_j N_j + εI} (scikit-learn's updates). Every variance is then raised to at least
 * {@code varianceFloor}.
 *
 * <h2>Repair rules</h2>
 * A component whose {@code N_j} is not above {@value #EMPTY_FRACTION}{@code ·max N} (or whose estimate
 * is not finite) keeps its previous values and is reported {@linkplain Repairs#empty empty}. A
 * covariance still not positive definite after {@code ε} and the floor gets the smallest ridge
 * {@code τ = 1e-10·s·10^m} (s its mean variance, or the data's if zero) that makes it so, reported as
 * {@link FitWarning.CovarianceRegularised}. The {@link #reseed} rule: the mean moves to the given
 * observation and the covariance (not a tied one) becomes the data's per-feature variances (plus
 * {@code ε}, floored). No NaN reaches the parameters.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class GaussianFamily implements Family<GaussianComponents, GaussianAccumulator>,
        VectorFamily<GaussianComponents> {
    private static final long serialVersionUID = 1L;

    /** A component is empty when {@code N_j <= EMPTY_FRACTION · max_l N_l} (relative to the largest, not the total). */
    public static final double EMPTY_FRACTION = 1e-10;
    /** Default {@code regCovar}, as in scikit-learn. */
    public static final double DEFAULT_REG_COVAR = 1e-6;

    private final CovarianceModel model;
    private final CovarianceType type; // model.storage()
    private final double regCovar;
    private final double varianceFloor;
    private final boolean freezeMeans;
    private final boolean freezeCovariances;

    private GaussianFamily(CovarianceModel model, double regCovar, double varianceFloor, boolean freezeMeans,
            boolean freezeCovariances) {
        this.model = Objects.requireNonNull(model, "model");
        this.type = model.storage();
        checkArgument(regCovar >= 0 && regCovar < Double.POSITIVE_INFINITY, "regCovar (%s) must be finite and >= 0",
                regCovar);
        checkArgument(varianceFloor >= 0 && varianceFloor < Double.POSITIVE_INFINITY,
                "varianceFloor (%s) must be finite and >= 0", varianceFloor);
        this.regCovar = regCovar;
        this.varianceFloor = varianceFloor;
        this.freezeMeans = freezeMeans;
        this.freezeCovariances = freezeCovariances;
    }

    /**
     * The Gaussian family with a covariance structure and {@code regCovar}, nothing frozen, no floor.
     *
     * @param type the covariance structure. Not null.
     * @param regCovar ridge added to every variance after each M-step, finite and {@code >= 0}
     * @return the family
     * @throws IllegalArgumentException if {@code regCovar} is negative or not finite
     */
    public static GaussianFamily of(CovarianceType type, double regCovar) {
        return new GaussianFamily(CovarianceModel.of(Objects.requireNonNull(type, "type")), regCovar, 0, false,
                false);
    }

    /**
     * The Gaussian family with one of mclust's 14 covariance models and {@code regCovar}, nothing
     * frozen, no floor. With {@code regCovar = 0} its M-steps are mclust's ({@code mstep}, no prior).
     *
     * @param model the covariance model. Not null.
     * @param regCovar ridge added to every variance after each M-step, finite and {@code >= 0}
     * @return the family
     * @throws IllegalArgumentException if {@code regCovar} is negative or not finite
     */
    public static GaussianFamily of(CovarianceModel model, double regCovar) {
        return new GaussianFamily(model, regCovar, 0, false, false);
    }

    /**
     * This family with a variance floor.
     *
     * @param floor minimum variance per dimension after each M-step (0: none), finite and {@code >= 0}
     * @return a new family
     * @throws IllegalArgumentException if negative or not finite
     */
    public GaussianFamily withVarianceFloor(double floor) {
        return new GaussianFamily(model, regCovar, floor, freezeMeans, freezeCovariances);
    }

    /**
     * This family with means and/or covariances held at their previous values in every M-step.
     *
     * @param means whether the means are frozen
     * @param covariances whether the covariances are frozen
     * @return a new family
     */
    public GaussianFamily withFrozen(boolean means, boolean covariances) {
        return new GaussianFamily(model, regCovar, varianceFloor, means, covariances);
    }

    /** @return the covariance storage shape ({@code covarianceModel().storage()}) */
    public CovarianceType covarianceType() {
        return type;
    }

    /** @return the mclust covariance model (VVV, VVI, VII, EEE for the four scikit-learn types) */
    public CovarianceModel covarianceModel() {
        return model;
    }

    /** @return the ridge added to variances after each M-step */
    public double regCovar() {
        return regCovar;
    }

    /** @return the variance floor (0: none) */
    public double varianceFloor() {
        return varianceFloor;
    }

    @Override
    public String name() {
        return "gaussian";
    }

    @Override
    public int components(GaussianComponents set) {
        return set.k;
    }

    @Override
    public int dimension(GaussianComponents set) {
        return set.d;
    }

    @Override
    public Kernel<GaussianAccumulator> kernel(GaussianComponents set) {
        checkType(set);
        return new GaussianKernel(set);
    }

    private void checkType(GaussianComponents set) {
        checkArgument(set.type == type, "components have covariance type %s but the family has %s",
                set.type.jsonName(), type.jsonName());
    }

    @Override
    public long parameterCount(GaussianComponents set) {
        return set.parameterCount();
    }

    @Override
    public boolean isRegularised() {
        return regCovar > 0 || varianceFloor > 0;
    }

    /** Every component at the data's mean with unit covariance. */
    @Override
    public GaussianComponents reference(Dataset data, int k) {
        int d = data.dimension();
        double[] mean = new double[d];
        double total = data.totalWeight();
        double[] row = new double[d];
        for (int i = 0; i < data.size(); i++) {
            double w = data.weight(i);
            if (w > 0) {
                data.copyRows(i, i + 1, row, 0);
                for (int a = 0; a < d; a++) {
                    mean[a] += w / total * row[a];
                }
            }
        }
        double[] means = new double[Math.multiplyExact(k, d)];
        for (int j = 0; j < k; j++) {
            System.arraycopy(mean, 0, means, j * d, d);
        }
        double[] cov = new double[GaussianComponents.covarianceLength(type, k, d)];
        fillIdentity(cov, k, d);
        return new GaussianComponents(model, k, d, means, cov, GaussianComponents.isFactored(type) ? cov.clone() : null);
    }

    private void fillIdentity(double[] cov, int k, int d) {
        switch (type) {
            case FULL:
                for (int j = 0; j < k; j++) {
                    for (int a = 0; a < d; a++) {
                        cov[(j * d + a) * d + a] = 1.0;
                    }
                }
                break;
            case TIED:
                for (int a = 0; a < d; a++) {
                    cov[a * d + a] = 1.0;
                }
                break;
            default:
                Arrays.fill(cov, 1.0);
        }
    }

    /**
     * Components with the given means, each with the covariance of all the data (in this family's
     * shape, plus {@code regCovar}): the start of an HMM from k-means centres or random observations.
     *
     * @param data the observations. Not modified.
     * @param means row-major {@code k × d} means. Not modified.
     * @param k the number of components
     * @return the components
     */
    public GaussianComponents withDataCovariance(Dataset data, double[] means, int k) {
        int d = data.dimension();
        checkArgument(means.length == (long) k * d, "means has %s values, expected %s x %s", means.length, k, d);
        GaussianComponents one = Families.fromLabels(withFrozen(false, false), data, new int[data.size()], 1);
        double[] cov = new double[GaussianComponents.covarianceLength(type, k, d)];
        double[] chol = null;
        switch (type) {
            case FULL:
                chol = new double[cov.length];
                for (int j = 0; j < k; j++) {
                    System.arraycopy(one.covariances, 0, cov, j * d * d, d * d);
                    System.arraycopy(one.cholesky, 0, chol, j * d * d, d * d);
                }
                break;
            case TIED:
                System.arraycopy(one.covariances, 0, cov, 0, d * d);
                chol = one.cholesky.clone();
                break;
            case DIAGONAL:
                for (int j = 0; j < k; j++) {
                    System.arraycopy(one.covariances, 0, cov, j * d, d);
                }
                break;
            default:
                Arrays.fill(cov, one.covariances[0]);
        }
        return new GaussianComponents(model, k, d, means.clone(), cov, chol);
    }

    @Override
    public GaussianComponents estimate(GaussianAccumulator s, GaussianComponents start, Repairs repairs) {
        s.settle(); // the M-step reads means and centred scatters
        GaussianComponents previous = start.as(model); // a start of another structure is converted
        checkArgument(s.fullScatter || !GaussianComponents.isFactored(type),
                "%s covariances need full scatter statistics, but these hold only diagonals", type.jsonName());
        final int k = previous.k;
        final int d = previous.d;
        double total = 0;
        double largest = 0;
        for (int j = 0; j < k; j++) {
            total += s.weight[j];
            if (s.weight[j] < Double.POSITIVE_INFINITY) {
                largest = Math.max(largest, s.weight[j]);
            }
        }
        boolean[] dead = new boolean[k];
        double[] means = new double[k * d];
        double[] shift = new double[k * d]; // ψ = m_j - μ_j: nonzero only for frozen means
        for (int j = 0; j < k; j++) {
            double nj = s.weight[j];
            dead[j] = !(nj > EMPTY_FRACTION * largest && nj < Double.POSITIVE_INFINITY);
            for (int a = 0; a < d; a++) {
                int ja = j * d + a;
                if (freezeMeans || dead[j]) {
                    means[ja] = previous.means[ja];
                    shift[ja] = dead[j] ? 0.0 : s.meanMinus(j, a, previous.means[ja]);
                } else {
                    means[ja] = s.pivot[ja] + s.offset[ja];
                }
                if (!Double.isFinite(means[ja]) || !Double.isFinite(shift[ja])) {
                    dead[j] = true;
                }
            }
        }
        double[] cov = freezeCovariances ? previous.covariances.clone()
                : model.alias() != null ? covariances(s, previous, shift, dead, total)
                : modelCovariances(s, previous, shift, dead);
        for (int j = 0; j < k; j++) {
            if (dead[j]) {
                for (int a = 0; a < d; a++) {
                    means[j * d + a] = previous.means[j * d + a];
                }
                repairs.empty(j, s.weight[j]);
            }
        }
        return factored(k, d, means, cov, s.pooledVariances(), repairs)
                .withVectorKernel(GaussianKernel.vectorFor(s.rows, k, d));
    }

    /** The native covariances of the M-step; a dead component keeps its previous covariance. */
    private double[] covariances(GaussianAccumulator s, GaussianComponents previous, double[] shift, boolean[] dead,
            double total) {
        final int k = previous.k;
        final int d = previous.d;
        double[] cov = previous.covariances.clone();
        switch (type) {
            case TIED: {
                // Σ = Σ_j (M_j + N_j ψψᵀ) / Σ_j N_j + εI
                double[] pooled = new double[d * d];
                for (int j = 0; j < k; j++) {
                    if (dead[j]) {
                        continue;
                    }
                    double nj = s.weight[j];
                    for (int a = 0; a < d; a++) {
                        for (int b = 0; b <= a; b++) {
                            pooled[a * d + b] += s.scatter[s.at(j, a, b)] + nj * shift[j * d + a] * shift[j * d + b];
                        }
                    }
                }
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b <= a; b++) {
                        double v = pooled[a * d + b] / total;
                        cov[a * d + b] = v;
                        cov[b * d + a] = v;
                    }
                    cov[a * d + a] = floor(cov[a * d + a] + regCovar);
                }
                break;
            }
            case FULL:
                for (int j = 0; j < k; j++) {
                    if (dead[j]) {
                        continue;
                    }
                    double inverse = 1.0 / s.weight[j];
                    int base = j * d * d;
                    for (int a = 0; a < d; a++) {
                        for (int b = 0; b <= a; b++) {
                            double v = s.scatter[s.at(j, a, b)] * inverse + shift[j * d + a] * shift[j * d + b];
                            cov[base + a * d + b] = v;
                            cov[base + b * d + a] = v;
                        }
                        cov[base + a * d + a] = floor(cov[base + a * d + a] + regCovar);
                    }
                    markNonFinite(cov, base, d * d, dead, j);
                }
                break;
            case DIAGONAL:
            case SPHERICAL:
            default:
                for (int j = 0; j < k; j++) {
                    if (dead[j]) {
                        continue;
                    }
                    double inverse = 1.0 / s.weight[j];
                    double mean = 0;
                    for (int a = 0; a < d; a++) {
                        double psi = shift[j * d + a];
                        double v = Math.max(s.scatter[s.at(j, a, a)] * inverse + psi * psi, 0.0);
                        if (type == CovarianceType.DIAGONAL) {
                            cov[j * d + a] = floor(v + regCovar);
                        }
                        mean += v;
                    }
                    if (type == CovarianceType.SPHERICAL) {
                        cov[j] = floor(mean / d + regCovar);
                        markNonFinite(cov, j, 1, dead, j);
                    } else {
                        markNonFinite(cov, j * d, d, dead, j);
                    }
                }
        }
        if (type != CovarianceType.TIED) {
            // a dead component keeps its previous covariance
            int width = type == CovarianceType.FULL ? d * d : type == CovarianceType.DIAGONAL ? d : 1;
            for (int j = 0; j < k; j++) {
                if (dead[j]) {
                    System.arraycopy(previous.covariances, j * width, cov, j * width, width);
                }
            }
        }
        return cov;
    }

    /**
     * The M-step of the ten models that are not scikit-learn types: the scatters about the (possibly
     * frozen) means, {@link CovarianceStructures}, then {@code + εI} and the floor; a dead component
     * keeps its previous covariance.
     */
    private double[] modelCovariances(GaussianAccumulator s, GaussianComponents previous, double[] shift,
            boolean[] dead) {
        final int k = previous.k;
        final int d = previous.d;
        boolean full = model.needsFullScatter();
        int width = full ? d * d : d;
        double[] w = new double[k * width];
        for (int j = 0; j < k; j++) {
            if (dead[j]) {
                continue;
            }
            double nj = s.weight[j];
            for (int a = 0; a < d; a++) {
                if (full) {
                    for (int b = 0; b <= a; b++) {
                        double v = s.scatter[s.at(j, a, b)] + nj * shift[j * d + a] * shift[j * d + b];
                        w[j * width + a * d + b] = v;
                        w[j * width + b * d + a] = v;
                    }
                } else {
                    double psi = shift[j * d + a];
                    w[j * width + a] = Math.max(s.scatter[s.at(j, a, a)] + nj * psi * psi, 0.0);
                }
            }
        }
        double[] previousFull = null;
        if (model == CovarianceModel.EVE || model == CovarianceModel.VVE) {
            previousFull = new double[k * d * d];
            for (int j = 0; j < k; j++) {
                previous.covariance(j).copyTo(previousFull, j * d * d);
            }
        }
        double[] cov = CovarianceStructures.estimate(model, k, d, s.weight, w, dead, previousFull);
        int stored = type == CovarianceType.FULL ? d * d : type == CovarianceType.DIAGONAL ? d : 1;
        for (int j = 0; j < k; j++) {
            if (dead[j]) {
                System.arraycopy(previous.covariances, j * stored, cov, j * stored, stored);
                continue;
            }
            if (type == CovarianceType.FULL) {
                for (int a = 0; a < d; a++) {
                    int aa = j * d * d + a * d + a;
                    cov[aa] = floor(cov[aa] + regCovar);
                }
            } else {
                for (int a = 0; a < stored; a++) {
                    cov[j * stored + a] = floor(cov[j * stored + a] + regCovar);
                }
            }
            markNonFinite(cov, j * stored, stored, dead, j);
        }
        for (int j = 0; j < k; j++) {
            if (dead[j]) { // a component found non-finite above keeps its previous covariance too
                System.arraycopy(previous.covariances, j * stored, cov, j * stored, stored);
            }
        }
        return cov;
    }

    private static void markNonFinite(double[] values, int from, int length, boolean[] dead, int j) {
        for (int i = from; i < from + length; i++) {
            if (!Double.isFinite(values[i])) {
                dead[j] = true;
                return;
            }
        }
    }

    private double floor(double variance) {
        return Math.max(variance, varianceFloor);
    }

    /** Factors full and tied covariances, repairing what is not positive definite; builds the set. */
    private GaussianComponents factored(int k, int d, double[] means, double[] cov, double[] dataVariance,
            Repairs repairs) {
        if (!GaussianComponents.isFactored(type)) {
            for (int i = 0; i < cov.length; i++) {
                if (!(cov[i] > 0)) {
                    double tau = ridgeScale(dataVariance) * 1e-10;
                    cov[i] = tau;
                    repairs.warn(new FitWarning.CovarianceRegularised(repairs.iteration(),
                            type == CovarianceType.SPHERICAL ? i : i / d,
                            "variance was not positive after regCovar; set to " + tau));
                }
            }
            return new GaussianComponents(model, k, d, means, cov, null);
        }
        double[] chol = cov.clone();
        double[] work = new double[d * d];
        int factors = type == CovarianceType.TIED ? 1 : k;
        for (int f = 0; f < factors; f++) {
            int base = f * d * d;
            System.arraycopy(cov, base, work, 0, d * d);
            if (!GaussianKernels.choleskyInPlace(work, d)) {
                double tau = ridge(cov, base, d, dataVariance, work, repairs, f);
                for (int a = 0; a < d; a++) {
                    cov[base + a * d + a] += tau;
                }
            }
            System.arraycopy(work, 0, chol, base, d * d);
        }
        return new GaussianComponents(model, k, d, means, cov, chol);
    }

    private static double ridgeScale(double[] dataVariance) {
        double scale = 0;
        for (double v : dataVariance) {
            scale += v / dataVariance.length;
        }
        return scale > 0 && scale < Double.POSITIVE_INFINITY ? scale : 1.0;
    }

    /**
     * Smallest τ = 1e-10·scale·10^m making cov + τI positive definite, scale the mean variance or,
     * if larger, the largest covariance; work receives its factor.
     */
    private static double ridge(double[] cov, int base, int d, double[] dataVariance, double[] work, Repairs repairs,
            int j) {
        double scale = 0;
        double offDiagonal = 0; // round-off at large magnitudes can leave covariances far above the variances
        for (int a = 0; a < d; a++) {
            scale += Math.abs(cov[base + a * d + a]) / d;
            for (int b = 0; b < d; b++) {
                if (b != a) {
                    offDiagonal = Math.max(offDiagonal, Math.abs(cov[base + a * d + b]));
                }
            }
        }
        if (offDiagonal > scale && offDiagonal < Double.POSITIVE_INFINITY) {
            scale = offDiagonal; // the tries then reach d·max|c_ab|, where cov + τI is diagonally dominant
        }
        if (!(scale > 0 && scale < Double.POSITIVE_INFINITY)) {
            scale = ridgeScale(dataVariance);
        }
        double tau = 1e-10 * scale;
        for (int attempt = 0; attempt < 40; attempt++, tau *= 10) {
            System.arraycopy(cov, base, work, 0, d * d);
            for (int a = 0; a < d; a++) {
                work[a * d + a] += tau;
            }
            if (GaussianKernels.choleskyInPlace(work, d)) {
                repairs.warn(new FitWarning.CovarianceRegularised(repairs.iteration(), j,
                        "not positive definite after regCovar; added " + tau + " to the diagonal"));
                return tau;
            }
        }
        throw new IllegalStateException("covariance " + j + " could not be regularised");
    }

    @Override
    public GaussianComponents reseed(GaussianComponents set, int component, double[] observation,
            GaussianAccumulator total) {
        final int k = set.k;
        final int d = set.d;
        double[] means = set.means.clone();
        System.arraycopy(observation, 0, means, component * d, d);
        double[] cov = set.covariances.clone();
        double[] chol = set.cholesky == null ? null : set.cholesky.clone();
        if (!freezeCovariances && type != CovarianceType.TIED) {
            double[] variance = total.pooledVariances();
            double meanVariance = 0;
            for (int a = 0; a < d; a++) {
                meanVariance += variance[a] / d;
            }
            for (int a = 0; a < d; a++) {
                variance[a] = positive(floor(variance[a] + regCovar), meanVariance);
            }
            switch (type) {
                case FULL: {
                    int base = component * d * d;
                    Arrays.fill(cov, base, base + d * d, 0.0);
                    Arrays.fill(chol, base, base + d * d, 0.0);
                    for (int a = 0; a < d; a++) {
                        cov[base + a * d + a] = variance[a];
                        chol[base + a * d + a] = Math.sqrt(variance[a]);
                    }
                    break;
                }
                case DIAGONAL:
                    System.arraycopy(variance, 0, cov, component * d, d);
                    break;
                default:
                    cov[component] = positive(floor(meanVariance + regCovar), meanVariance);
            }
        }
        return new GaussianComponents(model, k, d, means, cov, chol);
    }

    /** v if positive, else a small positive stand-in (a constant column with regCovar 0). */
    private static double positive(double v, double scale) {
        return v > 0 ? v : 1e-10 * (scale > 0 ? scale : 1.0);
    }

    @Override
    public void sample(GaussianComponents set, int component, RandomGenerator random, double[] out, int offset) {
        final int d = set.d;
        double[] z = new double[d];
        for (int a = 0; a < d; a++) {
            z[a] = random.nextGaussian();
        }
        int mu = component * d;
        if (GaussianComponents.isFactored(set.type)) {
            int base = set.factorOffset(component);
            for (int a = 0; a < d; a++) {
                double v = set.means[mu + a];
                for (int b = 0; b <= a; b++) {
                    v += set.cholesky[base + a * d + b] * z[b];
                }
                out[offset + a] = v;
            }
        } else {
            for (int a = 0; a < d; a++) {
                out[offset + a] = set.means[mu + a] + Math.sqrt(set.variance(component, a)) * z[a];
            }
        }
    }

    /**
     * The coordinates' length: means raw ({@code k·d}), then covariances as Cholesky factors with
     * log-diagonals (full {@code k·d(d+1)/2}, tied {@code d(d+1)/2}) or log variances (diagonal
     * {@code k·d}, spherical {@code k}).
     *
     * @param layout the set that fixes the coordinates
     * @return the length
     */
    @Override
    public int vectorLength(GaussianComponents layout) {
        return GaussianVectors.length(layout);
    }

    /**
     * Writes the means and covariance coordinates (see {@link #vectorLength}).
     *
     * @param set the components to write
     * @param layout the set that fixes the coordinates
     * @param out receives the coordinates. Modified.
     * @param offset where in {@code out}
     * @return false if the sets differ in type, k or d, or a coordinate is not finite
     */
    @Override
    public boolean toVector(GaussianComponents set, GaussianComponents layout, double[] out, int offset) {
        return GaussianVectors.write(set, layout, out, offset);
    }

    /**
     * The set the coordinates describe; every finite vector that does not overflow describes one.
     *
     * @param in the coordinates. Not modified.
     * @param offset where they start
     * @param layout the set that fixed the coordinates
     * @return the components, or null on overflow
     */
    @Override
    public GaussianComponents fromVector(double[] in, int offset, GaussianComponents layout) {
        return GaussianVectors.read(in, offset, layout);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GaussianFamily f && f.model == model && f.regCovar == regCovar
                && f.varianceFloor == varianceFloor && f.freezeMeans == freezeMeans
                && f.freezeCovariances == freezeCovariances;
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, regCovar, varianceFloor, freezeMeans, freezeCovariances);
    }

    @Override
    public String toString() {
        return "GaussianFamily[" + (model.alias() != null ? type.jsonName() : model.name()) + ", regCovar=" + regCovar
                + (varianceFloor > 0 ? ", varianceFloor=" + varianceFloor : "")
                + (freezeMeans ? ", means frozen" : "") + (freezeCovariances ? ", covariances frozen" : "") + "]";
    }
}
