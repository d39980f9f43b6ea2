package io.emkit.examples.viz;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.gmm.GaussianMixture;
import io.emkit.gmm.GaussianMixtureModel;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The trace of a Gaussian mixture fit for the step-through page: every iteration's weights, means,
 * full covariances, total log-likelihood and the responsibilities of the shown points, all computed
 * by emkit ({@link EmSteps} over {@link GaussianMixtureModel}).
 *
 * <p>JSON shape ({@code window.emTrace}): {@code {"kind":"gmm", "data":[m][d], "iterations":[{"weights":[k],
 * "means":[k][d], "covariances":[k][d][d], "logLikelihood":total, "responsibilities":[m][k]}, ...],
 * "subsample":{"shown":m,"n":n,"rule":...,"rows":[m]}, "axes":[2], "columns":[d], "warnings":[...],
 * ...}}. {@code iterations[0]} is the start. For {@code n <= maxPoints} every point is shown;
 * otherwise {@code maxPoints} rows drawn uniformly without replacement with
 * {@code new SplittableRandom(seed)} (a partial Fisher-Yates shuffle of the row indices, shown in data
 * order). Parameters and log-likelihoods always come from the whole data.
 */
public final class GmmViz {

    /** The worked example's six points. */
    public static final double[] WORKED_DATA = {1.5, 2.0, 2.5, 8.0, 9.0, 9.5};

    private GmmViz() {}

    /**
     * The worked example's start: {@code mu = (2, 9)}, {@code sigma^2 = (1, 1)}, {@code pi = (0.5, 0.5)}.
     *
     * @return a full-covariance mixture with k = 2, d = 1
     */
    public static GaussianMixture workedStart() {
        return GaussianMixture.full(new double[] {0.5, 0.5}, new double[][] {{2}, {9}},
                new double[][][] {{{1}}, {{1}}});
    }

    /**
     * The worked example's model: k = 2, full (in 1-D all types agree), no covariance
     * regularisation, so that iteration 1 is exactly the textbook EM step.
     *
     * @return the model
     */
    public static GaussianMixtureModel workedModel() {
        return GaussianMixtureModel.builder().components(2).regCovar(0).build();
    }

    /**
     * The start a default fit of {@code model} uses: run 0 of {@link io.emkit.core.Em#fit} draws from
     * the first {@link SplittableRandom#split()} of {@code new SplittableRandom(seed)}.
     *
     * @param model the model
     * @param data the data
     * @param seed the fit's seed
     * @return the initial parameters of run 0
     */
    public static GaussianMixture defaultStart(GaussianMixtureModel model, Dataset data, long seed) {
        return model.initialize(data, new SplittableRandom(seed).split());
    }

    /**
     * Row indices to show: all rows when {@code n <= maxPoints}, else {@code maxPoints} distinct rows
     * drawn with {@code new SplittableRandom(seed)} by a partial Fisher-Yates shuffle, sorted.
     *
     * @param n number of rows
     * @param maxPoints the cap, {@code >= 1}
     * @param seed the seed
     * @return sorted distinct indices in {@code [0, n)}
     */
    public static int[] shownRows(int n, int maxPoints, long seed) {
        if (maxPoints < 1) {
            throw new IllegalArgumentException("maxPoints (" + maxPoints + ") must be >= 1");
        }
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (n <= maxPoints) {
            return all;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < maxPoints; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] shown = java.util.Arrays.copyOf(all, maxPoints);
        java.util.Arrays.sort(shown);
        return shown;
    }

