package io.emkit.hmm;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.family.Accumulator;
import io.emkit.core.family.Family;
import io.emkit.core.family.Kernel;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Emissions from any {@link Family}: state s emits from component s of the family's set. The HMM's
 * E-step feeds the family's kernel the observations of each sequence in blocks of steps, with the
 * state posteriors as weights, exactly as a mixture feeds it rows with responsibilities.
 *
 * @param <C> the family's component-set type
 * @param <A> the family's accumulator type
 */
public class FamilyEmission<C, A extends Accumulator<A>> implements Emission {

    private final Family<C, A> family;
    private final C components;
    private final int states;
    private final int dimension;

    /**
     * Emissions of a family's component set, one component per state.
     *
     * @param family the family. Not null.
     * @param components the S components. Not null.
     */
    protected FamilyEmission(Family<C, A> family, C components) {
        this.family = Objects.requireNonNull(family, "family");
        this.components = Objects.requireNonNull(components, "components");
        this.states = family.components(components);
        this.dimension = family.dimension(components);
    }

    /**
     * Emissions of a family's component set, one component per state.
     *
     * @param family the family. Not null.
     * @param components the S components. Not null.
     * @param <C> component-set type
     * @param <A> accumulator type
     * @return the emissions
     */
    public static <C, A extends Accumulator<A>> FamilyEmission<C, A> of(Family<C, A> family, C components) {
        return new FamilyEmission<>(family, components);
    }

    /**
     * The same kind of emission with other components (subclasses return their own type).
     *
     * @param next the new components
     * @return the emissions
     */
    protected FamilyEmission<C, A> with(C next) {
        return new FamilyEmission<>(family, next);
    }

    /** @return the family */
    public Family<C, A> family() {
        return family;
    }

    /** @return the components, one per state */
    public C components() {
        return components;
    }

    @Override
    public int states() {
        return states;
    }

    /** @return the dimension of one observation */
    public int dimension() {
        return dimension;
    }

    @Override
    public int parameterCount() {
        return Math.toIntExact(family.parameterCount(components));
    }

    @Override
    public void checkCompatible(Sequences data) {
        checkArgument(data.observationDimension() == dimension,
                "the data's observations have dimension %s but the %s emissions have %s",
                data.observationDimension(), family.name(), dimension);
        validateValues(family, data);
        checkArgument(data.partlyMissingSteps() == 0 || components instanceof io.emkit.gmm.GaussianComponents,
                "the data hold %s partly missing steps (some coordinates NaN), which only gaussian emissions can"
                        + " use; %s emissions take only wholly missing steps", data.partlyMissingSteps(),
                family.name());
    }

    @Override
    public void logDensities(Sequences data, int sequence, double[] out) {
        logDensities(family.kernel(components), data, sequence, out);
    }

    /** out[s·T + t] = log b_s(o_t) through a kernel, in blocks of steps. */
    void logDensities(Kernel<A> kernel, Sequences data, int sequence, double[] out) {
        double[] x = data.observations(sequence);
        int length = data.length(sequence);
        for (int t = 0; t < length; t += Family.BLOCK_ROWS) {
            int nb = Math.min(Family.BLOCK_ROWS, length - t);
            kernel.logDensities(x, t * dimension, nb, out, t, length);
        }
        markMissing(data.missingMask(sequence), out, states, length, 0.0);
        boolean[] partial = data.partialMask(sequence);
        if (partial != null) {
            // a partly missing step: the observed marginal of each state's Gaussian
            io.emkit.gmm.PartlyObservedGaussians marginal = partlyObserved();
            double[] raw = data.rawValues(sequence);
            for (int t = 0; t < length; t++) {
                if (partial[t]) {
                    for (int s = 0; s < states; s++) {
                        out[s * length + t] = marginal.logDensity(s, raw, t * dimension);
                    }
                }
            }
        }
    }

    /** The partly-observed view of these components (Gaussian emissions only; see checkCompatible). */
    io.emkit.gmm.PartlyObservedGaussians partlyObserved() {
        checkArgument(components instanceof io.emkit.gmm.GaussianComponents,
                "partly missing steps need gaussian emissions, not %s", family.name());
        return io.emkit.gmm.PartlyObservedGaussians.of((io.emkit.gmm.GaussianComponents) components);
    }

    /**
     * The family's check of every observation ({@link Family#validate}), naming the first bad one. Symbol
     * sequences hold integers {@code >= 0} by construction, so for the categorical family their largest
     * symbol settles it without a pass over the values.
     */
    static void validateValues(Family<?, ?> family, Sequences data) {
        if (data.isCategorical() && family instanceof io.emkit.discrete.CategoricalFamily c
                && data.maxSymbol() < c.symbols()) {
            return;
        }
        for (int r = 0; r < data.size(); r++) {
            family.validate(data.observations(r), data.length(r), data.observationDimension(), "sequences[" + r + "]",
                    0);
        }
    }

    /** A wholly missing step emits with probability 1: {@code out[s·T + t] = value} (0 in log space, 1 shifted). */
    static void markMissing(boolean[] mask, double[] out, int states, int length, double value) {
        if (mask == null) {
            return;
        }
        for (int t = 0; t < length; t++) {
            if (mask[t]) {
                for (int s = 0; s < states; s++) {
                    out[s * length + t] = value;
                }
            }
        }
    }

