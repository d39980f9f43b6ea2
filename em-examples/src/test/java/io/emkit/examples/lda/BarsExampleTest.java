package io.emkit.examples.lda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarsExampleTest {

    @TempDir
    Path dir;

    @Test
    void recoversTheBarsAndWritesThePicture() throws Exception {
        System.setProperty("java.awt.headless", "true");
        StringWriter text = new StringWriter();
        double worst = BarsExample.run(new PrintWriter(text, true), dir, 300, 100);
        assertThat(worst).isGreaterThanOrEqualTo(0.95);
        Path png = dir.resolve("lda-bars.png");
        assertThat(ImageIO.read(png.toFile()).getWidth()).isGreaterThan(100);
        assertThat(Files.size(png)).isPositive();
        assertThat(text.toString()).contains("topic 0:").contains("topic 2:");
    }
}
