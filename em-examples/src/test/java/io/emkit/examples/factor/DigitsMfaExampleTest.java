package io.emkit.examples.factor;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The digits example: on all 1797 digits the MFA's BIC beats the diagonal GMM's, and the picture is written. */
class DigitsMfaExampleTest {

    @TempDir
    Path dir;

    @Test
    void mfaBeatsTheDiagonalMixtureOnBicAndDrawsEveryComponent() throws Exception {
        StringWriter text = new StringWriter();
        DigitsMfaExample.Comparison c = DigitsMfaExample.run(new PrintWriter(text), dir, 1797, 10, 4, 1);
        // more parameters, and still a lower BIC: the pixel correlations are worth them
        assertThat(c.mfaParameters()).isGreaterThan(c.gmmParameters());
        assertThat(c.mfaBic()).isLessThan(c.gmmBic());
        assertThat(c.mfaLogLikelihood()).isGreaterThan(c.gmmLogLikelihood());
        assertThat(c.mfaParameters()).isEqualTo(9 + 10L * (64 + 64 * 4 - 6 + 64));
        assertThat(text.toString()).contains("lower BIC: MFA");
        BufferedImage image = ImageIO.read(Files.newInputStream(dir.resolve("mfa-digits.png")));
        assertThat(image.getHeight()).isEqualTo(10 * 50 + 2);
        assertThat(image.getWidth()).isEqualTo(5 * 50 + 2);
    }
}
