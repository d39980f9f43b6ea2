package io.emkit.examples.usermodel;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.examples.data.BundledData;
import io.emkit.examples.data.LabelledData;
import java.io.PrintStream;

/**
 * Example: the user-written {@link BernoulliMixture} on the bundled 8×8 digits, binarised (a pixel
 * is on when its count, 0..16, is at least 8). Prints each component's mean image as text, its
 * weight, and the digit most of its samples are.
 *
 * <p>Run: {@code java -cp em-examples/target/em.jar io.emkit.examples.usermodel.BernoulliDigits}
 */
public final class BernoulliDigits {

    /** Darkness ramp for rendering a probability in [0, 1] as one character. */
    private static final String SHADES = " .:-=+*#%@";
    private static final int SIDE = 8;

    private BernoulliDigits() {}

    /**
     * Runs the example with seed 1, 10 components and 3 restarts on all 1,797 digits.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out, Integer.MAX_VALUE, EmOptions.builder().restarts(3).seed(1).build());
    }

    /**
     * Fits and prints.
     *
     * @param out where the summary goes
     * @param maxRows use at most this many digits (tests pass a small number)
     * @param options driver options
     * @return the fit, for callers that want to inspect it
     */
    public static EmResult<BernoulliMixture.Parameters> run(PrintStream out, int maxRows, EmOptions options) {
        LabelledData digits = BundledData.digits();
        double[][] pixels = digits.features();
        int[] labels = digits.labels();
        int n = Math.min(maxRows, pixels.length);
        double[][] bits = new double[n][];
        for (int i = 0; i < n; i++) {
            bits[i] = new double[pixels[i].length];
            for (int j = 0; j < pixels[i].length; j++) {
                bits[i][j] = pixels[i][j] >= 8 ? 1 : 0;
            }
        }
        int k = Math.min(10, n);
        BernoulliMixture model = new BernoulliMixture(k, 0.01);
        EmResult<BernoulliMixture.Parameters> result = model.fit(Dataset.of(bits), options);
        BernoulliMixture.Parameters fitted = result.parameters();

        out.printf("Bernoulli mixture (user-written, em-core only) on %d binarised 8x8 digits, k = %d%n", n, k);
        out.printf("log-likelihood %.4f after %d iterations (%s)%n%n",
                result.logLikelihood(), result.iterations(), result.converged() ? "converged" : "iteration cap");
        int[][] counts = digitCounts(fitted, bits, labels, k);
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
                    double p = fitted.means().get(c, row * SIDE + col);
                    char shade = SHADES.charAt((int) Math.min(SHADES.length() - 1, Math.floor(p * SHADES.length())));
                    line.append(shade).append(shade);
                }
                out.println(line);
            }
        }
        return result;
    }

    /** counts[c][digit]: how many samples of each digit are most responsible to component c. */
    private static int[][] digitCounts(BernoulliMixture.Parameters fitted, double[][] bits, int[] labels, int k) {
        int[][] counts = new int[k][10];
        for (int i = 0; i < bits.length; i++) {
            int best = 0;
            double bestLog = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double log = Math.log(fitted.weights().get(c));
                for (int j = 0; j < bits[i].length; j++) {
                    double p = fitted.means().get(c, j);
                    log += bits[i][j] != 0 ? Math.log(p) : Math.log1p(-p);
                }
                if (log > bestLog) {
                    bestLog = log;
                    best = c;
                }
            }
            counts[best][labels[i]]++;
        }
        return counts;
    }
}
