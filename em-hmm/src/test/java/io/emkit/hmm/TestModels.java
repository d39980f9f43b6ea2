package io.emkit.hmm;

import io.emkit.core.numeric.Matrix;
import io.emkit.gmm.Gaussian;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded models and data shared by the tests. */
final class TestModels {

    private TestModels() {}

    /** Durbin et al.'s occasionally dishonest casino: fair die, loaded die (6 with prob 1/2). */
    static HmmParameters casino() {
        double f = 1.0 / 6;
        double l = 0.1;
        return HmmParameters.of(new double[] {0.5, 0.5}, new double[][] {{0.95, 0.05}, {0.10, 0.90}},
                CategoricalEmission.of(new double[][] {{f, f, f, f, f, f}, {l, l, l, l, l, 0.5}}));
    }

    /** Three well-separated 1-D Gaussian states. */
    static HmmParameters gaussian3() {
        return HmmParameters.of(new double[] {0.6, 0.3, 0.1},
                new double[][] {{0.90, 0.05, 0.05}, {0.10, 0.80, 0.10}, {0.05, 0.15, 0.80}},
                GaussianEmission.of(List.of(
                        Gaussian.of(new double[] {-2}, Matrix.of(new double[][] {{0.5}})),
                        Gaussian.of(new double[] {0}, Matrix.of(new double[][] {{1.0}})),
                        Gaussian.of(new double[] {3}, Matrix.of(new double[][] {{0.8}})))));
    }

    /** Two 2-D Gaussian states. */
    static HmmParameters gaussian2d() {
        return HmmParameters.of(new double[] {0.5, 0.5}, new double[][] {{0.9, 0.1}, {0.2, 0.8}},
                GaussianEmission.of(List.of(
                        Gaussian.of(new double[] {0, 0}, Matrix.of(new double[][] {{1, 0.3}, {0.3, 1}})),
                        Gaussian.of(new double[] {3, 1}, Matrix.of(new double[][] {{0.5, 0}, {0, 2}})))));
    }

    /** Sequences with their hidden states. */
    record Sample(Sequences data, int[][] states) {}

    /** {@code count} sequences of lengths drawn in [minLength, maxLength]. */
    static Sample sample(HmmParameters params, int count, int minLength, int maxLength, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        FittedHmm model = FittedHmm.of(params);
        int[][] states = new int[count][];
        int[][] symbols = new int[count][];
        double[][][] vectors = new double[count][][];
        boolean categorical = params.emission() instanceof CategoricalEmission;
        for (int r = 0; r < count; r++) {
            int length = minLength + random.nextInt(maxLength - minLength + 1);
            FittedHmm.SampledSequence s = model.sample(length, random);
            states[r] = s.states().toArray();
            if (categorical) {
                symbols[r] = s.observations().symbols(0);
            } else {
                int d = s.observations().dimension();
                double[] flat = s.observations().values(0);
                vectors[r] = new double[length][d];
                for (int t = 0; t < length; t++) {
                    System.arraycopy(flat, t * d, vectors[r][t], 0, d);
                }
            }
        }
        return new Sample(categorical ? Sequences.ofSymbols(symbols) : Sequences.ofVectors(vectors), states);
    }
    /** n probabilities drawn as 0.2 + U(0, 1), normalised: no state or symbol is near zero. */
    static double[] randomProbabilities(java.util.SplittableRandom random, int n) {
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = 0.2 + random.nextDouble();
        }
        return renormalised(p);
    }

    /** p divided by its sum (a copy). */
    static double[] renormalised(double[] p) {
        double sum = 0;
        for (double v : p) {
            sum += v;
        }
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i] / sum;
        }
        return out;
    }
}
