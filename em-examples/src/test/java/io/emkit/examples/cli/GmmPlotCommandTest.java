package io.emkit.examples.cli;

import static io.emkit.examples.cli.EmCommandTest.em;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code em gmm plot} and {@code gmm fit --plot}: a PNG of the user's own fit, and clear errors. */
class GmmPlotCommandTest {

    @TempDir
    Path dir;

    @Test
    void fitPlotsAndPlotRedrawsFromTheModelFile() throws IOException {
        Path data = dir.resolve("iris.csv");
        try (InputStream in = getClass().getResourceAsStream("/io/emkit/examples/data/iris.csv")) {
            Files.copy(in, data);
        }
        Path model = dir.resolve("iris.json");
        Path fitPng = dir.resolve("fit.png");
        EmCommandTest.Run fit = em("gmm", "fit", "--data", data.toString(), "--drop", "species", "--components", "3",
                "--out", model.toString(), "--plot", fitPng.toString(), "-q");
        assertThat(fit.code()).as(fit.err()).isZero();
        BufferedImage image = ImageIO.read(fitPng.toFile());
        assertThat(image.getWidth()).isEqualTo(2 * io.emkit.examples.plot.MixturePlot.PANEL_WIDTH);

        Path plotPng = dir.resolve("petals.png");
        EmCommandTest.Run plot = em("gmm", "plot", "--model", model.toString(), "--data", data.toString(),
                "--drop", "species", "--axes", "2,3", "--out", plotPng.toString(), "-q");
        assertThat(plot.code()).as(plot.err()).isZero();
        assertThat(ImageIO.read(plotPng.toFile()).getHeight()).isEqualTo(io.emkit.examples.plot.MixturePlot.HEIGHT);

        EmCommandTest.Run bad = em("gmm", "plot", "--model", model.toString(), "--data", data.toString(),
                "--drop", "species", "--axes", "2,9", "--out", plotPng.toString());
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).contains("--axes 2,9 must name two different columns in 0..3");
        assertThat(ImageIO.read(plotPng.toFile())).as("the earlier picture is intact").isNotNull();
    }
}
