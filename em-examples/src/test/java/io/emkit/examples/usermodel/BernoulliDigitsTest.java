package io.emkit.examples.usermodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.mixture.MixtureParameters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BernoulliDigitsTest {

    @Test
    void runsOnTheBundledDigitsAndPrintsEveryMeanImage() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        EmResult<MixtureParameters<BernoulliFamily.Components>> result;
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            result = BernoulliDigits.run(out, 400, EmOptions.builder().seed(1).maxIterations(30).threads(1).build());
        }
        String text = buffer.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("on 400 binarised 8x8 digits, k = 10");
        String lnL = text.lines().filter(line -> line.startsWith("mixture lnL ")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(lnL.substring("mixture lnL ".length())))
                .isCloseTo(result.logLikelihood(), within(1e-4));
        for (int c = 0; c < 10; c++) {
            assertThat(text).contains("component " + c + ": weight");
        }
        // 10 components x 8 image rows, each 4 spaces + 16 characters wide
        assertThat(text.lines().filter(line -> line.length() == 20 && line.startsWith("    "))).hasSize(80);
        assertThat(result.logLikelihood()).isGreaterThan(result.trace().get(0));
    }

    @Test
    void theSameFamilyServesAsHmmEmissionsAndPrintsTheHmmLogLikelihood() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        io.emkit.core.EmResult<io.emkit.hmm.HmmParameters> result = BernoulliDigits.hmmPart(out,
                io.emkit.core.EmOptions.builder().seed(1).threads(1).build());
        String text = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        String line = text.lines().filter(l -> l.startsWith("hmm lnL ")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(line.substring("hmm lnL ".length())))
                .isCloseTo(result.logLikelihood(), within(1e-4));
        // 400 digits x 64 bits: a fitted model beats independent fair coins (-64 ln 2 per digit) by far
        assertThat(result.logLikelihood()).isGreaterThan(-400 * 64 * Math.log(2) * 0.6);
        double[] trace = result.trace().toArray();
        for (int i = 1; i < trace.length; i++) {
            assertThat(trace[i]).isGreaterThanOrEqualTo(trace[i - 1] - 1e-6 * Math.abs(trace[i - 1]));
        }
    }
}
