package io.emkit.examples.demo;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.examples.data.BundledData;
import io.emkit.examples.data.LabelledData;
import io.emkit.examples.plot.MixturePlot;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.GaussianMixture;
import io.emkit.gmm.GaussianMixtureModel;
import io.emkit.gmm.GaussianMixtureSelection;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The demo that {@code java -jar em.jar} runs without arguments: Old Faithful (272 eruptions x
 * {eruption minutes, waiting minutes}, bundled), Gaussian mixtures for k = 1..6 with all four
 * covariance types, chosen by BIC; it prints the candidates, the chosen model's parameters, and
 * writes a picture ({@value #PICTURE}: points coloured by label with 1- and 2-sigma ellipses, and the
 * log-likelihood per iteration).
 *
 * <p>Seeded (seed 0, 3 k-means++ restarts per candidate), so every run prints the same numbers.
 */
public final class OldFaithfulDemo {

    /** File name of the picture, written into the output directory. */
    public static final String PICTURE = "em-demo-old-faithful.png";

    /** The largest number of components tried. */
    public static final int MAX_COMPONENTS = 6;

    private OldFaithfulDemo() {}

    /**
     * What the demo found.
     *
     * @param selection every candidate and the chosen one
     * @param picture the absolute path of the PNG written
     */
    public record Outcome(GaussianMixtureSelection.Result selection, Path picture) {}

    /**
     * Runs the demo, writing the picture into the working directory.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        run(System.out, Path.of("").toAbsolutePath());
    }

    /**
     * Runs the demo.
     *
     * @param out where the report goes
     * @param directory where the picture is written (created if needed)
     * @return the selection and the picture's path
     * @throws UncheckedIOException if the picture cannot be written
     */
    public static Outcome run(PrintStream out, Path directory) {
        LabelledData faithful = BundledData.oldFaithful();
        Dataset data = Dataset.of(faithful.features());
        out.println("Old Faithful: " + faithful.size() + " eruptions x (" + String.join(", ", faithful.columns())
                + "), minutes.");
        out.println("Fitting Gaussian mixtures with k = 1.." + MAX_COMPONENTS
                + " and four covariance types (EM to a 1e-4 tolerance, k-means++ start, 3 restarts, seed 0); lower BIC is better.");
        out.println();
        EmOptions options = EmOptions.builder().restarts(3).seed(0).tolerance(1e-4).maxIterations(500).build();
        GaussianMixtureSelection.Result selection = GaussianMixtureSelection.select(data, List.of(1, 2, 3, 4, 5, 6),
                List.of(CovarianceType.FULL, CovarianceType.DIAGONAL, CovarianceType.SPHERICAL, CovarianceType.TIED),
                GaussianMixtureModel.builder().regCovar(1e-6).build(), options, GaussianMixtureSelection.Criterion.BIC,
                row -> {});
        out.print(selection.format());
        GaussianMixtureSelection.Row best = selection.best();
        EmResult<GaussianMixture> result = selection.bestModel().result();
        GaussianMixture mixture = result.parameters();
        out.println();
        out.printf(Locale.ROOT, "Chosen by BIC: k = %d, %s covariances (log-likelihood %.4f, %d iterations, %s).%n",
                best.k(), best.type().jsonName(), best.logLikelihood(), result.iterations(),
                result.converged() ? "converged" : "not converged");
        out.print(describe(mixture, faithful.columns()));
        int[] labels = mixture.labels(data);
        double[][][] covariances = mixture.fullCovariances();
        MixturePlot.Figure figure = new MixturePlot.Figure(
                String.format(Locale.ROOT, "Old Faithful: k = %d, %s covariances (chosen by BIC)", best.k(),
                        best.type().jsonName()),
                faithful.columns().get(0) + " (min)", faithful.columns().get(1) + " (min)",
                faithful.features(), labels, mixture.means(), covariances, result.trace().toArray());
        Path picture;
        try {
            picture = MixturePlot.writePng(figure, directory.resolve(PICTURE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the picture: " + e.getMessage(), e);
        }
        out.println();
        out.println("Picture (points by component with 1- and 2-sigma ellipses; log-likelihood per iteration):");
        out.println("  " + picture);
        out.flush();
        return new Outcome(selection, picture);
    }

    /**
     * Runs the demo, reporting to a writer.
     *
     * @param out where the report goes
     * @param directory where the picture is written
     * @return as {@link #run(PrintStream, Path)}
     */
    public static Outcome run(PrintWriter out, Path directory) {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        java.io.OutputStream forward = new java.io.OutputStream() {
            @Override
            public void write(int b) {
                buffer.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                buffer.write(b, off, len);
            }

            @Override
            public void flush() {
                out.write(buffer.toString(StandardCharsets.UTF_8));
                buffer.reset();
                out.flush();
            }
        };
        try (PrintStream stream = new PrintStream(forward, true, StandardCharsets.UTF_8)) {
            return run(stream, directory);
        }
    }

    /**
     * A readable listing of a mixture's parameters: per component its weight, mean and covariance.
     *
     * @param mixture the mixture
     * @param columns the feature names
     * @return the text, ending in a newline
     */
    public static String describe(GaussianMixture mixture, List<String> columns) {
        StringBuilder text = new StringBuilder();
        double[] weights = mixture.weights();
        double[][] means = mixture.means();
        double[][][] covariances = mixture.fullCovariances();
        int d = mixture.dimension();
        for (int j = 0; j < mixture.components(); j++) {
            text.append(String.format(Locale.ROOT, "  component %d: weight %.4f%n", j, weights[j]));
            text.append("    mean       ");
            for (int a = 0; a < d; a++) {
                text.append(String.format(Locale.ROOT, " %s %.4f", columns.get(a), means[j][a]));
            }
            text.append('\n');
            for (int a = 0; a < d; a++) {
                text.append(a == 0 ? "    covariance [" : "               [");
                for (int b = 0; b < d; b++) {
                    text.append(String.format(Locale.ROOT, " %10.4f", covariances[j][a][b]));
                }
                text.append(" ]\n");
            }
        }
        return text.toString();
    }
}
