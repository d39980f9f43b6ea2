package io.emkit.hmm;

import io.emkit.core.Dataset;
import io.emkit.core.IterationContext;
import io.emkit.core.family.Accumulator;
import io.emkit.core.family.Family;
import io.emkit.core.mixture.MixtureFamily;
import io.emkit.core.numeric.KMeans;
import io.emkit.discrete.CategoricalFamily;
import io.emkit.discrete.PoissonFamily;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.GaussianFamily;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * What Baum-Welch needs of an emission family: starting emissions, statistics, the M-step. Every
 * implementation is a {@link io.emkit.core.family.Family} of the family layer seen by an HMM
 * ({@link #of(Family)}); the factories here give the library's families with their HMM starts.
 *
 * <p>Repair rule, the same for every family: a state whose emission has (almost) no posterior weight
 * keeps its previous emission, reported as a {@link io.emkit.core.FitWarning.ModelWarning}; other
 * repairs (a covariance ridge) are the family's own warnings.
 */
public interface EmissionFamily extends java.io.Serializable {

    /** Default {@code regCovar} of Gaussian emissions. */
    double DEFAULT_REG_COVAR = GaussianFamily.DEFAULT_REG_COVAR;

    /**
     * Categorical emissions over {@code symbols} symbols, started from random stochastic rows.
     *
     * @param symbols m, at least 1
     * @return the family
     */
    static EmissionFamily categorical(int symbols) {
        CategoricalFamily family = new CategoricalFamily(symbols);
        return new FamilyEmissions<>(family, null, c -> new CategoricalEmission(family, c));
    }

    /**
     * Gaussian emissions with the default {@code regCovar}.
     *
     * @param type the covariance structure (all four are supported)
     * @return the family
     */
    static EmissionFamily gaussian(CovarianceType type) {
        return gaussian(type, DEFAULT_REG_COVAR);
    }

    /**
     * Gaussian emissions, means started from k-means.
     *
     * @param type the covariance structure
     * @param regCovar ridge added to variances after each M-step, finite and {@code >= 0}
     * @return the family
     */
    static EmissionFamily gaussian(CovarianceType type, double regCovar) {
        return gaussian(type, regCovar, GaussianStart.KMEANS);
    }

    /**
     * Gaussian emissions with a choice of start: means at k-means centres (k-means++ and
     * {@value GaussianStarts#KMEANS_ITERATIONS} Lloyd iterations on at most
     * {@value GaussianStarts#KMEANS_SAMPLE} random observations) or at S distinct random observations;
     * every state's covariance is that of all observations (in the type's shape, plus regCovar).
     *
     * @param type the covariance structure
     * @param regCovar ridge added to variances after each M-step
     * @param start how the means start
     * @return the family
     */
    static EmissionFamily gaussian(CovarianceType type, double regCovar, GaussianStart start) {
        GaussianFamily family = GaussianFamily.of(type, regCovar);
        Objects.requireNonNull(start, "start");
        return new FamilyEmissions<>(family, (data, states, random) -> GaussianStarts.start(family, data, states,
                random, start), c -> new GaussianEmission(family, c));
    }

    /**
     * Gaussian-mixture emissions (hmmlearn's {@code GMMHMM}): each state emits from its own
     * {@code M}-component Gaussian mixture, the {@link MixtureFamily} over the {@link GaussianFamily}.
     * Started by k-means into S clusters, then into M within each (see {@link MixtureFamily}). With
     * {@link CovarianceType#TIED} one covariance is shared by all {@code S·M} components.
     *
     * @param type the covariance structure of the components
     * @param perState M, the components per state, {@code >= 1}
     * @param regCovar ridge added to variances after each M-step
     * @return the family
     */
    static EmissionFamily gmm(CovarianceType type, int perState, double regCovar) {
        return of(MixtureFamily.of(GaussianFamily.of(type, regCovar), perState));
    }

    /**
     * Poisson emissions (independent counts per coordinate), started from k-means on the counts.
     *
     * @return the family
     */
    static EmissionFamily poisson() {
        return of(PoissonFamily.INSTANCE);
    }

    /**
     * Emissions from any family of the family layer (a user's own, a mixture of a family), started
     * with the family's {@link Family#initialize} on all observations.
     *
     * @param family the family. Not null.
     * @param <C> component-set type
     * @param <A> accumulator type
     * @return the family as HMM emissions
     */
    static <C, A extends Accumulator<A>> EmissionFamily of(Family<C, A> family) {
        Objects.requireNonNull(family, "family");
        return new FamilyEmissions<>(family, null, c -> FamilyEmission.of(family, c));
    }

    /** How Gaussian emission means start. */
    enum GaussianStart {
        /** k-means centres of (a sample of) the observations. */
        KMEANS,
        /** S observations at distinct random positions. */
        RANDOM_OBSERVATIONS
    }

    /**
     * Throws unless the data suit this family.
     *
     * @param data the sequences
     * @throws IllegalArgumentException naming the mismatch
     */
    void checkCompatible(Sequences data);

    /**
     * Starting emissions for {@code states} states.
     *
     * @param data the sequences
     * @param states S
     * @param random the only source of randomness
     * @return the emissions
     */
    Emission initialize(Sequences data, int states, RandomGenerator random);

    /**
     * Empty statistics for one chunk under the current emissions.
     *
     * @param current the emissions of the E-step
     * @return new statistics
     */
    EmissionStatistics newStatistics(Emission current);

    /**
     * The emissions' M-step.
     *
     * @param total the merged statistics
     * @param previous the emissions of the E-step
     * @param context iteration and warnings
     * @return the new emissions
     */
    Emission estimate(EmissionStatistics total, Emission previous, IterationContext context);

    /**
     * Whether the M-step is regularised (so EM may dip slightly).
     *
     * @return false by default
     */
    default boolean isRegularised() {
        return false;
    }

    /**
     * The family of the family layer behind these emissions.
     *
     * @return the family
     */
    Family<?, ?> family();

    /** The Gaussian family's HMM starts. */
    final class GaussianStarts {
        /** Lloyd iterations of the k-means start. */
        static final int KMEANS_ITERATIONS = 10;
        /** The k-means start runs on at most this many observations, drawn at random. */
        static final int KMEANS_SAMPLE = 10_000;

        private GaussianStarts() {}

        static io.emkit.gmm.GaussianComponents start(GaussianFamily family, Sequences data, int states,
                RandomGenerator random, GaussianStart start) {
            int d = data.dimension();
            long total = data.totalLength();
            double[] means;
            if (start == GaussianStart.KMEANS) {
                int n = (int) Math.min(total, KMEANS_SAMPLE);
                double[] points = new double[n * d];
                for (int i = 0; i < n; i++) {
                    copyObservation(data, n == total ? i : random.nextLong(total), points, i * d);
                }
                means = KMeans.centres(points, n, d, states, KMEANS_ITERATIONS, random);
            } else {
                Set<Long> picked = new HashSet<>();
                means = new double[states * d];
                for (int s = 0; s < states; s++) {
                    long index;
                    do {
                        index = random.nextLong(total);
                    } while (picked.size() < total && !picked.add(index));
                    copyObservation(data, index, means, s * d);
                }
            }
            return family.withDataCovariance(FamilyEmissions.observations(data), means, states);
        }

        /** Copies observation {@code index} (counting through all sequences in order) to {@code out[offset..]}. */
        private static void copyObservation(Sequences data, long index, double[] out, int offset) {
            int r = 0;
            while (index >= data.length(r)) {
                index -= data.length(r);
                r++;
            }
            int d = data.dimension();
            System.arraycopy(data.observations(r), (int) index * d, out, offset, d);
        }
    }
}
