package io.emkit.examples.cli;

import static io.emkit.examples.cli.EmCommandTest.em;
import static org.assertj.core.api.Assertions.assertThat;

import io.emkit.core.mixture.MixtureParameters;
import io.emkit.gmm.GaussianMixture;
import io.emkit.hmm.FittedHmm;
import io.emkit.hmm.HmmParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code em gmm sample} and {@code em hmm sample} write rows as they are drawn, to stdout or atomically to --out. */
class SampleCommandTest {

    @TempDir
    Path dir;

    private Path gmm() throws IOException {
        Path model = dir.resolve("m.json");
        Files.writeString(model, "{\"kind\":\"gmm\",\"covarianceType\":\"diag\",\"weights\":[0.4,0.6],"
                + "\"means\":[[0,1],[5,-2]],\"covariances\":[[1,2],[0.5,0.25]]}");
        return model;
    }

    private Path hmm() throws IOException {
        Path model = dir.resolve("h.json");
        Files.writeString(model, "{\"kind\":\"hmm\",\"emission\":\"gaussian\",\"covarianceType\":\"diag\","
                + "\"startProb\":[0.5,0.5],\"transitions\":[[0.9,0.1],[0.2,0.8]],"
                + "\"emissions\":{\"means\":[[0,0],[3,1]],\"covariances\":[[1,1],[0.5,2]]}}");
        return model;
    }

    @Test
    void gmmSampleRowsAreTheLibrarySampleOverSeveralBlocksOnStdoutAndInAFile() throws IOException {
        Path model = gmm();
        int n = 2 * MixtureParameters.SAMPLE_BLOCK + 5;
        GaussianMixture mixture = ModelJson.readGmm(model);
        MixtureParameters.Sample sample = mixture.sample(n, new SplittableRandom(7));
        StringBuilder expected = new StringBuilder("x1,x2,label\n");
        for (int i = 0; i < n; i++) {
            expected.append(sample.points().get(i, 0)).append(',').append(sample.points().get(i, 1)).append(',')
                    .append(sample.labels().get(i)).append('\n');
        }
        EmCommandTest.Run run = em("gmm", "sample", "--model", model.toString(), "--n", "" + n, "--seed", "7");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(expected.toString());
        Path out = dir.resolve("x.csv");
        run = em("gmm", "sample", "--model", model.toString(), "--n", "" + n, "--seed", "7", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(Files.readString(out)).isEqualTo(expected.toString());
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("m.json", "x.csv");
        }
    }

    @Test
    void hmmSampleRowsAreTheLibrarySampleOverSeveralBlocks() throws IOException {
        Path model = hmm();
        HmmParameters parameters = ModelJson.readHmm(model);
        int length = FittedHmm.SAMPLE_BLOCK + 100;
        SplittableRandom random = new SplittableRandom(3);
        StringBuilder expected = new StringBuilder("sequence,step,state,x1,x2\n");
        for (int r = 0; r < 2; r++) {
            FittedHmm.SampledSequence s = FittedHmm.of(parameters).sample(length, random);
            double[] values = s.observations().values(0);
            for (int t = 0; t < length; t++) {
                expected.append(r).append(',').append(t).append(',').append(s.states().get(t)).append(',')
                        .append(values[2 * t]).append(',').append(values[2 * t + 1]).append('\n');
            }
        }
        Path out = dir.resolve("seq.csv");
        Files.writeString(out, "old");
        EmCommandTest.Run run = em("hmm", "sample", "--model", model.toString(), "--length", "" + length,
                "--sequences", "2", "--seed", "3", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Files.readString(out)).isEqualTo(expected.toString());
        run = em("hmm", "sample", "--model", model.toString(), "--length", "" + length, "--sequences", "2", "--seed", "3");
        assertThat(run.out()).isEqualTo(expected.toString());
    }

    @Test
    void sizesAreCheckedAsLongs() throws IOException {
        Path gmm = gmm();
        Path hmm = hmm();
        assertThat(em("gmm", "sample", "--model", gmm.toString(), "--n", "0").err())
                .isEqualTo("em: --n (0) must be >= 1\n");
        assertThat(em("gmm", "sample", "--model", gmm.toString(), "--n", "-3000000000").err())
                .isEqualTo("em: --n (-3000000000) must be >= 1\n");
        EmCommandTest.Run tooBig = em("gmm", "sample", "--model", gmm.toString(), "--n", "99999999999999999999");
        assertThat(tooBig.code()).isEqualTo(2);
        assertThat(tooBig.err()).contains("--n").contains("99999999999999999999");
        assertThat(em("hmm", "sample", "--model", hmm.toString(), "--length", "0").err())
                .isEqualTo("em: --length (0) must be >= 1\n");
        assertThat(em("hmm", "sample", "--model", hmm.toString(), "--length", "5000000000", "--sequences",
                "5000000000").err()).isEqualTo("em: --length (5000000000) x --sequences (5000000000) exceeds "
                        + Long.MAX_VALUE + " steps\n");
        // a failed sample leaves an existing file alone
        Path out = dir.resolve("keep.csv");
        Files.writeString(out, "old");
        assertThat(em("hmm", "sample", "--model", gmm.toString(), "--length", "5", "--out", out.toString()).code())
                .isEqualTo(1);
        assertThat(Files.readString(out)).isEqualTo("old");
    }
}
