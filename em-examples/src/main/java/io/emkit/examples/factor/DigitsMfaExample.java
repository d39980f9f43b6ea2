package io.emkit.examples.factor;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.mixture.Mixture;
import io.emkit.core.mixture.MixtureParameters;
import io.emkit.examples.data.BundledData;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.GaussianMixture;
import io.emkit.gmm.GaussianMixtureModel;
import io.emkit.io.AtomicFiles;
import io.emkit.latent.factor.FactorAnalyserFamily;
import io.emkit.latent.factor.FactorAnalysers;
import io.emkit.latent.factor.FactorMoments;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A mixture of factor analysers against a diagonal Gaussian mixture on the bundled UCI digits (1797 × 64
 * pixels, values 0-16): the same k, the same noise floor / {@code regCovar} of 1e-6. A diagonal mixture
 * cannot express that neighbouring pixels move together; q factors per component can, for
 * {@code d q - q(q-1)/2} more parameters each. Prints both fits' log-likelihood, parameter count and BIC
 * and writes {@code mfa-digits.png}: one row per component, its mean (grey, white = 0) and its q loading
 * columns (blue negative, red positive, each scaled to its own largest entry) as 8 × 8 images.
 *
 * <p>Usage: {@code java -cp em.jar io.emkit.examples.factor.DigitsMfaExample [output-folder]}.
 */
public final class DigitsMfaExample {

    /** Pixels per image cell in the picture. */
    private static final int CELL = 6;

    private DigitsMfaExample() {}

    /** What the example found. */
    public record Comparison(double mfaLogLikelihood, long mfaParameters, double mfaBic, double gmmLogLikelihood,
            long gmmParameters, double gmmBic) {}

    /**
     * Runs the example.
     *
     * @param args optional output folder (default: the working directory)
     * @throws IOException if the picture cannot be written
     */
    public static void main(String[] args) throws IOException {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        run(out, Path.of(args.length > 0 ? args[0] : "."), BundledData.digits().size(), 10, 4, 3);
        out.flush();
    }

    /**
     * The example's work.
     *
     * @param out where the summary goes
     * @param folder where {@code mfa-digits.png} goes
     * @param rows how many digits to use (the first rows)
     * @param k the number of components of both mixtures
     * @param q factors per MFA component
     * @param restarts EM restarts of each
     * @return both fits' numbers
     * @throws IOException if the picture cannot be written
     */
    public static Comparison run(PrintWriter out, Path folder, int rows, int k, int q, int restarts)
            throws IOException {
        Dataset data = Dataset.of(BundledData.digits().head(rows).features());
        EmOptions options = EmOptions.builder().maxIterations(200).tolerance(1e-3).restarts(restarts).seed(13).build();
        Mixture<FactorAnalysers, FactorMoments> mfa = Mixture.builder(
                FactorAnalyserFamily.factorAnalysers(q).withNoiseFloor(1e-6)).components(k).build();
        EmResult<MixtureParameters<FactorAnalysers>> mfaFit = mfa.fit(data, options);
        EmResult<GaussianMixture> gmmFit = GaussianMixtureModel.builder().components(k)
                .covarianceType(CovarianceType.DIAGONAL).regCovar(1e-6).build().fit(data, options).result();
        MixtureParameters<FactorAnalysers> p = mfaFit.parameters();
        GaussianMixture g = gmmFit.parameters();
        Comparison c = new Comparison(mfaFit.logLikelihood(), p.parameterCount(), p.bic(data),
                gmmFit.logLikelihood(), g.parameterCount(), g.bic(data));
        out.printf(Locale.ROOT, "digits: n = %d, d = %d, k = %d%n", data.size(), data.dimension(), k);
        out.printf(Locale.ROOT, "%-26s %16s %10s %16s%n", "model", "log-likelihood", "params", "BIC");
        out.printf(Locale.ROOT, "%-26s %16.2f %10d %16.2f%n", "MFA (q = " + q + ")", c.mfaLogLikelihood(),
                c.mfaParameters(), c.mfaBic());
        out.printf(Locale.ROOT, "%-26s %16.2f %10d %16.2f%n", "GMM (diagonal)", c.gmmLogLikelihood(),
                c.gmmParameters(), c.gmmBic());
        out.printf(Locale.ROOT, "lower BIC: %s%n", c.mfaBic() < c.gmmBic() ? "MFA" : "diagonal GMM");
        Path png = folder.resolve("mfa-digits.png");
        BufferedImage image = picture(p.components());
        AtomicFiles.write(png, stream -> ImageIO.write(image, "png", stream));
        out.println("wrote " + png);
        return c;
    }

    /** k rows of (1 + q) 8 × 8 cells: the mean, then each loading column. */
    static BufferedImage picture(FactorAnalysers set) {
        int k = set.components();
        int q = set.factors();
        int gap = 2;
        int side = 8 * CELL;
        BufferedImage image = new BufferedImage((1 + q) * (side + gap) + gap, k * (side + gap) + gap,
                BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                image.setRGB(x, y, 0x808080);
            }
        }
        for (int j = 0; j < k; j++) {
            double[] mean = set.mean(j);
            double[][] w = set.loadings(j).toArray();
            for (int col = 0; col <= q; col++) {
                double scale = 0;
                if (col > 0) {
                    for (double[] row : w) {
                        scale = Math.max(scale, Math.abs(row[col - 1]));
                    }
                }
                for (int pixel = 0; pixel < 64; pixel++) {
                    Color colour;
                    if (col == 0) {
                        float v = (float) Math.max(0, Math.min(1, 1 - mean[pixel] / 16));
                        colour = new Color(v, v, v);
                    } else {
                        double t = scale > 0 ? w[pixel][col - 1] / scale : 0;
                        float s = (float) (1 - Math.abs(t));
                        colour = t >= 0 ? new Color(1f, s, s) : new Color(s, s, 1f);
                    }
                    int x0 = gap + col * (side + gap) + (pixel % 8) * CELL;
                    int y0 = gap + j * (side + gap) + (pixel / 8) * CELL;
                    for (int dx = 0; dx < CELL; dx++) {
                        for (int dy = 0; dy < CELL; dy++) {
                            image.setRGB(x0 + dx, y0 + dy, colour.getRGB());
                        }
                    }
                }
            }
        }
        return image;
    }
}
