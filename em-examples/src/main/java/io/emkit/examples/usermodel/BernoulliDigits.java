package io.emkit.examples.usermodel;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.mixture.Mixture;
import io.emkit.core.mixture.MixtureParameters;
import io.emkit.examples.data.BundledData;
import io.emkit.examples.data.LabelledData;
import io.emkit.hmm.BaumWelch;
import io.emkit.hmm.EmissionFamily;
import io.emkit.hmm.HmmParameters;
import io.emkit.hmm.Sequences;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Example: the user-written {@link BernoulliFamily} on the bundled 8×8 digits, binarised (a pixel is on
 * when its count, 0..16, is at least 8), first as a 10-component mixture ({@link Mixture}), printing
 * {@code mixture lnL <number>} and each component's mean image as text, its weight and the digit most of
 * its samples are; then as the emissions of an HMM on binary sequences ({@link #hmmPart}).
 *
 * <p>Run: {@code java -cp em-examples/target/em.jar io.emkit.examples.usermodel.BernoulliDigits}
 */
public final class BernoulliDigits {

    /** Darkness ramp for rendering a probability in [0, 1] as one character. */
    private static final String SHADES = " .:-=+*#%@";
    private static final int SIDE = 8;

    private BernoulliDigits() {}

    /**
     * Runs the example with seed 1, 10 components and 3 restarts on all 1,797 digits, then the HMM part.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        EmOptions options = EmOptions.builder().restarts(3).seed(1).build();
        run(System.out, Integer.MAX_VALUE, options);
        hmmPart(System.out, options);
    }

    /**
     * The digits, binarised.
     *
     * @param maxRows at most this many digits
     * @return {@code n × 64} values in {0, 1}
     */
    static double[][] binarisedDigits(int maxRows) {
        double[][] pixels = BundledData.digits().features();
        int n = Math.min(maxRows, pixels.length);
        double[][] bits = new double[n][];
        for (int i = 0; i < n; i++) {
            bits[i] = new double[pixels[i].length];
            for (int j = 0; j < pixels[i].length; j++) {
                bits[i][j] = pixels[i][j] >= 8 ? 1 : 0;
            }
        }
        return bits;
    }

    /**
     * Fits the mixture and prints.
     *
     * @param out where the summary goes
     * @param maxRows use at most this many digits (tests pass a small number)
     * @param options driver options
     * @return the fit, for callers that want to inspect it
     */
    public static EmResult<MixtureParameters<BernoulliFamily.Components>> run(PrintStream out, int maxRows,
            EmOptions options) {
        LabelledData digits = BundledData.digits();
        int[] labels = digits.labels();
        double[][] bits = binarisedDigits(maxRows);
        int n = bits.length;
        int k = Math.min(10, n);
        Dataset data = Dataset.of(bits);
        EmResult<MixtureParameters<BernoulliFamily.Components>> result =
                Mixture.builder(new BernoulliFamily()).components(k).build().fit(data, options);
        MixtureParameters<BernoulliFamily.Components> fitted = result.parameters();

        out.printf("Bernoulli mixture (user-written family, em-core only) on %d binarised 8x8 digits, k = %d%n", n, k);
        out.printf("mixture lnL %.4f%n", result.logLikelihood());
        out.printf("%d iterations (%s)%n%n", result.iterations(), result.converged() ? "converged" : "iteration cap");
        int[] assigned = fitted.labels(data);
        int[][] counts = new int[k][10];
        for (int i = 0; i < n; i++) {
            counts[assigned[i]][labels[i]]++;
        }
        for (int c = 0; c < k; c++) {
            int majority = 0;
            int total = 0;
            for (int digit = 0; digit < 10; digit++) {
                total += counts[c][digit];
                if (counts[c][digit] > counts[c][majority]) {
                    majority = digit;
                }
            }
            out.printf("component %d: weight %.3f, mostly digit %d (%d of %d samples)%n",
                    c, fitted.weights().get(c), majority, counts[c][majority], total);
            for (int row = 0; row < SIDE; row++) {
                StringBuilder line = new StringBuilder("    ");
                for (int col = 0; col < SIDE; col++) {
                    double p = fitted.components().get(c, row * SIDE + col);
                    char shade = SHADES.charAt((int) Math.min(SHADES.length() - 1, Math.floor(p * SHADES.length())));
                    line.append(shade).append(shade);
                }
                out.println(line);
            }
        }
        return result;
    }

    /**
     * The same {@link BernoulliFamily} as the emissions of an HMM: binary sequences of the digits'
     * rows, where each step is one 8-pixel row of a digit image (so a digit is a sequence of 8
     * steps), fitted by Baum-Welch with 4 states; prints {@code hmm lnL <number>}.
     *
     * @param out where the summary goes
     * @param options driver options
     * @return the fit
     */
    static EmResult<HmmParameters> hmmPart(PrintStream out, EmOptions options) {
        double[][] digits = binarisedDigits(400);
        double[][][] sequences = new double[digits.length][SIDE][];
        for (int i = 0; i < digits.length; i++) {
            for (int row = 0; row < SIDE; row++) {
                sequences[i][row] = java.util.Arrays.copyOfRange(digits[i], row * SIDE, (row + 1) * SIDE);
            }
        }
        BaumWelch model = BaumWelch.builder().states(4).emission(EmissionFamily.of(new BernoulliFamily())).build();
        EmResult<HmmParameters> result = model.fit(Sequences.ofVectors(sequences),
                options.toBuilder().tolerance(1e-4).maxIterations(200).build());
        out.printf(Locale.ROOT, "hmm lnL %.4f%n", result.logLikelihood());
        out.printf(Locale.ROOT, "hmm: 4 states over %d digits as sequences of %d pixel rows, %d iterations%n",
                digits.length, SIDE, result.iterations());
        return result;
    }
}
