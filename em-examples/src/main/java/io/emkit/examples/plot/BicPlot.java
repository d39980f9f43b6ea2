package io.emkit.examples.plot;

import io.emkit.gmm.GaussianMixtureSelection;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * BIC against the number of components, one line per covariance model, as mclust's
 * {@code plot.mclustBIC} (but in our sign, {@code -2 lnL + p ln n}: lower is better). Failed cells
 * leave gaps.
 */
public final class BicPlot {
    private BicPlot() {}

    /**
     * Draws a selection table.
     *
     * @param table the rows of a selection. Not modified.
     * @param mclustNames whether lines are named by mclust's model names (VVV) rather than
     *     scikit-learn's (full) for the four types both have
     * @return the chart as an image (800 × 600)
     */
    public static BufferedImage render(List<GaussianMixtureSelection.Row> table, boolean mclustNames) {
        XYChart chart = new XYChartBuilder().width(800).height(600).title("BIC by number of components")
                .xAxisTitle("number of components").yAxisTitle("BIC = -2 lnL + p ln n (lower is better)").build();
        Map<String, List<double[]>> lines = new LinkedHashMap<>();
        for (GaussianMixtureSelection.Row row : table) {
            if (!row.failed()) {
                lines.computeIfAbsent(mclustNames ? row.model().name() : row.modelName(), m -> new ArrayList<>()).add(new double[] {row.k(), row.bic()});
            }
        }
        for (Map.Entry<String, List<double[]>> line : lines.entrySet()) {
            double[] x = new double[line.getValue().size()];
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = line.getValue().get(i)[0];
                y[i] = line.getValue().get(i)[1];
            }
            chart.addSeries(line.getKey(), x, y).setMarker(SeriesMarkers.CIRCLE);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * Writes the chart as PNG, atomically (a temporary file in the same folder, then a rename).
     *
     * @param table the rows of a selection
     * @param mclustNames as for {@link #render}
     * @param file the target, replaced if it exists
     * @return the absolute path written
     * @throws IOException if it cannot be written
     */
    public static Path writePng(List<GaussianMixtureSelection.Row> table, boolean mclustNames, Path file)
            throws IOException {
        BufferedImage image = render(table, mclustNames);
        Path absolute = file.toAbsolutePath();
        Path folder = absolute.getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        Path temp = Files.createTempFile(folder, ".bic-", ".png.tmp");
        try {
            if (!ImageIO.write(image, "png", temp.toFile())) {
                throw new IOException("no PNG writer available");
            }
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return absolute;
    }
}