    /** Statistics for one chunk: the family's kernel fed with state posteriors. */
    EmissionStatistics newStatistics() {
        return new Statistics<>(family.kernel(components), dimension, states, this);
    }

    /** The merged accumulator of statistics made by {@link #newStatistics}. */
    @SuppressWarnings("unchecked")
    static <A extends Accumulator<A>> A merged(EmissionStatistics total) {
        return ((Statistics<A>) total).result();
    }

    @Override
    public Sequences sample(int[] path, RandomGenerator random) {
        double[][][] out = new double[1][path.length][dimension];
        for (int t = 0; t < path.length; t++) {
            family.sample(components, path[t], random, out[0][t], 0);
        }
        return Sequences.ofVectors(out);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FamilyEmission<?, ?> e && e.family.equals(family) && e.components.equals(components);
    }

    @Override
    public int hashCode() {
        return components.hashCode();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + family.name() + ", " + states + " states, " + components + "]";
    }

    /** A chunk's emission statistics: accumulating through the kernel, then its merged result. */
    static final class Statistics<A extends Accumulator<A>> implements EmissionStatistics {
        private transient Kernel<A> kernel; // null once finished: only the result is serialised
        private A total;
        private final int dimension;
        private final int states;
        private transient double[] weights = new double[0]; // S × BLOCK_ROWS, state-major
        private transient FamilyEmission<?, A> emission; // for partly missing steps; null once finished
        private transient io.emkit.gmm.PartlyObservedGaussians.Sums partialSums; // lazily, Gaussian only

        Statistics(Kernel<A> kernel, int dimension, int states, FamilyEmission<?, A> emission) {
            this.kernel = kernel;
            this.dimension = dimension;
            this.states = states;
            this.emission = emission;
        }

        @Override
        public void add(Sequences data, int sequence, double[] posteriors, double weight) {
            checkArgument(kernel != null, "statistics already merged");
            int length = data.length(sequence);
            final int bs = Family.BLOCK_ROWS;
            if (weights.length < states * bs) {
                weights = new double[states * bs];
            }
            boolean[] mask = data.missingMask(sequence);
            boolean[] partial = data.partialMask(sequence);
            if (partial != null) {
                addPartlyMissing(data, sequence, posteriors, weight, partial);
            }
            double[] x = data.observations(sequence);
            for (int t = 0; t < length; t += bs) {
                int nb = Math.min(bs, length - t);
                blockWeights(posteriors, t, nb, states, weight, mask, partial, weights);
                kernel.accumulate(x, t * dimension, nb, weights, 0, bs);
            }
        }

        /**
         * Steps {@code t .. t + nb - 1} of the step-major T × S posteriors, times {@code weight}, as the
         * state-major S × {@value Family#BLOCK_ROWS} block the kernel takes; 0 for a missing step (nothing to
         * learn from it) and a partly missing one (added by {@link #addPartlyMissing}). A method of its own,
         * so that the loop over a sequence's blocks is not compiled mid-loop with the kernel inlined into it.
         */
        private static void blockWeights(double[] posteriors, int t, int nb, int states, double weight,
                boolean[] mask, boolean[] partial, double[] out) {
            final int bs = Family.BLOCK_ROWS;
            for (int i = 0; i < nb; i++) {
                boolean missing = (mask != null && mask[t + i]) || (partial != null && partial[t + i]);
                for (int s = 0; s < states; s++) {
                    out[s * bs + i] = missing ? 0.0 : weight * posteriors[(t + i) * states + s];
                }
            }
        }

        private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
            result();
            out.defaultWriteObject();
        }

        /** Expected sufficient statistics of the partly missing steps, per state, weighted by its posterior. */
        private void addPartlyMissing(Sequences data, int sequence, double[] posteriors, double weight,
                boolean[] partial) {
            if (partialSums == null) {
                partialSums = emission.partlyObserved().newSums();
            }
            double[] raw = data.rawValues(sequence);
            for (int t = 0; t < partial.length; t++) {
                if (partial[t]) {
                    for (int s = 0; s < states; s++) {
                        partialSums.add(s, raw, t * dimension, weight * posteriors[t * states + s]);
                    }
                }
            }
        }

        @SuppressWarnings("unchecked")
        A result() {
            if (kernel != null) {
                total = kernel.finish();
                if (partialSums != null) {
                    total.merge((A) partialSums.toAccumulator());
                }
                kernel = null;
                weights = null;
                emission = null;
                partialSums = null;
            }
            return total;
        }

        @Override
        @SuppressWarnings("unchecked")
        public EmissionStatistics merge(EmissionStatistics other) {
            checkArgument(other instanceof Statistics, "cannot merge %s into family statistics", other);
            result().merge(((Statistics<A>) other).result());
            return this;
        }

        @Override
        public EmissionStatistics scale(double factor) {
            result().scale(factor);
            return this;
        }

        @Override
        public EmissionStatistics copy() {
            Statistics<A> out = new Statistics<>(null, dimension, states, null);
            A merged = result();
            out.total = merged.emptyCopy().merge(merged);
            out.weights = null;
            return out;
        }
    }
}
