package io.emkit.examples.hmm;

import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.hmm.BaumWelch;
import io.emkit.hmm.CategoricalEmission;
import io.emkit.hmm.EmissionFamily;
import io.emkit.hmm.FittedHmm;
import io.emkit.hmm.HmmParameters;
import io.emkit.hmm.Sequences;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Example: the occasionally dishonest casino (Durbin, Eddy, Krogh and Mitchison, <i>Biological
 * Sequence Analysis</i>, 1998, section 3.2). A casino switches between a fair die and a loaded one
 * that shows a six half of the time. We sample rolls from the true model, train a two-state HMM
 * with Baum-Welch from a perturbed start, decode the rolls with Viterbi, and print the accuracy of
 * the decoded fair/loaded states and the loaded stretches.
 *
 * <p>Run: {@code java -cp em.jar io.emkit.examples.hmm.DishonestCasino}. Seeded.
 */
public final class DishonestCasino {

    /** State 0: the fair die. */
    public static final int FAIR = 0;
    /** State 1: the loaded die. */
    public static final int LOADED = 1;

    private DishonestCasino() {}

    /**
     * What the example found.
     *
     * @param truth the true model
     * @param fit the Baum-Welch fit, with states relabelled so that state 1 favours sixes
     * @param accuracy the fraction of rolls whose decoded state is the true one
     */
    public record Outcome(HmmParameters truth, EmResult<HmmParameters> fit, double accuracy) {}

    /**
     * The casino of Durbin et al.: fair to loaded 0.05, loaded to fair 0.1; the loaded die shows a six
     * with probability 1/2 and each other face with 1/10; the casino starts with the fair die.
     *
     * @return the true parameters
     */
    public static HmmParameters trueModel() {
        double sixth = 1.0 / 6;
        return HmmParameters.of(new double[] {1, 0}, new double[][] {{0.95, 0.05}, {0.1, 0.9}},
                CategoricalEmission.of(new double[][] {{sixth, sixth, sixth, sixth, sixth, 1 - 5 * sixth},
                    {0.1, 0.1, 0.1, 0.1, 0.1, 0.5}}));
    }

