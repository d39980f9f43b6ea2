package io.emkit.examples.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Pictures of a fitted two-dimensional Gaussian mixture, drawn with XChart: the points coloured by
 * label with each component's 1- and 2-sigma ellipses on the left, the log-likelihood per EM
 * iteration on the right, in one PNG.
 *
 * <p>Stateless. Rendering works on a headless JVM ({@code -Djava.awt.headless=true}).
 */
public final class MixturePlot {

    /** Width of each of the two panels, in pixels. */
    public static final int PANEL_WIDTH = 760;
    /** Height of the picture, in pixels. */
    public static final int HEIGHT = 600;

    private static final Color[] PALETTE = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75),
        new Color(227, 119, 194), new Color(127, 127, 127), new Color(188, 189, 34),
        new Color(23, 190, 207),
    };
    private static final int ELLIPSE_POINTS = 120;

    private MixturePlot() {}

    /**
     * What to draw. Arrays are read, never modified or kept.
     *
     * @param title the title of the scatter panel
     * @param xLabel name of the first coordinate
     * @param yLabel name of the second coordinate
     * @param points {@code n x 2} points
     * @param labels {@code n} labels in {@code 0..k-1}
     * @param means {@code k x 2} component means
     * @param covariances {@code k x 2 x 2} symmetric positive-definite component covariances
     * @param logLikelihoodTrace the total log-likelihood per iteration (may be empty)
     */
    public record Figure(String title, String xLabel, String yLabel, double[][] points, int[] labels,
            double[][] means, double[][][] covariances, double[] logLikelihoodTrace) {
        /**
         * Checks the shapes.
         *
         * @param title the title of the scatter panel
         * @param xLabel name of the first coordinate
         * @param yLabel name of the second coordinate
         * @param points {@code n x 2} points
         * @param labels {@code n} labels in {@code 0..k-1}
         * @param means {@code k x 2} component means
         * @param covariances {@code k x 2 x 2} symmetric positive-definite component covariances
         * @param logLikelihoodTrace the total log-likelihood per iteration (may be empty)
         * @throws IllegalArgumentException naming the first array with a wrong shape
         */
        public Figure {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(xLabel, "xLabel");
            Objects.requireNonNull(yLabel, "yLabel");
            if (points.length != labels.length) {
                throw new IllegalArgumentException("points (" + points.length + ") and labels ("
                        + labels.length + ") differ in length");
            }
            if (means.length != covariances.length) {
                throw new IllegalArgumentException("means (" + means.length + ") and covariances ("
                        + covariances.length + ") differ in length");
            }
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] < 0 || labels[i] >= means.length) {
                    throw new IllegalArgumentException("labels[" + i + "] (" + labels[i]
                            + ") must be in 0.." + (means.length - 1));
                }
            }
            Objects.requireNonNull(logLikelihoodTrace, "logLikelihoodTrace");
        }
    }

    /**
     * Renders both panels side by side.
     *
     * @param figure what to draw
     * @return a new {@code 2*PANEL_WIDTH x HEIGHT} RGB image
     */
    public static BufferedImage render(Figure figure) {
        BufferedImage left = BitmapEncoder.getBufferedImage(scatter(figure));
        BufferedImage right = BitmapEncoder.getBufferedImage(trace(figure.logLikelihoodTrace()));
        BufferedImage image = new BufferedImage(2 * PANEL_WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(left, 0, 0, null);
            g.drawImage(right, PANEL_WIDTH, 0, null);
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Renders the figure and writes it as a PNG file, creating parent directories.
     *
     * @param figure what to draw
     * @param file the target, replaced if it exists
     * @return the absolute path written
     * @throws IOException if the file cannot be written
     */
    public static Path writePng(Figure figure, Path file) throws IOException {
        BufferedImage image = render(figure);
        Path absolute = file.toAbsolutePath();
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        // atomically: a failed or killed run leaves an existing picture intact
        io.emkit.io.AtomicFiles.write(absolute, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
        return absolute;
    }

    /**
     * The points {@code mean + r * L u} on the r-sigma ellipse of a 2 x 2 covariance, with
     * {@code u} running around the unit circle and {@code L L^T = covariance} (eigen form).
     *
     * @param mean length 2
     * @param covariance 2 x 2 symmetric positive semi-definite
     * @param radius the number of standard deviations
     * @param count number of points; the last repeats the first to close the curve
     * @return {@code {xs, ys}}
     */
    public static double[][] ellipse(double[] mean, double[][] covariance, double radius, int count) {
        double a = covariance[0][0];
        double b = 0.5 * (covariance[0][1] + covariance[1][0]);
        double c = covariance[1][1];
        // Eigenvalues of [[a, b], [b, c]]: (a + c)/2 +- sqrt(((a - c)/2)^2 + b^2).
        double half = 0.5 * (a + c);
        double root = Math.hypot(0.5 * (a - c), b);
        double l1 = Math.max(half + root, 0);
        double l2 = Math.max(half - root, 0);
        // Eigenvector of l1: angle theta with tan(2 theta) = 2b / (a - c).
        double theta = 0.5 * Math.atan2(2 * b, a - c);
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        double[] xs = new double[count];
        double[] ys = new double[count];
        for (int i = 0; i < count; i++) {
            double t = 2 * Math.PI * i / (count - 1);
            double u = radius * Math.sqrt(l1) * Math.cos(t);
            double v = radius * Math.sqrt(l2) * Math.sin(t);
            xs[i] = mean[0] + cos * u - sin * v;
            ys[i] = mean[1] + sin * u + cos * v;
        }
        return new double[][] {xs, ys};
    }

    private static XYChart scatter(Figure figure) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(HEIGHT)
                .title(figure.title()).xAxisTitle(figure.xLabel()).yAxisTitle(figure.yLabel()).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setMarkerSize(6);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.getStyler().setLocale(java.util.Locale.ROOT); // 1.5, never 1,5, whatever the machine's locale
        int k = figure.means().length;
        for (int component = 0; component < k; component++) {
            int count = 0;
            for (int label : figure.labels()) {
                count += label == component ? 1 : 0;
            }
            double[] xs = new double[Math.max(count, 1)];
            double[] ys = new double[Math.max(count, 1)];
            int j = 0;
            for (int i = 0; i < figure.labels().length; i++) {
                if (figure.labels()[i] == component) {
                    xs[j] = figure.points()[i][0];
                    ys[j] = figure.points()[i][1];
                    j++;
                }
            }
            if (count == 0) { // keep the legend entry, draw the point on the mean
                xs[0] = figure.means()[component][0];
                ys[0] = figure.means()[component][1];
            }
            Color color = PALETTE[component % PALETTE.length];
            XYSeries points = chart.addSeries("component " + component + " (" + count + ")", xs, ys);
            points.setMarker(SeriesMarkers.CIRCLE);
            points.setMarkerColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 150));
            for (int sigma = 1; sigma <= 2; sigma++) {
                double[][] curve = ellipse(figure.means()[component], figure.covariances()[component],
                        sigma, ELLIPSE_POINTS);
                XYSeries line = chart.addSeries(sigma + "-sigma " + component, curve[0], curve[1]);
                line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                line.setMarker(SeriesMarkers.NONE);
                line.setLineColor(color.darker());
                line.setLineWidth(sigma == 1 ? 2.0f : 1.2f);
                line.setShowInLegend(false);
            }
            XYSeries centre = chart.addSeries("mean " + component,
                    new double[] {figure.means()[component][0]}, new double[] {figure.means()[component][1]});
            centre.setMarker(SeriesMarkers.DIAMOND);
            centre.setMarkerColor(Color.BLACK);
            centre.setShowInLegend(false);
        }
        // legend entries that explain the ellipses and the mean markers (drawn far outside the view, never seen)
        XYSeries inner = chart.addSeries("1-sigma ellipse (thick)", new double[] {Double.NaN}, new double[] {Double.NaN});
        inner.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        inner.setMarker(SeriesMarkers.NONE);
        inner.setLineColor(Color.DARK_GRAY);
        inner.setLineWidth(2.0f);
        XYSeries outer = chart.addSeries("2-sigma ellipse (thin)", new double[] {Double.NaN}, new double[] {Double.NaN});
        outer.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        outer.setMarker(SeriesMarkers.NONE);
        outer.setLineColor(Color.DARK_GRAY);
        outer.setLineWidth(1.2f);
        XYSeries mean = chart.addSeries("component mean", new double[] {Double.NaN}, new double[] {Double.NaN});
        mean.setMarker(SeriesMarkers.DIAMOND);
        mean.setMarkerColor(Color.BLACK);
        return chart;
    }

    private static XYChart trace(double[] trace) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(HEIGHT)
                .title("Log-likelihood per EM iteration").xAxisTitle("iteration")
                .yAxisTitle("total log-likelihood").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setXAxisDecimalPattern("#");
        // an explicit range makes XChart choose round tick spacing instead of one tick per iteration
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax((double) Math.max(trace.length, 1) + 1);
        chart.getStyler().setYAxisDecimalPattern("0.#");
        chart.getStyler().setLocale(java.util.Locale.ROOT);
        double[] xs = new double[Math.max(trace.length, 1)];
        double[] ys = new double[Math.max(trace.length, 1)];
        for (int i = 0; i < trace.length; i++) {
            xs[i] = i + 1;
            ys[i] = trace[i];
        }
        XYSeries series = chart.addSeries("log-likelihood", xs, ys);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setMarker(SeriesMarkers.CIRCLE);
        return chart;
    }
}
