package io.emkit.hmm;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.Gaussian;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Multivariate Gaussian emissions: state {@code s} emits {@code x ~ N(mu_s, Sigma_s)}, one em-gmm
 * {@link Gaussian} per state, with full or diagonal covariances. Immutable and thread-safe.
 */
public final class GaussianEmission implements Emission {

    private final List<Gaussian> gaussians;
    private final CovarianceType type;
    private final int dimension;

    private GaussianEmission(List<Gaussian> gaussians, CovarianceType type) {
        this.gaussians = gaussians;
        this.type = type;
        this.dimension = gaussians.get(0).dimension();
    }

    /**
     * Emissions with full covariances.
     *
     * @param gaussians one Gaussian per state, all of the same dimension; the list is copied
     * @return the emission
     * @throws IllegalArgumentException if the list is empty or the dimensions differ
     */
    public static GaussianEmission of(List<Gaussian> gaussians) {
        return of(gaussians, CovarianceType.FULL);
    }

    /**
     * Emissions with the given covariance shape.
     *
     * @param gaussians one Gaussian per state, all of the same dimension; the list is copied
     * @param type {@link CovarianceType#FULL} or {@link CovarianceType#DIAGONAL} (then every
     *     covariance must be diagonal)
     * @return the emission
     * @throws IllegalArgumentException if the list is empty, the dimensions differ, the type is
     *     neither FULL nor DIAGONAL, or a DIAGONAL covariance has a non-zero off-diagonal entry
     */
    public static GaussianEmission of(List<Gaussian> gaussians, CovarianceType type) {
        Objects.requireNonNull(type, "type");
        List<Gaussian> copy = List.copyOf(Objects.requireNonNull(gaussians, "gaussians"));
        checkArgument(!copy.isEmpty(), "gaussians must hold one Gaussian per state (at least one)");
        checkArgument(type == CovarianceType.FULL || type == CovarianceType.DIAGONAL,
                "covariance type %s is not supported for HMM emissions (FULL or DIAGONAL)", type);
        int d = copy.get(0).dimension();
        for (int s = 0; s < copy.size(); s++) {
            Gaussian g = copy.get(s);
            checkArgument(g.dimension() == d, "gaussians[%s] has dimension %s, expected %s", s, g.dimension(), d);
            if (type == CovarianceType.DIAGONAL) {
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b < d; b++) {
                        double v = g.covariance().get(a, b);
                        checkArgument(a == b || v == 0,
                                "gaussians[%s] covariance[%s][%s] (%s) must be 0 for DIAGONAL", s, a, b, v);
                    }
                }
            }
        }
        return new GaussianEmission(copy, type);
    }

    @Override
    public int states() {
        return gaussians.size();
    }

    /**
     * The observation dimension.
     *
     * @return {@code d}
     */
    public int dimension() {
        return dimension;
    }

    /**
     * The covariance shape.
     *
     * @return FULL or DIAGONAL
     */
    public CovarianceType covarianceType() {
        return type;
    }

    /**
     * The Gaussian of one state.
     *
     * @param state the state
     * @return its (immutable) Gaussian
     */
    public Gaussian gaussian(int state) {
        return gaussians.get(state);
    }

    /**
     * All Gaussians, by state.
     *
     * @return an unmodifiable list
     */
    public List<Gaussian> gaussians() {
        return gaussians;
    }

    /** {@inheritDoc} {@code S d} means plus {@code S d (d + 1) / 2} (full) or {@code S d} (diagonal). */
    @Override
    public int parameterCount() {
        int s = states();
        int d = dimension;
        return s * d + (type == CovarianceType.FULL ? s * d * (d + 1) / 2 : s * d);
    }

    @Override
    public void checkCompatible(Sequences data) {
        checkArgument(!data.isCategorical(), "Gaussian emissions need numeric sequences, got %s", data);
        checkArgument(data.dimension() == dimension,
                "data dimension (%s) does not match the emission dimension (%s)", data.dimension(), dimension);
    }

    @Override
    public void logDensities(Sequences data, int sequence, double[] out) {
        double[] values = data.rawValues(sequence);
        int length = values.length / dimension;
        for (int s = 0; s < gaussians.size(); s++) {
            gaussians.get(s).logDensities(values, length, out, s * length);
        }
    }

    @Override
    public Sequences sample(int[] path, RandomGenerator random) {
        double[][][] out = new double[1][path.length][];
        for (int t = 0; t < path.length; t++) {
            out[0][t] = gaussians.get(path[t]).sample(random);
        }
        return Sequences.ofVectors(out);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof GaussianEmission e) || e.type != type || e.states() != states()) {
            return false;
        }
        for (int s = 0; s < states(); s++) {
            if (!java.util.Arrays.equals(e.gaussians.get(s).mean(), gaussians.get(s).mean())
                    || !e.gaussians.get(s).covariance().equals(gaussians.get(s).covariance())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = type.hashCode();
        for (Gaussian g : gaussians) {
            h = 31 * h + java.util.Arrays.hashCode(g.mean()) + g.covariance().hashCode();
        }
        return h;
    }

    @Override
    public String toString() {
        return "GaussianEmission[" + type.jsonName() + ", " + gaussians + "]";
    }
}
