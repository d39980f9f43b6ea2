package io.emkit.hmm;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.FitWarning;
import io.emkit.core.IterationContext;
import io.emkit.core.numeric.Matrix;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.Gaussian;
import io.emkit.gmm.WeightedGaussianStatistics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The Gaussian family: per-state weighted means and scatters (em-gmm's
 * {@link WeightedGaussianStatistics}), turned into Gaussians with {@code regCovar} on the diagonal.
 *
 * <p>Documented repair rule: a state without posterior weight keeps its previous Gaussian; a
 * covariance that is not positive definite gets a ridge of {@code 1e-6 x} its mean variance (or
 * {@code 1e-6} if that is 0) and a {@link FitWarning.CovarianceRegularised}; if it still fails the
 * previous Gaussian is kept.
 */
final class GaussianFamily implements EmissionFamily {

    /** Relative ridge used to repair a covariance that is not positive definite. */
    static final double REPAIR_RIDGE = 1e-6;
    /** Lloyd iterations of the k-means initialisation. */
    static final int KMEANS_ITERATIONS = 10;
    /** The k-means initialisation runs on at most this many observations, drawn at random. */
    static final int KMEANS_SAMPLE = 10_000;

    private final CovarianceType type;
    private final double regCovar;
    private final GaussianStart start;

    GaussianFamily(CovarianceType type, double regCovar, GaussianStart start) {
        checkArgument(type == CovarianceType.FULL || type == CovarianceType.DIAGONAL,
                "covariance type %s is not supported for HMM emissions (FULL or DIAGONAL)", type);
        checkArgument(regCovar >= 0 && regCovar < Double.POSITIVE_INFINITY,
                "regCovar (%s) must be finite and >= 0", regCovar);
        this.type = type;
        this.regCovar = regCovar;
        this.start = start;
    }

    @Override
    public void checkCompatible(Sequences data) {
        checkArgument(!data.isCategorical(), "Gaussian emissions need numeric sequences, got %s", data);
    }

    @Override
    public boolean isRegularised() {
        return regCovar > 0;
    }

    /**
     * Means from k-means (k-means++ seeding, {@value #KMEANS_ITERATIONS} Lloyd iterations, on at most
     * {@value #KMEANS_SAMPLE} random observations) or, with {@link GaussianStart#RANDOM_OBSERVATIONS},
     * S distinct observations drawn uniformly (fewer observations than states: some repeat); every
     * state's covariance is the covariance of all observations (in the family's shape, plus
     * {@code regCovar}).
     */
    @Override
    public Emission initialize(Sequences data, int states, RandomGenerator random) {
        int d = data.dimension();
        WeightedGaussianStatistics all = new WeightedGaussianStatistics(d);
        for (int r = 0; r < data.size(); r++) {
            double[] values = data.rawValues(r);
            for (int t = 0; t < data.length(r); t++) {
                all.add(values, t * d, 1.0);
            }
        }
        double[] centres = start == GaussianStart.KMEANS ? kMeansCentres(data, states, random)
                : randomObservations(data, states, random);
        Matrix covariance = repaired(all, -1, null);
        List<Gaussian> gaussians = new ArrayList<>(states);
        for (int s = 0; s < states; s++) {
            double[] mean = java.util.Arrays.copyOfRange(centres, s * d, (s + 1) * d);
            gaussians.add(Gaussian.of(mean, covariance));
        }
        return GaussianEmission.of(gaussians, type);
    }

    /** k-means centres of at most {@value #KMEANS_SAMPLE} random observations (all of them when few). */
    private static double[] kMeansCentres(Sequences data, int states, RandomGenerator random) {
        int d = data.dimension();
        long total = data.totalLength();
        int n = (int) Math.min(total, KMEANS_SAMPLE);
        double[] points = new double[n * d];
        for (int i = 0; i < n; i++) {
            copyObservation(data, n == total ? i : random.nextLong(total), points, i * d);
        }
        return KMeans.fit(points, n, d, states, KMEANS_ITERATIONS, random);
    }

