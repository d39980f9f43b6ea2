package io.emkit.examples.cli;

import io.emkit.core.Dataset;
import io.emkit.gmm.GaussianMixture;
import io.emkit.hmm.CategoricalEmission;
import io.emkit.hmm.FamilyEmission;
import io.emkit.hmm.GaussianEmission;
import io.emkit.hmm.HmmParameters;
import java.util.Locale;

/**
 * The short summaries printed on stderr after {@code em gmm fit} and {@code em hmm fit}, in the spirit of
 * mclust's {@code summary()}: the model, its size and fit, then one line per component or state.
 */
final class FitSummaries {

    private FitSummaries() {}

    /** Model, k, n, lnL, parameters, BIC; per component its weight, size (rows it labels) and mean. */
    static String gmm(GaussianMixture mixture, Dataset data, String modelName) {
        int k = mixture.components();
        int[] sizes = new int[k];
        for (int label : mixture.labels(data)) {
            sizes[label]++;
        }
        double logLikelihood = mixture.logLikelihood(data);
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Gaussian mixture %s, %d components, n = %d: log-likelihood %.4f,"
                + " %d parameters, BIC %.4f (lower is better)%n", modelName, k, data.size(), logLikelihood,
                mixture.parameterCount(), mixture.bic(data)));
        text.append(String.format(Locale.ROOT, "  %9s  %8s  %6s  %s%n", "component", "weight", "size", "mean"));
        double[] weights = mixture.weights();
        double[][] means = mixture.means();
        for (int j = 0; j < k; j++) {
            text.append(String.format(Locale.ROOT, "  %9d  %8.4f  %6d  %s%n", j, weights[j], sizes[j], vector(means[j])));
        }
        return text.toString().stripTrailing();
    }

    /** States; per state its start probability, probability of staying, and what it emits. */
    static String hmm(HmmParameters parameters, String emission) {
        int s = parameters.states();
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "hidden Markov model, %d states, %s emissions%n", s, emission));
        text.append(String.format(Locale.ROOT, "  %5s  %8s  %8s  %s%n", "state", "start", "stay", "emits"));
        double[][] transitions = parameters.transitions().toArray();
        for (int i = 0; i < s; i++) {
            text.append(String.format(Locale.ROOT, "  %5d  %8.4f  %8.4f  %s%n", i, parameters.startProbabilities().get(i),
                    transitions[i][i], emits(parameters, i)));
        }
        return text.toString().stripTrailing();
    }

    private static String emits(HmmParameters parameters, int state) {
        if (parameters.emission() instanceof CategoricalEmission categorical) {
            double[] row = categorical.toArray()[state];
            int best = 0;
            for (int c = 1; c < row.length; c++) {
                if (row[c] > row[best]) {
                    best = c;
                }
            }
            return String.format(Locale.ROOT, "most often symbol %d (p = %.4f)", best, row[best]);
        }
        if (parameters.emission() instanceof GaussianEmission gaussian) {
            return "mean " + vector(gaussian.gaussian(state).mean());
        }
        return ((FamilyEmission<?, ?>) parameters.emission()).family().name() + " component " + state;
    }

    private static String vector(double[] v) {
        StringBuilder out = new StringBuilder();
        for (int a = 0; a < v.length; a++) {
            out.append(a == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4g", v[a]));
        }
        return out.toString();
    }
}
