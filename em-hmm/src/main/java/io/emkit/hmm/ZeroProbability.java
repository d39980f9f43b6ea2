package io.emkit.hmm;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a sequence has probability zero under a model: the first step {@code t} at which no state path
 * can explain the observations {@code o_0 .. o_t}, and what closes every path there.
 *
 * <p>The search runs in log space over the set of reachable states, {@code R_0 = {j : pi_j > 0,
 * b_j(o_0) > 0}} and {@code R_t = {j : a_ij > 0 for some i in R_{t-1}, b_j(o_t) > 0}}; the answer is
 * the first {@code t} with {@code R_t} empty. A sequence whose every step is possible can still have a
 * probability below the smallest double ({@code log P} overflows to {@code -Infinity} after millions
 * of steps of tiny densities); then the step is the first at which the running sum of the per-step
 * largest log-density becomes {@code -Infinity}.
 *
 * @param sequence the sequence index in its {@link Sequences}
 * @param step the 0-based step at which the probability becomes zero
 * @param cause what closes every path at that step
 * @param reason a human-readable account of the cause, naming the observation and states
 */
public record ZeroProbability(int sequence, int step, Cause cause, String reason) {

    /** What makes a step impossible. */
    public enum Cause {
        /** The observation has zero emission probability (or density) under every state. */
        EMISSION,
        /** Some state can emit the first observation, but every such state has start probability 0. */
        START,
        /** Some state can emit the observation, but none of them can be entered from the previous step's possible states. */
        TRANSITION,
        /** Every step is possible, but the probability underflows the double range. */
        UNDERFLOW
    }

    /**
     * Validates the fields.
     *
     * @param sequence the sequence index, {@code >= 0}
     * @param step the step, {@code >= 0}
     * @param cause the cause. Not null.
     * @param reason the account. Not null.
     * @throws IllegalArgumentException if an index is negative
     */
    public ZeroProbability {
        checkArgument(sequence >= 0, "sequence (%s) must be >= 0", sequence);
        checkArgument(step >= 0, "step (%s) must be >= 0", step);
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * One line naming the sequence (by index), the step and the reason, for example {@code "sequence 1
     * has probability zero under the model: at step 4, symbol 2 has emission probability 0 in every
     * state"}.
     *
     * @return the message
     */
    public String message() {
        return message("sequence " + sequence);
    }

    /**
     * The same line with the sequence named by the caller (say, by its id in a file).
     *
     * @param name how to name the sequence, e.g. {@code "sequence \"s7\""}
     * @return the message
     */
    public String message(String name) {
        return name + " has probability zero under the model: at step " + step + ", " + reason;
    }

    /**
     * Finds why sequence {@code r} of {@code data} is impossible under {@code parameters}, if it is.
     * Costs {@code O(S² T)} time and {@code S T} doubles: meant for the error path.
     */
    static Optional<ZeroProbability> find(HmmParameters parameters, Sequences data, int r) {
        int s = parameters.states();
        int length = data.length(r);
        double[] logB = new double[Math.multiplyExact(s, length)];
        parameters.emission().logDensities(data, r, logB);
        double[] start = parameters.startProbabilities().toArray();
        double[] a = parameters.transitions().raw();
        boolean[] reachable = new boolean[s];
        boolean[] next = new boolean[s];
        double shift = 0; // Σ_t max_j log b_j(o_t): log P(O) is below it
        int overflowStep = -1;
        for (int t = 0; t < length; t++) {
            boolean anyEmits = false;
            boolean any = false;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < s; j++) {
                double logDensity = logB[j * length + t];
                boolean emits = logDensity > Double.NEGATIVE_INFINITY;
                anyEmits |= emits;
                max = Math.max(max, logDensity);
                boolean enters = false;
                if (t == 0) {
                    enters = start[j] > 0;
                } else {
                    for (int i = 0; i < s && !enters; i++) {
                        enters = reachable[i] && a[i * s + j] > 0;
                    }
                }
                next[j] = enters && emits;
                any |= next[j];
            }
            if (!any) {
                return Optional.of(impossible(parameters, data, r, t, anyEmits, logB, length));
            }
            shift += max;
            if (overflowStep < 0 && shift == Double.NEGATIVE_INFINITY) {
                overflowStep = t;
            }
            boolean[] swap = reachable;
            reachable = next;
            next = swap;
        }
        if (overflowStep >= 0) {
            return Optional.of(new ZeroProbability(r, overflowStep, Cause.UNDERFLOW,
                    "the log-probability of the steps so far falls below the double range (-Infinity);"
                            + " split the sequence into shorter ones"));
        }
        return Optional.empty();
    }

    private static ZeroProbability impossible(HmmParameters parameters, Sequences data, int r, int t,
            boolean anyEmits, double[] logB, int length) {
        String observation = observation(data, r, t);
        if (!anyEmits) {
            String reason = data.isCategorical()
                    ? observation + " has emission probability 0 in every state"
                    : observation + " has emission density 0 in every state (its log-density underflows to"
                            + " -Infinity: it lies too far from every state's distribution)";
            return new ZeroProbability(r, t, Cause.EMISSION, reason);
        }
        List<Integer> emitting = new ArrayList<>();
        for (int j = 0; j < parameters.states(); j++) {
            if (logB[j * length + t] > Double.NEGATIVE_INFINITY) {
                emitting.add(j);
            }
        }
        if (t == 0) {
            return new ZeroProbability(r, t, Cause.START, observation + " can be emitted only by state(s) "
                    + emitting + ", whose start probability is 0");
        }
        return new ZeroProbability(r, t, Cause.TRANSITION, observation + " can be emitted only by state(s) "
                + emitting + ", which no state possible at step " + (t - 1) + " can move to (transition"
                + " probability 0)");
    }

    private static String observation(Sequences data, int r, int t) {
        if (data.isCategorical()) {
            return "symbol " + data.symbol(r, t);
        }
        int d = data.dimension();
        double[] x = new double[d];
        for (int j = 0; j < d; j++) {
            x[j] = data.value(r, t, j);
        }
        return "observation " + Arrays.toString(x);
    }
}