    /**
     * Builds the trace.
     *
     * @param title what the page shows, e.g. the data file
     * @param columns column names, {@code d} of them
     * @param data the whole data, {@code n x d}. Not modified.
     * @param model the model
     * @param start iteration 0
     * @param steps the iterations from {@link EmSteps#run}
     * @param axes the two columns of the 2-D view (ignored for {@code d = 1})
     * @param maxPoints at most this many points are embedded
     * @param seed the subsample's seed
     * @return the JSON object of {@code window.emTrace}
     */
    public static ObjectNode trace(String title, List<String> columns, Dataset data, GaussianMixtureModel model,
            EmSteps<GaussianMixture> steps, int[] axes, int maxPoints, long seed) {
        Objects.requireNonNull(steps, "steps");
        JsonNodeFactory f = JsonNodeFactory.instance;
        int n = data.size();
        int d = data.dimension();
        int[] rows = shownRows(n, maxPoints, seed);
        double[][] shown = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            shown[i] = data.row(rows[i]);
        }
        Dataset shownData = Dataset.of(shown);
        ObjectNode root = f.objectNode();
        root.put("kind", "gmm");
        root.put("title", title);
        root.put("n", n);
        root.put("dimension", d);
        root.put("components", model.components());
        root.put("covarianceType", model.covarianceType().jsonName());
        root.put("regCovar", model.regCovar());
        ArrayNode cols = root.putArray("columns");
        for (int a = 0; a < d; a++) {
            cols.add(a < columns.size() ? columns.get(a) : "x" + (a + 1));
        }
        ArrayNode axisNode = root.putArray("axes");
        if (d >= 2) {
            axisNode.add(axes[0]).add(axes[1]);
        } else {
            axisNode.add(0);
        }
        ObjectNode sub = root.putObject("subsample");
        sub.put("shown", rows.length);
        sub.put("n", n);
        sub.put("rule", rows.length == n ? "all rows are shown"
                : rows.length + " of " + n + " rows drawn uniformly without replacement (partial Fisher-Yates"
                        + " shuffle with SplittableRandom(" + seed + ")), shown in data order; parameters,"
                        + " log-likelihoods and warnings use all " + n + " rows");
        sub.put("seed", seed);
        ArrayNode rowNode = sub.putArray("rows");
        for (int r : rows) {
            rowNode.add(r);
        }
        root.set("data", matrix(f, shown));
        ArrayNode iterations = root.putArray("iterations");
        for (int i = 0; i < steps.parameters().size(); i++) {
            GaussianMixture p = steps.parameters().get(i);
            ObjectNode it = iterations.addObject();
            it.set("weights", vector(f, p.weights()));
            it.set("means", matrix(f, p.means()));
            ArrayNode covs = it.putArray("covariances");
            for (double[][] c : p.fullCovariances()) {
                covs.add(matrix(f, c));
            }
            it.put("logLikelihood", steps.logLikelihoods().get(i));
            it.set("responsibilities", matrix(f, p.responsibilities(shownData)));
        }
        root.set("warnings", warnings(f, steps));
        root.put("converged", steps.converged());
        root.put("stopNote", steps.stopNote());
        return root;
    }

    /**
     * The options of one ordinary multi-iteration fit that the steps reproduce (for tests and docs).
     *
     * @param iterations the number of iterations
     * @param seed the seed
     * @return options with tolerance 0
     */
    public static EmOptions equivalentOptions(int iterations, long seed) {
        return EmOptions.builder().maxIterations(iterations).tolerance(0).seed(seed).build();
    }

    static ArrayNode warnings(JsonNodeFactory f, EmSteps<?> steps) {
        ArrayNode out = f.arrayNode();
        for (EmSteps.StepWarning w : steps.warnings()) {
            out.addObject().put("iteration", w.iteration()).put("kind", w.kind()).put("message", w.message());
        }
        return out;
    }

    static ArrayNode vector(JsonNodeFactory f, double[] values) {
        ArrayNode node = f.arrayNode(values.length);
        for (double v : values) {
            node.add(v);
        }
        return node;
    }

    static ArrayNode matrix(JsonNodeFactory f, double[][] values) {
        ArrayNode node = f.arrayNode(values.length);
        for (double[] row : values) {
            node.add(vector(f, row));
        }
        return node;
    }
}
