package io.emkit.hmm;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.primitives.ImmutableDoubleArray;
import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.FitWarning;
import io.emkit.core.IterationContext;
import io.emkit.core.LatentModel;
import io.emkit.core.ParameterVector;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Baum-Welch: EM for hidden Markov models, run by the emkit driver {@link Em} with groups of whole
 * sequences as chunks.
 *
 * <p>E-step: scaled forward-backward per sequence (Rabiner 1989) yielding, weighted by the
 * sequence's weight {@code w_r}, the first-step posteriors, the expected transitions
 * {@code sum_t xi_t(i, j)}, the emission family's statistics and {@code w_r log P(O_r)}. M-step:
 * <ul>
 *   <li>{@code pi_i = sum_r w_r gamma^r_0(i) / sum_r w_r};
 *   <li>{@code a_ij = sum xi(i, j) / sum_j' sum xi(i, j')}: a zero transition stays exactly zero,
 *       and a state never left (a 0/0 row) keeps its previous row and is reported as a
 *       {@link FitWarning.ModelWarning};
 *   <li>emissions from {@link EmissionFamily#estimate}.
 * </ul>
 * Each part is re-estimated only when listed in {@link Builder#reestimate}; the others are kept.
 *
 * <p>Chunks hold whole sequences, about {@link io.emkit.core.EmOptions#chunkSize()} steps each (a
 * longer sequence is a chunk of its own), independent of the thread count, so fits are bit-identical
 * at any parallelism. The model is immutable and thread-safe.
 */
public final class BaumWelch implements LatentModel<Sequences, HmmParameters, HmmStatistics>, java.io.Serializable {
    private static final long serialVersionUID = 1L;


    private final int states;
    private final EmissionFamily family;
    private final Set<HmmPart> reestimated;
    private final HmmParameters initialParameters; // null: random / family initialisation
    private final boolean[] allowedTransitions;     // row-major S x S, null: all allowed

    private BaumWelch(Builder builder) {
        this.states = builder.states;
        this.family = builder.family;
        this.reestimated = EnumSet.copyOf(builder.reestimated);
        this.initialParameters = builder.initialParameters;
        this.allowedTransitions = builder.allowedTransitions;
    }

    /**
     * A new builder.
     *
     * @return a builder with no states and no family set
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The number of states.
     *
     * @return {@code S}
     */
    public int states() {
        return states;
    }

    /**
     * The emission family.
     *
     * @return the family
     */
    public EmissionFamily emissionFamily() {
        return family;
    }

    /**
     * The parts re-estimated by each M-step.
     *
     * @return an unmodifiable set
     */
    public Set<HmmPart> reestimated() {
        return java.util.Collections.unmodifiableSet(EnumSet.copyOf(reestimated));
    }

    /**
     * Fits with {@link Em#fit(LatentModel, io.emkit.core.Chunkable, EmOptions)} (restarts from {@link #initialize}).
     *
     * @param data the sequences
     * @param options how to run
     * @return the fit
     * @throws IllegalArgumentException if the data do not suit the emission family
     */
    public EmResult<HmmParameters> fit(Sequences data, EmOptions options) {
        return Em.fit(this, data, options);
    }

    /**
     * The fitted model for parameters found by this model, counting as free parameters only the
     * re-estimated parts.
     *
     * @param parameters the parameters
     * @return an immutable fitted model
     */
    public FittedHmm fitted(HmmParameters parameters) {
        return new FittedHmm(parameters, parameterCount(parameters));
    }

    /**
     * The number of free parameters for BIC/AIC: {@code S - 1} start probabilities, {@code
     * (non-zero entries of row i) - 1} per transition row, and the emission's count, each only if
     * re-estimated.
     *
     * @param parameters the parameters
     * @return the count
     */
    public int parameterCount(HmmParameters parameters) {
        return countParameters(parameters, reestimated);
    }

    static int countParameters(HmmParameters parameters, Set<HmmPart> parts) {
        int count = 0;
        int s = parameters.states();
        if (parts.contains(HmmPart.START)) {
            count += s - 1;
        }
        if (parts.contains(HmmPart.TRANSITIONS)) {
            count += parameters.transitions().nonZeroCount() - s;
        }
        if (parts.contains(HmmPart.EMISSIONS)) {
            count += parameters.emission().parameterCount();
        }
        return count;
    }

    @Override
    public void validate(Sequences data) {
        Objects.requireNonNull(data, "data");
        family.checkCompatible(data);
    }

    @Override
    public HmmStatistics expect(HmmParameters params, Sequences chunk) {
        checkArgument(params.states() == states, "parameters have %s states, the model %s",
                params.states(), states);
        Emission emission = params.emission();
        emission.checkCompatible(chunk);
        HmmStatistics stats = new HmmStatistics(states, family.newStatistics(emission));
        ForwardBackward kernel = new ForwardBackward(states, chunk.maxLength());
        double[] start = params.startProbabilities().toArray();
        double[] transitions = params.transitions().raw();
        for (int r = 0; r < chunk.size(); r++) {
            double w = chunk.weight(r);
            stats.stepWeight += w * chunk.length(r);
            double logLikelihood = kernel.run(start, transitions, emission, chunk, r, true);
            if (logLikelihood == Double.NEGATIVE_INFINITY) {
                stats.logLikelihood = Double.NEGATIVE_INFINITY; // impossible sequence: no statistics
                continue;
            }
            stats.logLikelihood += w * logLikelihood;
            stats.sequenceWeight += w;
            double[] gamma = kernel.posteriors();
            for (int i = 0; i < states; i++) {
                stats.start[i] += w * gamma[i];
            }
            double[] xi = kernel.expectedTransitions();
            for (int i = 0; i < xi.length; i++) {
                stats.transitions[i] += w * xi[i];
            }
            stats.emission.add(chunk, r, gamma, w);
        }
        return stats;
    }

    @Override
    public HmmParameters maximize(HmmStatistics total, HmmParameters previous, IterationContext context) {
        if (!(total.sequenceWeight > 0)) {
            context.warn(new FitWarning.ModelWarning(context.iteration(),
                    "every sequence has zero probability; parameters kept"));
            return previous;
        }
        ImmutableDoubleArray start = previous.startProbabilities();
        if (reestimated.contains(HmmPart.START)) {
            // pi_i = sum_r w_r gamma^r_0(i) / sum_r w_r
            double sum = 0;
            for (double v : total.start) {
                sum += v;
            }
            double[] next = new double[states];
            for (int i = 0; i < states; i++) {
                next[i] = total.start[i] / sum;
            }
            start = ImmutableDoubleArray.copyOf(next);
        }
        TransitionMatrix transitions = previous.transitions();
        if (reestimated.contains(HmmPart.TRANSITIONS)) {
            double[] old = transitions.raw();
            double[] next = new double[states * states];
            for (int i = 0; i < states; i++) {
                int row = i * states;
                double sum = 0;
                for (int j = 0; j < states; j++) {
                    sum += total.transitions[row + j];
                }
                if (sum > 0) {
                    // a_ij = sum_t xi_t(i, j) / sum_t gamma_t(i), t < T - 1
                    for (int j = 0; j < states; j++) {
                        next[row + j] = total.transitions[row + j] / sum;
                    }
                } else {
                    System.arraycopy(old, row, next, row, states);
                    context.warn(new FitWarning.ModelWarning(context.iteration(), "state " + i
                            + " has no expected transitions out of it; its transition row was kept"));
                }
            }
            transitions = TransitionMatrix.wrap(states, next);
        }
        Emission emission = previous.emission();
        if (reestimated.contains(HmmPart.EMISSIONS)) {
            emission = family.estimate(total.emission, emission, context);
        }
        return new HmmParameters(start, transitions, emission);
    }

    /**
     * The given initial parameters if set, otherwise seeded random stochastic start and transition
     * rows (entries uniform in (0.5, 1.5) before normalisation, zero where transitions are not
     * allowed) and the family's initial emissions (random rows for categorical, k-means means for
     * Gaussian).
     */
    @Override
    public HmmParameters initialize(Sequences data, RandomGenerator random) {
        family.checkCompatible(data);
        if (initialParameters != null) {
            initialParameters.emission().checkCompatible(data);
            return initialParameters;
        }
        double[] start = RandomRows.draw(1, states, null, random);
        double[] transitions = RandomRows.draw(states, states, allowedTransitions, random);
        Emission emission = family.initialize(data, states, random);
        return new HmmParameters(ImmutableDoubleArray.copyOf(start),
                TransitionMatrix.wrap(states, transitions), emission);
    }

    /** {@code false} when the emission family regularises its M-step (Gaussian regCovar > 0). */
    @Override
    public boolean guaranteesMonotoneLikelihood() {
        return !family.isRegularised();
    }

    /**
     * The re-estimated parts as a flat vector for {@link io.emkit.core.Acceleration#SQUAREM}: start
     * probabilities and transition rows as log-ratios (structural zeros stay zero), emissions by
     * their family's {@link io.emkit.core.family.VectorFamily} coordinates (categorical log-ratios,
     * Gaussian Cholesky factors, Poisson log rates). Emissions of a family without coordinates take
     * plain EM steps.
     *
     * @return the mapping
     */
    @Override
    public Optional<ParameterVector<HmmParameters>> parameterVector() {
        return Optional.of(new HmmVector(reestimated));
    }

    /** Builder of {@link BaumWelch}; validation happens in {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private int states;
        private EmissionFamily family;
        private Set<HmmPart> reestimated = EnumSet.allOf(HmmPart.class);
        private HmmParameters initialParameters;
        private boolean[] allowedTransitions;

        private Builder() {}

        /**
         * Sets the number of hidden states (required).
         *
         * @param value {@code S >= 1}
         * @return this builder
         */
        public Builder states(int value) {
            this.states = value;
            return this;
        }

        /**
         * Sets the emission family (required), e.g. {@link EmissionFamily#categorical(int)} or
         * {@link EmissionFamily#gaussian(io.emkit.gmm.CovarianceType, double)} (which carries
         * {@code regCovar}).
         *
         * @param value the family
         * @return this builder
         */
        public Builder emission(EmissionFamily value) {
            this.family = Objects.requireNonNull(value, "emission");
            return this;
        }

        /**
         * Sets which parts the M-step re-estimates; the others keep their initial values.
         * Default: all three.
         *
         * @param parts the parts (may be empty: then EM only scores the initial parameters)
         * @return this builder
         */
        public Builder reestimate(HmmPart... parts) {
            EnumSet<HmmPart> set = EnumSet.noneOf(HmmPart.class);
            for (HmmPart part : parts) {
                set.add(Objects.requireNonNull(part, "part"));
            }
            this.reestimated = set;
            return this;
        }

        /**
         * Uses given starting parameters instead of a random initialisation (every restart then
         * starts from them).
         *
         * @param value parameters with {@code S} states
         * @return this builder
         */
        public Builder initialParameters(HmmParameters value) {
            this.initialParameters = Objects.requireNonNull(value, "initialParameters");
            return this;
        }

        /**
         * Restricts the random initial transition matrix to allowed entries (e.g. left-to-right:
         * {@code allowed[i][j] = j >= i}). Disallowed entries start at 0 and, as structural zeros,
         * stay 0. Copied.
         *
         * @param allowed {@code S x S}; every row allows at least one transition
         * @return this builder
         */
        public Builder allowedTransitions(boolean[][] allowed) {
            Objects.requireNonNull(allowed, "allowed");
            boolean[] flat = new boolean[allowed.length * allowed.length];
            for (int i = 0; i < allowed.length; i++) {
                boolean[] row = Objects.requireNonNull(allowed[i], "allowed[" + i + "]");
                checkArgument(row.length == allowed.length, "allowed[%s] has length %s, expected %s",
                        i, row.length, allowed.length);
                boolean any = false;
                for (int j = 0; j < row.length; j++) {
                    flat[i * row.length + j] = row[j];
                    any |= row[j];
                }
                checkArgument(any, "allowed[%s] allows no transition", i);
            }
            this.allowedTransitions = flat;
            return this;
        }

        /**
         * Validates and builds the model.
         *
         * @return the model
         * @throws IllegalArgumentException if {@code states < 1}, the family is missing, the
         *     initial parameters or the transition mask have another number of states
         */
        public BaumWelch build() {
            checkArgument(states >= 1, "states (%s) must be >= 1", states);
            checkArgument(family != null, "an emission family must be set");
            if (initialParameters != null) {
                checkArgument(initialParameters.states() == states,
                        "initialParameters have %s states, expected %s", initialParameters.states(), states);
            }
            if (allowedTransitions != null) {
                checkArgument(allowedTransitions.length == states * states,
                        "allowedTransitions is %s x %s, expected %s x %s",
                        (int) Math.sqrt(allowedTransitions.length), (int) Math.sqrt(allowedTransitions.length),
                        states, states);
            }
            return new BaumWelch(this);
        }
    }
}
