package io.emkit.hmm;

import java.util.Arrays;

/**
 * Viterbi decoding in log space (Rabiner 1989, section III.B): {@code delta_t(j) = max_i
 * (delta_{t-1}(i) + log a_ij) + log b_j(o_t)} with back-pointers, ties broken towards the lower
 * state index. Workspaces are sized once for the longest sequence. Not thread-safe.
 */
final class Viterbi {

    private final int states;
    private final double[] logDensities; // state-major S x T
    private final int[] backPointers;     // time-major T x S
    private final double[] delta;
    private final double[] deltaNext;
    private final double[] logStart;
    private final double[] logTransitions;

    Viterbi(HmmParameters params, int maxLength) {
        this.states = params.states();
        this.logDensities = new double[states * maxLength];
        this.backPointers = new int[maxLength * states];
        this.delta = new double[states];
        this.deltaNext = new double[states];
        this.logStart = new double[states];
        this.logTransitions = new double[states * states];
        for (int i = 0; i < states; i++) {
            logStart[i] = Math.log(params.startProbabilities().get(i));
        }
        double[] a = params.transitions().raw();
        for (int i = 0; i < a.length; i++) {
            logTransitions[i] = Math.log(a[i]);
        }
    }

    /**
     * Decodes sequence {@code r}: writes the path into {@code path} (length {@code >= T}) and
     * returns {@code log P(path, O)}, or {@code -Infinity} when every path is impossible (the path
     * is then all zeros).
     */
    double decode(Emission emission, Sequences data, int r, int[] path) {
        final int s = states;
        final int length = data.length(r);
        final double[] lb = logDensities;
        emission.logDensities(data, r, lb);
        for (int i = 0; i < s; i++) {
            delta[i] = logStart[i] + lb[i * length];
        }
        for (int t = 1; t < length; t++) {
            int pointers = t * s;
            for (int j = 0; j < s; j++) {
                double best = Double.NEGATIVE_INFINITY;
                int argBest = 0;
                for (int i = 0; i < s; i++) {
                    double v = delta[i] + logTransitions[i * s + j];
                    if (v > best) {
                        best = v;
                        argBest = i;
                    }
                }
                backPointers[pointers + j] = argBest;
                deltaNext[j] = best + lb[j * length + t];
            }
            System.arraycopy(deltaNext, 0, delta, 0, s);
        }
        double best = Double.NEGATIVE_INFINITY;
        int state = 0;
        for (int i = 0; i < s; i++) {
            if (delta[i] > best) {
                best = delta[i];
                state = i;
            }
        }
        if (best == Double.NEGATIVE_INFINITY) {
            Arrays.fill(path, 0, length, 0);
            return best;
        }
        path[length - 1] = state;
        for (int t = length - 1; t > 0; t--) {
            state = backPointers[t * s + state];
            path[t - 1] = state;
        }
        return best;
    }
}
