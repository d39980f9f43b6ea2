package io.emkit.examples.cli;

import static io.emkit.examples.cli.EmCommandTest.em;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --missing} on {@code em hmm fit|decode|posteriors|score}, end to end: a missing symbol or a
 * wholly missing vector step emits with probability 1, a partly missing Gaussian step with its
 * observed marginal. The scores are checked against a forward
 * recursion written here from the model file's numbers (independent of em-hmm).
 */
class HmmMissingCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Two sequences of string symbols from a sticky chain, some cells empty, NA or NaN. */
    private Path symbols(List<List<String>> observed) throws IOException {
        String[][] emit = {{"H", "H", "H", "T"}, {"T", "T", "T", "H"}};
        String[] tokens = {"", "NA", "NaN"};
        SplittableRandom random = new SplittableRandom(5);
        StringBuilder text = new StringBuilder("id,coin\n");
        for (int r = 0; r < 2; r++) {
            int state = 0;
            List<String> row = new ArrayList<>();
            for (int t = 0; t < 80; t++) {
                state = random.nextDouble() < 0.1 ? 1 - state : state;
                String symbol = t > 0 && random.nextDouble() < 0.15 ? null : emit[state][random.nextInt(4)];
                row.add(symbol);
                text.append("s").append(r).append(',').append(symbol == null ? tokens[t % 3] : symbol).append('\n');
            }
            observed.add(row);
        }
        Path file = dir.resolve("coins.csv");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void categoricalWithMissingSymbols() throws IOException {
        List<List<String>> observed = new ArrayList<>();
        Path data = symbols(observed);
        Path model = dir.resolve("coins.json");

        EmCommandTest.Run refused = em("hmm", "fit", "--data", data.toString(), "--states", "2", "--emission",
                "categorical", "--out", model.toString());
        assertThat(refused.code()).isNotZero();
        assertThat(refused.err()).contains("use --missing").doesNotContain("\tat ").hasLineCount(1);

        EmCommandTest.Run fit = em("hmm", "fit", "--data", data.toString(), "--states", "2", "--emission",
                "categorical", "--out", model.toString(), "--missing", "-q");
        assertThat(fit.code()).as(fit.err()).isZero();
        JsonNode json = JSON.readTree(model.toFile());
        assertThat(json.get("symbols")).extracting(JsonNode::asText).containsExactlyInAnyOrder("H", "T");

        EmCommandTest.Run score = em("hmm", "score", "--model", model.toString(), "--data", data.toString(),
                "--missing", "--per-sequence");
        assertThat(score.code()).as(score.err()).isZero();
        List<String> lines = score.out().lines().toList();
        assertThat(lines).hasSize(3);
        double[] start = vector(json.get("startProb"));
        double[][] transitions = matrix(json.get("transitions"));
        double[][] probs = matrix(json.get("emissions").get("probs"));
        List<String> alphabet = List.of(json.get("symbols").get(0).asText(), json.get("symbols").get(1).asText());
        for (int r = 0; r < 2; r++) {
            List<String> row = observed.get(r);
            double[][] emission = new double[row.size()][2];
            for (int t = 0; t < row.size(); t++) {
                for (int s = 0; s < 2; s++) {
                    emission[t][s] = row.get(t) == null ? 1 : probs[s][alphabet.indexOf(row.get(t))];
                }
            }
            String[] cells = lines.get(r + 1).split(",");
            assertThat(cells[0]).isEqualTo("s" + r);
            assertThat(cells[1]).isEqualTo("80");
            assertThat(Double.parseDouble(cells[2])).isCloseTo(forward(start, transitions, emission), within(1e-9));
        }

        EmCommandTest.Run decode = em("hmm", "decode", "--model", model.toString(), "--data", data.toString(),
                "--missing");
        assertThat(decode.code()).as(decode.err()).isZero();
        assertThat(decode.out().lines()).hasSize(161);
        EmCommandTest.Run posteriors = em("hmm", "posteriors", "--model", model.toString(), "--data",
                data.toString(), "--missing");
        assertThat(posteriors.code()).as(posteriors.err()).isZero();
        List<String> rows = posteriors.out().lines().toList();
        assertThat(rows).hasSize(161);
        String[] p = rows.get(5).split(",");
        assertThat(Double.parseDouble(p[2]) + Double.parseDouble(p[3])).isCloseTo(1, within(1e-12));
    }

    @Test
    void gaussianWithWhollyAndPartlyMissingSteps() throws IOException {
        SplittableRandom random = new SplittableRandom(9);
        List<double[]> xs = new ArrayList<>();
        StringBuilder text = new StringBuilder("id,x,y\n");
        int state = 0;
        for (int t = 0; t < 150; t++) {
            state = random.nextDouble() < 0.05 ? 1 - state : state;
            double[] x = {state * 4 + random.nextGaussian(), -state * 3 + random.nextGaussian()};
            boolean missing = t % 17 == 3;
            boolean partly = t % 13 == 5; // one coordinate missing: the observed marginal
            xs.add(missing ? null : partly ? new double[] {x[0], Double.NaN} : x);
            text.append("a,").append(missing ? (t % 2 == 0 ? "," : "NA,NaN") : partly ? x[0] + ",NA"
                    : x[0] + "," + x[1]).append('\n');
        }
        Path data = dir.resolve("g.csv");
        Files.writeString(data, text);
        Path model = dir.resolve("g.json");
        EmCommandTest.Run fit = em("hmm", "fit", "--data", data.toString(), "--states", "2", "--emission", "gaussian",
                "--covariance", "full", "--out", model.toString(), "--missing", "-q");
        assertThat(fit.code()).as(fit.err()).isZero();
        JsonNode json = JSON.readTree(model.toFile());
        double[][] means = matrix(json.get("emissions").get("means"));
        assertThat(Math.max(means[0][0], means[1][0])).isCloseTo(4, within(0.5));

        EmCommandTest.Run score = em("hmm", "score", "--model", model.toString(), "--data", data.toString(),
                "--missing");
        assertThat(score.code()).as(score.err()).isZero();
        JsonNode scored = JSON.readTree(score.out());
        double[][] emission = new double[xs.size()][2];
        for (int t = 0; t < xs.size(); t++) {
            for (int s = 0; s < 2; s++) {
                emission[t][s] = xs.get(t) == null ? 1
                        : normal2(xs.get(t), means[s], matrix(json.get("emissions").get("covariances").get(s)));
            }
        }
        assertThat(scored.get("logLikelihood").asDouble()).isCloseTo(
                forward(vector(json.get("startProb")), matrix(json.get("transitions")), emission), within(1e-8));

        EmCommandTest.Run decode = em("hmm", "decode", "--model", model.toString(), "--data", data.toString(),
                "--missing");
        assertThat(decode.code()).as(decode.err()).isZero();
        assertThat(decode.out().lines()).hasSize(151);
        EmCommandTest.Run withoutFlag = em("hmm", "decode", "--model", model.toString(), "--data", data.toString());
        assertThat(withoutFlag.code()).isNotZero();
        assertThat(withoutFlag.err()).contains("line 5").contains("use --missing").hasLineCount(1);
    }

    @Test
    void missingWithStreamIsRefused() throws IOException {
        Path data = dir.resolve("s.csv");
        Files.writeString(data, "id,x\na,1\na,\na,2\n");
        EmCommandTest.Run run = em("hmm", "fit", "--data", data.toString(), "--states", "1", "--emission", "gaussian",
                "--stream", "--missing");
        assertThat(run.code()).isNotZero();
        assertThat(run.err()).isEqualTo("em: --missing cannot be combined with --stream yet; fit in memory (drop"
                + " --stream)\n");
    }

    /** log P(observations) by the scaled forward recursion; {@code emission[t][s]} the emission probability. */
    static double forward(double[] start, double[][] transitions, double[][] emission) {
        int states = start.length;
        double[] alpha = new double[states];
        double log = 0;
        for (int t = 0; t < emission.length; t++) {
            double[] next = new double[states];
            double sum = 0;
            for (int j = 0; j < states; j++) {
                double into = 0;
                if (t == 0) {
                    into = start[j];
                } else {
                    for (int i = 0; i < states; i++) {
                        into += alpha[i] * transitions[i][j];
                    }
                }
                next[j] = into * emission[t][j];
                sum += next[j];
            }
            for (int j = 0; j < states; j++) {
                next[j] /= sum;
            }
            alpha = next;
            log += Math.log(sum);
        }
        return log;
    }

    /** The bivariate normal density, or the marginal of the first coordinate when the second is NaN. */
    static double normal2(double[] x, double[] mean, double[][] c) {
        if (Double.isNaN(x[1])) {
            double r = x[0] - mean[0];
            return Math.exp(-0.5 * r * r / c[0][0]) / Math.sqrt(2 * Math.PI * c[0][0]);
        }
        double det = c[0][0] * c[1][1] - c[0][1] * c[1][0];
        double a = x[0] - mean[0];
        double b = x[1] - mean[1];
        double q = (c[1][1] * a * a - (c[0][1] + c[1][0]) * a * b + c[0][0] * b * b) / det;
        return Math.exp(-0.5 * q) / (2 * Math.PI * Math.sqrt(det));
    }

    static double[] vector(JsonNode node) {
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asDouble();
        }
        return out;
    }

    static double[][] matrix(JsonNode node) {
        double[][] out = new double[node.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector(node.get(i));
        }
        return out;
    }
}