    /**
     * Runs the example with 2000 rolls.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out, 2000, 200, 42);
    }

    /**
     * Runs the example.
     *
     * @param out where the report goes
     * @param rolls how many rolls to sample
     * @param maxIterations Baum-Welch iteration cap
     * @param seed the seed of the sampled rolls
     * @return the outcome
     */
    public static Outcome run(PrintStream out, int rolls, int maxIterations, long seed) {
        HmmParameters truth = trueModel();
        FittedHmm.SampledSequence sample = FittedHmm.of(truth).sample(rolls, new SplittableRandom(seed));
        int[] states = sample.states().toArray();
        Sequences observations = sample.observations();
        int[] faces = observations.symbols(0);

        // a perturbed start: the right structure, wrong numbers
        HmmParameters start = HmmParameters.of(new double[] {0.6, 0.4}, new double[][] {{0.8, 0.2}, {0.3, 0.7}},
                CategoricalEmission.of(new double[][] {{0.2, 0.2, 0.15, 0.15, 0.15, 0.15},
                    {0.15, 0.15, 0.15, 0.15, 0.1, 0.3}}));
        BaumWelch baumWelch = BaumWelch.builder().states(2).emission(EmissionFamily.categorical(6)).build();
        EmOptions options = EmOptions.builder().tolerance(1e-8).maxIterations(maxIterations).seed(seed).build();
        EmResult<HmmParameters> fit = io.emkit.core.Em.fit(baumWelch, observations, start, options);
        HmmParameters learned = fit.parameters();
        CategoricalEmission emission = (CategoricalEmission) learned.emission();
        boolean swapped = emission.probability(0, 5) > emission.probability(1, 5);
        int[] decoded = FittedHmm.of(learned).decode(observations).get(0).states().toArray();
        int correct = 0;
        for (int t = 0; t < rolls; t++) {
            if (swapped) {
                decoded[t] = 1 - decoded[t];
            }
            correct += decoded[t] == states[t] ? 1 : 0;
        }
        double accuracy = (double) correct / rolls;
        int fairState = swapped ? 1 : 0;
        int loadedState = 1 - fairState;

        out.printf(Locale.ROOT, "%d rolls sampled from the dishonest casino (seed %d).%n", rolls, seed);
        out.printf(Locale.ROOT, "Baum-Welch from a perturbed start: %d iterations (%s), log-likelihood %.4f%n",
                fit.iterations(), fit.converged() ? "converged" : "not converged", fit.logLikelihood());
        out.println("                 true      learned");
        out.printf(Locale.ROOT, "P(fair->loaded)  %.3f     %.3f%n", 0.05,
                learned.transitions().get(fairState, loadedState));
        out.printf(Locale.ROOT, "P(loaded->fair)  %.3f     %.3f%n", 0.1,
                learned.transitions().get(loadedState, fairState));
        for (int face = 0; face < 6; face++) {
            out.printf(Locale.ROOT, "P(%d | fair)       %.3f     %.3f     P(%d | loaded) %.3f     %.3f%n", face + 1,
                    truth.emission() instanceof CategoricalEmission c ? c.probability(FAIR, face) : Double.NaN,
                    emission.probability(fairState, face), face + 1,
                    ((CategoricalEmission) truth.emission()).probability(LOADED, face),
                    emission.probability(loadedState, face));
        }
        out.printf(Locale.ROOT, "Viterbi decoding: %.1f%% of rolls in the right state.%n", 100 * accuracy);
        List<int[]> stretches = loadedStretches(decoded);
        List<int[]> trueStretches = loadedStretches(states);
        out.printf(Locale.ROOT, "Loaded stretches: %d decoded, %d true (short true ones are hard to see).%n",
                stretches.size(), trueStretches.size());
        StringBuilder list = new StringBuilder("  decoded loaded rolls:");
        for (int i = 0; i < Math.min(12, stretches.size()); i++) {
            list.append(' ').append(stretches.get(i)[0] + 1).append('-').append(stretches.get(i)[1]);
        }
        out.println(stretches.size() > 12 ? list + " ..." : list.toString());
        int shown = Math.min(rolls, 300);
        out.println("First " + shown + " rolls (F fair, L loaded):");
        for (int from = 0; from < shown; from += 60) {
            int to = Math.min(shown, from + 60);
            StringBuilder roll = new StringBuilder("  rolls   ");
            StringBuilder truthLine = new StringBuilder("  true    ");
            StringBuilder viterbi = new StringBuilder("  decoded ");
            for (int t = from; t < to; t++) {
                roll.append(faces[t] + 1);
                truthLine.append(states[t] == LOADED ? 'L' : 'F');
                viterbi.append(decoded[t] == LOADED ? 'L' : 'F');
            }
            out.println(roll);
            out.println(truthLine);
            out.println(viterbi);
            out.println();
        }
        return new Outcome(truth, swapped ? fit.withParameters(swap(learned)) : fit, accuracy);
    }

    /**
     * The maximal runs of the loaded state.
     *
     * @param path a state path
     * @return {@code {from, to}} (inclusive, exclusive) per run, in order
     */
    public static List<int[]> loadedStretches(int[] path) {
        List<int[]> runs = new ArrayList<>();
        int t = 0;
        while (t < path.length) {
            if (path[t] == LOADED) {
                int from = t;
                while (t < path.length && path[t] == LOADED) {
                    t++;
                }
                runs.add(new int[] {from, t});
            } else {
                t++;
            }
        }
        return runs;
    }

    private static HmmParameters swap(HmmParameters p) {
        double[] start = p.startProbabilities().toArray();
        double[][] a = p.transitions().toArray();
        double[][] b = ((CategoricalEmission) p.emission()).toArray();
        return HmmParameters.of(new double[] {start[1], start[0]},
                new double[][] {{a[1][1], a[1][0]}, {a[0][1], a[0][0]}}, CategoricalEmission.of(new double[][] {b[1], b[0]}));
    }
}
