package io.emkit.hmm;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.primitives.ImmutableIntArray;
import io.emkit.core.Criteria;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * An immutable fitted hidden Markov model answering questions about sequences: log-likelihood
 * (forward algorithm), Viterbi decoding, per-step state posteriors, sampling, BIC and AIC.
 *
 * <p>Every query validates the data against the emission ({@link Emission#checkCompatible}) and
 * allocates its workspaces per call, so an instance is thread-safe.
 */
public final class FittedHmm {

    private final HmmParameters parameters;
    private final int parameterCount;

    FittedHmm(HmmParameters parameters, int parameterCount) {
        this.parameters = parameters;
        this.parameterCount = parameterCount;
    }

    /**
     * A fitted model for given parameters, counting every part (start, transitions, emissions) as
     * free; use {@link BaumWelch#fitted} to count only re-estimated parts.
     *
     * @param parameters the parameters
     * @return the model
     */
    public static FittedHmm of(HmmParameters parameters) {
        Objects.requireNonNull(parameters, "parameters");
        return new FittedHmm(parameters, BaumWelch.countParameters(parameters, EnumSet.allOf(HmmPart.class)));
    }

    /**
     * The parameters.
     *
     * @return the (immutable) parameters
     */
    public HmmParameters parameters() {
        return parameters;
    }

    /**
     * The number of states.
     *
     * @return {@code S}
     */
    public int states() {
        return parameters.states();
    }

    /**
     * The number of free parameters used by {@link #bic} and {@link #aic}.
     *
     * @return the count
     */
    public int parameterCount() {
        return parameterCount;
    }

    /**
     * Total log-likelihood {@code sum_r w_r log P(O_r)} (natural log, weighted by the sequence
     * weights) by the scaled forward algorithm.
     *
     * @param data the sequences. Not modified.
     * @return the total, {@code -Infinity} if some sequence is impossible
     * @throws IllegalArgumentException if the data do not suit the emission
     */
    public double logLikelihood(Sequences data) {
        double[] each = logLikelihoods(data);
        double total = 0;
        for (int r = 0; r < each.length; r++) {
            total += data.weight(r) * each[r];
        }
        return total;
    }

    /**
     * The log-likelihood {@code log P(O_r)} of each sequence (unweighted).
     *
     * @param data the sequences. Not modified.
     * @return one value per sequence, {@code -Infinity} for a sequence of probability zero (see
     *     {@link #zeroProbability} for the step and the cause)
     * @throws IllegalArgumentException if the data do not suit the emission
     */
    public double[] logLikelihoods(Sequences data) {
        check(data);
        ForwardBackward kernel = new ForwardBackward(states(), data.maxLength());
        double[] start = parameters.startProbabilities().toArray();
        double[] out = new double[data.size()];
        for (int r = 0; r < out.length; r++) {
            out[r] = kernel.run(start, parameters.transitions().raw(), parameters.emission(), data, r, false);
        }
        return out;
    }

    /**
     * The most probable state path of every sequence (Viterbi, log space, {@code -Infinity} for a
     * transition or emission of probability 0).
     *
     * @param data the sequences. Not modified.
     * @return one path per sequence
     * @throws IllegalArgumentException if the data do not suit the emission, or some sequence has
     *     probability zero under the model: the message names the first such sequence, the step at
     *     which every path becomes impossible and why ({@link #zeroProbability})
     */
    public List<ViterbiPath> decode(Sequences data) {
        check(data);
        Viterbi viterbi = new Viterbi(parameters, data.maxLength());
        int[] path = new int[data.maxLength()];
        List<ViterbiPath> out = new ArrayList<>(data.size());
        for (int r = 0; r < data.size(); r++) {
            out.add(decode(viterbi, data, r, path));
        }
        return out;
    }

    /**
     * The most probable state path of one sequence, as {@link #decode(Sequences)} finds it.
     *
     * @param data the sequences. Not modified.
     * @param sequence the sequence index
     * @return its path
     * @throws IllegalArgumentException as for {@link #decode(Sequences)}
     * @throws IndexOutOfBoundsException if {@code sequence} is not in {@code [0, data.size())}
     */
    public ViterbiPath decode(Sequences data, int sequence) {
        check(data);
        Objects.checkIndex(sequence, data.size());
        int length = data.length(sequence);
        return decode(new Viterbi(parameters, length), data, sequence, new int[length]);
    }

    private ViterbiPath decode(Viterbi viterbi, Sequences data, int r, int[] path) {
        double logProbability = viterbi.decode(parameters.emission(), data, r, path);
        if (!(logProbability > Double.NEGATIVE_INFINITY)) {
            throw new IllegalArgumentException(zeroMessage(data, r));
        }
        return new ViterbiPath(ImmutableIntArray.copyOf(java.util.Arrays.copyOf(path, data.length(r))),
                logProbability);
    }

    /**
     * Why sequence {@code sequence} has probability zero under the model: the first step at which
     * every state path becomes impossible and the cause (an observation no state emits, a start or
     * transition probability of 0, or a probability below the double range). Empty when the sequence
     * is possible. Costs {@code O(S² T)} time and {@code S T} doubles.
     *
     * @param data the sequences. Not modified.
     * @param sequence the sequence index
     * @return the reason, or empty
     * @throws IllegalArgumentException if the data do not suit the emission
     * @throws IndexOutOfBoundsException if {@code sequence} is not in {@code [0, data.size())}
     */
    public java.util.Optional<ZeroProbability> zeroProbability(Sequences data, int sequence) {
        check(data);
        Objects.checkIndex(sequence, data.size());
        return ZeroProbability.find(parameters, data, sequence);
    }

    /** The message for a sequence a kernel found impossible (index relative to {@code data}). */
    private String zeroMessage(Sequences data, int r) {
        return ZeroProbability.find(parameters, data, r).map(ZeroProbability::message)
                .orElse("sequence " + r + " has probability zero under the model");
    }

    /**
     * The state posteriors {@code P(state_t = s | O_r)} of one sequence.
     *
     * @param data the sequences. Not modified.
     * @param sequence the sequence index
     * @return a new {@code T x S} array whose rows sum to 1
     * @throws IllegalArgumentException if the data do not suit the emission, or the sequence is
     *     impossible under the model (zero likelihood): the message names the sequence, the step and
     *     the cause, as {@link #zeroProbability} finds them
     */
    public double[][] posteriors(Sequences data, int sequence) {
        check(data);
        Objects.checkIndex(sequence, data.size());
        Sequences one = data.range(sequence, sequence + 1);
        ForwardBackward kernel = new ForwardBackward(states(), one.maxLength());
        double logLikelihood = kernel.run(parameters.startProbabilities().toArray(),
                parameters.transitions().raw(), parameters.emission(), one, 0, true);
        if (!(logLikelihood > Double.NEGATIVE_INFINITY)) {
            throw new IllegalArgumentException(ZeroProbability.find(parameters, one, 0)
                    .map(zero -> new ZeroProbability(sequence, zero.step(), zero.cause(), zero.reason()).message())
                    .orElse("sequence " + sequence + " has probability zero under the model"));
        }
        int s = states();
        double[] gamma = kernel.posteriors();
        double[][] out = new double[one.length(0)][];
        for (int t = 0; t < out.length; t++) {
            out[t] = java.util.Arrays.copyOfRange(gamma, t * s, (t + 1) * s);
        }
        return out;
    }

    /** Steps per block of {@link #sample(long, RandomGenerator, Consumer)}. */
    public static final int SAMPLE_BLOCK = 4096;

    /**
     * Samples a state path and its observations. Equal to concatenating the blocks of
     * {@link #sample(long, RandomGenerator, Consumer)} with the same random source.
     *
     * @param length the number of steps, {@code >= 1}
     * @param random the random source (seed it for reproducibility)
     * @return the states and a one-sequence {@link Sequences} of observations
     * @throws IllegalArgumentException if {@code length < 1}
     */
    public SampledSequence sample(int length, RandomGenerator random) {
        checkArgument(length >= 1, "length (%s) must be >= 1", length);
        List<SampledSequence> blocks = new java.util.ArrayList<>();
        sample(length, random, blocks::add);
        if (blocks.size() == 1) {
            return blocks.get(0);
        }
        int[] path = new int[length];
        Sequences first = blocks.get(0).observations();
        int d = first.isCategorical() ? 1 : first.dimension();
        int[] symbols = first.isCategorical() ? new int[length] : null;
        double[] values = first.isCategorical() ? null : new double[Math.multiplyExact(length, d)];
        int at = 0;
        for (SampledSequence block : blocks) {
            int[] states = block.states().toArray();
            System.arraycopy(states, 0, path, at, states.length);
            if (symbols != null) {
                System.arraycopy(block.observations().symbols(0), 0, symbols, at, states.length);
            } else {
                System.arraycopy(block.observations().values(0), 0, values, at * d, states.length * d);
            }
            at += states.length;
        }
        return new SampledSequence(ImmutableIntArray.copyOf(path), symbols != null
                ? Sequences.ofSymbols(new int[][] {symbols}) : Sequences.ofRowMajor(new double[][] {values}, d));
    }

    /**
     * Samples a state path and its observations block by block, holding one block at a time, so that a
     * path of any length can be written as it is drawn: each block draws the next {@value #SAMPLE_BLOCK}
     * states (the last block fewer) of the chain, then their observations.
     *
     * @param length the number of steps, {@code >= 1}
     * @param random the random source (seed it for reproducibility)
     * @param blocks called with each block in order: its states and a one-sequence {@link Sequences} of
     *     their observations
     * @throws IllegalArgumentException if {@code length < 1}
     */
    public void sample(long length, RandomGenerator random, Consumer<? super SampledSequence> blocks) {
        checkArgument(length >= 1, "length (%s) must be >= 1", length);
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(blocks, "blocks");
        int s = states();
        double[] start = parameters.startProbabilities().toArray();
        double[] transitions = parameters.transitions().raw();
        int previous = -1;
        for (long from = 0; from < length; from += SAMPLE_BLOCK) {
            int size = (int) Math.min(SAMPLE_BLOCK, length - from);
            int[] path = new int[size];
            for (int t = 0; t < size; t++) {
                path[t] = previous < 0 ? CategoricalEmission.draw(start, 0, s, random)
                        : CategoricalEmission.draw(transitions, previous * s, s, random);
                previous = path[t];
            }
            blocks.accept(new SampledSequence(ImmutableIntArray.copyOf(path), parameters.emission().sample(path, random)));
        }
    }

    /**
     * Bayesian information criterion {@code -2 log L + p log n}, with {@code n} the weighted
     * number of steps {@code sum_r w_r T_r} and {@code p = parameterCount()}. Lower is better.
     *
     * @param data the sequences
     * @return the BIC
     */
    public double bic(Sequences data) {
        return Criteria.bic(logLikelihood(data), parameterCount, weightedSteps(data));
    }

    /**
     * Akaike information criterion {@code -2 log L + 2 p}. Lower is better.
     *
     * @param data the sequences
     * @return the AIC
     */
    public double aic(Sequences data) {
        return Criteria.aic(logLikelihood(data), parameterCount);
    }

    static double weightedSteps(Sequences data) {
        double n = 0;
        for (int r = 0; r < data.size(); r++) {
            n += data.weight(r) * data.length(r);
        }
        return n;
    }

    private void check(Sequences data) {
        Objects.requireNonNull(data, "data");
        parameters.emission().checkCompatible(data);
    }

    @Override
    public String toString() {
        return "FittedHmm[" + parameters + "]";
    }

    /**
     * A Viterbi path.
     *
     * @param states the most probable state of each step
     * @param logProbability {@code log P(path, O)} including start, transitions and emissions
     */
    public record ViterbiPath(ImmutableIntArray states, double logProbability) {
        /**
         * Checks for null.
         *
         * @param states the most probable state of each step
         * @param logProbability {@code log P(path, O)} including start, transitions and emissions
         */
        public ViterbiPath {
            Objects.requireNonNull(states, "states");
        }
    }

    /**
     * A sampled sequence.
     *
     * @param states the hidden states
     * @param observations one sequence of observations, same length
     */
    public record SampledSequence(ImmutableIntArray states, Sequences observations) {
        /**
         * Checks for null.
         *
         * @param states the hidden states
         * @param observations one sequence of observations, same length
         */
        public SampledSequence {
            Objects.requireNonNull(states, "states");
            Objects.requireNonNull(observations, "observations");
        }
    }
}
