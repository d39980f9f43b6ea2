package io.emkit.hmm;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.Gaussian;
import io.emkit.gmm.GaussianAccumulator;
import io.emkit.gmm.GaussianComponents;
import io.emkit.gmm.GaussianFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Gaussian emissions: state s emits {@code N(μ_s, Σ_s)}, with any of the four covariance structures
 * stored in its native shape (em-gmm's {@link GaussianComponents} and {@link GaussianFamily}).
 */
public final class GaussianEmission extends FamilyEmission<GaussianComponents, GaussianAccumulator> {

    GaussianEmission(GaussianFamily family, GaussianComponents components) {
        super(family, components);
    }

    /**
     * Full-covariance emissions, one Gaussian per state.
     *
     * @param gaussians at least one, all of one dimension. Not modified.
     * @return the emissions
     * @throws IllegalArgumentException on an empty list or mixed dimensions
     */
    public static GaussianEmission of(List<Gaussian> gaussians) {
        return of(gaussians, CovarianceType.FULL);
    }

    /**
     * Emissions with a covariance structure, one Gaussian per state: diagonal ones must have zero
     * off-diagonal entries, spherical ones equal variances, tied ones one common covariance.
     *
     * @param gaussians at least one, all of one dimension. Not modified.
     * @param type the covariance structure. Not null.
     * @return the emissions
     * @throws IllegalArgumentException if a Gaussian does not have the structure (naming it)
     */
    public static GaussianEmission of(List<Gaussian> gaussians, CovarianceType type) {
        Objects.requireNonNull(type, "type");
        List<Gaussian> copy = List.copyOf(Objects.requireNonNull(gaussians, "gaussians"));
        checkArgument(!copy.isEmpty(), "gaussians must hold one Gaussian per state (at least one)");
        int d = copy.get(0).dimension();
        int k = copy.size();
        double[][] means = new double[k][];
        for (int s = 0; s < k; s++) {
            Gaussian g = copy.get(s);
            checkArgument(g.dimension() == d, "gaussians[%s] has dimension %s, expected %s", s, g.dimension(), d);
            means[s] = g.mean();
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    double v = g.covariance().get(a, b);
                    checkArgument(type == CovarianceType.FULL || type == CovarianceType.TIED || a == b || v == 0,
                            "gaussians[%s] covariance[%s][%s] (%s) must be 0 for %s", s, a, b, v, type);
                    checkArgument(type != CovarianceType.SPHERICAL || a != b || v == g.covariance().get(0, 0),
                            "gaussians[%s] variances must be equal for SPHERICAL", s);
                    checkArgument(type != CovarianceType.TIED || v == copy.get(0).covariance().get(a, b),
                            "gaussians[%s] covariance differs from gaussians[0]'s; TIED needs one covariance", s);
                }
            }
        }
        Object covariances;
        switch (type) {
            case FULL: {
                double[][][] c = new double[k][][];
                for (int s = 0; s < k; s++) {
                    c[s] = copy.get(s).covariance().toArray();
                }
                covariances = c;
                break;
            }
            case DIAGONAL: {
                double[][] c = new double[k][];
                for (int s = 0; s < k; s++) {
                    c[s] = copy.get(s).covariance().diagonal();
                }
                covariances = c;
                break;
            }
            case SPHERICAL: {
                double[] c = new double[k];
                for (int s = 0; s < k; s++) {
                    c[s] = copy.get(s).covariance().get(0, 0);
                }
                covariances = c;
                break;
            }
            case TIED:
            default:
                covariances = copy.get(0).covariance().toArray();
        }
        return of(GaussianComponents.of(type, means, covariances));
    }

    /**
     * Emissions from a Gaussian component set, one component per state.
     *
     * @param components the components. Not null.
     * @return the emissions
     */
    public static GaussianEmission of(GaussianComponents components) {
        return new GaussianEmission(GaussianFamily.of(components.type(), GaussianFamily.DEFAULT_REG_COVAR),
                components);
    }

    @Override
    protected GaussianEmission with(GaussianComponents next) {
        return new GaussianEmission((GaussianFamily) family(), next);
    }

    /** @return the covariance structure */
    public CovarianceType covarianceType() {
        return components().type();
    }

    /**
     * State s's Gaussian.
     *
     * @param state in {@code [0, S)}
     * @return its distribution (full covariance form)
     */
    public Gaussian gaussian(int state) {
        return components().component(state);
    }

    /**
     * Every state's Gaussian.
     *
     * @return a new list of S Gaussians
     */
    public List<Gaussian> gaussians() {
        List<Gaussian> out = new ArrayList<>(states());
        for (int s = 0; s < states(); s++) {
            out.add(gaussian(s));
        }
        return out;
    }

    @Override
    public void checkCompatible(Sequences data) {
        checkArgument(!data.isCategorical(), "Gaussian emissions need numeric sequences, got %s", data);
        checkArgument(data.dimension() == dimension(),
                "data dimension (%s) does not match the emission dimension (%s)", data.dimension(), dimension());
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof GaussianEmission e) || e.covarianceType() != covarianceType() || e.states() != states()) {
            return false;
        }
        for (int s = 0; s < states(); s++) {
            if (!java.util.Arrays.equals(e.gaussian(s).mean(), gaussian(s).mean())
                    || !e.gaussian(s).covariance().equals(gaussian(s).covariance())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(gaussian(0).mean());
    }
}