    /** S observations at distinct positions, drawn uniformly, as {@code S × d} row-major means. */
    private static double[] randomObservations(Sequences data, int states, RandomGenerator random) {
        int d = data.dimension();
        long total = data.totalLength();
        Set<Long> picked = new HashSet<>();
        double[] means = new double[states * d];
        for (int s = 0; s < states; s++) {
            long index;
            do {
                index = random.nextLong(total);
            } while (picked.size() < total && !picked.add(index));
            copyObservation(data, index, means, s * d);
        }
        return means;
    }

    /** Copies observation {@code index} (counting through all sequences in order) to {@code out[offset..]}. */
    private static void copyObservation(Sequences data, long index, double[] out, int offset) {
        int r = 0;
        while (index >= data.length(r)) {
            index -= data.length(r);
            r++;
        }
        int d = data.dimension();
        System.arraycopy(data.rawValues(r), (int) index * d, out, offset, d);
    }

    /** The shaped covariance of {@code stats} plus regCovar, repaired if not positive definite. */
    private Matrix repaired(WeightedGaussianStatistics stats, int state, IterationContext context) {
        try {
            return stats.toGaussian(type, regCovar).covariance();
        } catch (IllegalArgumentException notPositiveDefinite) {
            int d = stats.dimension();
            double[] diagonal = stats.covariance().diagonal();
            double mean = 0;
            for (double v : diagonal) {
                mean += v;
            }
            mean /= d;
            double ridge = REPAIR_RIDGE * (mean > 0 ? mean : 1.0);
            Matrix fixed = stats.toGaussian(type, regCovar + ridge).covariance();
            if (context != null) {
                context.warn(new FitWarning.CovarianceRegularised(context.iteration(), state,
                        "not positive definite; added " + ridge + " to the diagonal"));
            }
            return fixed;
        }
    }

    @Override
    public EmissionStatistics newStatistics(Emission current) {
        GaussianEmission emission = (GaussianEmission) current;
        return new Moments(emission.states(), emission.dimension());
    }

    @Override
    public Emission estimate(EmissionStatistics total, Emission previous, IterationContext context) {
        Moments moments = (Moments) total;
        GaussianEmission old = (GaussianEmission) previous;
        List<Gaussian> next = new ArrayList<>(moments.states.length);
        for (int s = 0; s < moments.states.length; s++) {
            WeightedGaussianStatistics stats = moments.states[s];
            Gaussian gaussian = old.gaussian(s);
            if (stats.weight() > 0) {
                try {
                    // mu_s = sum_t gamma_t(s) x_t / sum_t gamma_t(s); Sigma_s = scatter / weight + eps I
                    gaussian = Gaussian.of(stats.mean(), repaired(stats, s, context));
                } catch (IllegalArgumentException stillSingular) {
                    context.warn(new FitWarning.CovarianceRegularised(context.iteration(), s,
                            "covariance could not be repaired; previous Gaussian kept"));
                }
            } else {
                context.warn(new FitWarning.ModelWarning(context.iteration(),
                        "state " + s + " has no posterior weight; its Gaussian was kept"));
            }
            next.add(gaussian);
        }
        return GaussianEmission.of(next, type);
    }

    /** One weighted-moments accumulator per state. */
    static final class Moments implements EmissionStatistics {
        final WeightedGaussianStatistics[] states;
        final int dimension;

        Moments(int stateCount, int dimension) {
            this.dimension = dimension;
            this.states = new WeightedGaussianStatistics[stateCount];
            for (int s = 0; s < stateCount; s++) {
                states[s] = new WeightedGaussianStatistics(dimension);
            }
        }

        @Override
        public void add(Sequences data, int sequence, double[] posteriors, double weight) {
            double[] values = data.rawValues(sequence);
            int length = values.length / dimension;
            int s = states.length;
            for (int t = 0; t < length; t++) {
                for (int i = 0; i < s; i++) {
                    states[i].add(values, t * dimension, weight * posteriors[t * s + i]);
                }
            }
        }

        @Override
        public EmissionStatistics merge(EmissionStatistics other) {
            checkArgument(other instanceof Moments, "cannot merge %s into Gaussian moments", other);
            Moments o = (Moments) other;
            checkArgument(o.states.length == states.length && o.dimension == dimension,
                    "shape mismatch: %s states of dimension %s vs %s of %s", o.states.length, o.dimension,
                    states.length, dimension);
            for (int s = 0; s < states.length; s++) {
                states[s].merge(o.states[s]);
            }
            return this;
        }
    }
}
