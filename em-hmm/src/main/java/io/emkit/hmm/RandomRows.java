package io.emkit.hmm;

import java.util.random.RandomGenerator;

/** Seeded random stochastic rows for initialisation. */
final class RandomRows {

    private RandomRows() {}

    /**
     * {@code rows x columns} row-major stochastic matrix with entries uniform in (0.5, 1.5) before
     * normalisation (no entry far from uniform, so no state starts starved); entries where
     * {@code allowed} is false are exactly 0.
     *
     * @param allowed row-major mask or null (all allowed); every row must allow some entry
     */
    static double[] draw(int rows, int columns, boolean[] allowed, RandomGenerator random) {
        double[] out = new double[rows * columns];
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            for (int j = 0; j < columns; j++) {
                int index = i * columns + j;
                double u = 0.5 + random.nextDouble();
                if (allowed == null || allowed[index]) {
                    out[index] = u;
                    sum += u;
                }
            }
            for (int j = 0; j < columns; j++) {
                out[i * columns + j] /= sum;
            }
        }
        return out;
    }
}
