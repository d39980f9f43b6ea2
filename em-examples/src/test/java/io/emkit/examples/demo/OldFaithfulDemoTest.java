package io.emkit.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.GaussianMixtureSelection;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OldFaithfulDemoTest {

    @Test
    void selectsByBicAsMclustAndWritesThePicture(@TempDir Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OldFaithfulDemo.Outcome outcome = OldFaithfulDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), dir);
        String text = bytes.toString(StandardCharsets.UTF_8);

        GaussianMixtureSelection.Result selection = outcome.selection();
        assertThat(selection.table()).hasSize(24).noneMatch(GaussianMixtureSelection.Row::failed);
        // R mclust::mclustBIC(faithful) ranks EEE (tied), 3 first with BIC -2314.3 (mclust's sign
        // convention) and VVV (full), 2 next with -2322.2; lower is better here.
        GaussianMixtureSelection.Row best = selection.best();
        assertThat(best.k()).isEqualTo(3);
        assertThat(best.type()).isEqualTo(CovarianceType.TIED);
        assertThat(best.bic()).isCloseTo(2314.3, offset(0.5));
        GaussianMixtureSelection.Row fullTwo = selection.table().stream()
                .filter(c -> c.k() == 2 && c.type() == CovarianceType.FULL).findFirst().orElseThrow();
        assertThat(fullTwo.bic()).isCloseTo(2322.19, offset(0.05));

        assertThat(outcome.picture()).isEqualTo(dir.resolve(OldFaithfulDemo.PICTURE).toAbsolutePath());
        assertThat(text).contains("Chosen by BIC: k = 3, tied").contains(outcome.picture().toString());
        BufferedImage image = ImageIO.read(Files.newInputStream(outcome.picture()));
        assertThat(image.getWidth()).isEqualTo(2 * io.emkit.examples.plot.MixturePlot.PANEL_WIDTH);
        assertThat(image.getHeight()).isEqualTo(io.emkit.examples.plot.MixturePlot.HEIGHT);
    }
}
