package io.emkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emkit.gmm.GaussianMixture;
import io.emkit.io.model.SavedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The {@code em} command line end to end, in-process, on temporary files. */
class EmCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run em(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new EmCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Path fixturesDir() {
        String dir = System.getProperty("emkit.fixtures.dir");
        assertThat(dir).as("system property emkit.fixtures.dir").isNotNull();
        return Path.of(dir);
    }

    static Stream<Path> fixtures(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(fixturesDir())) {
            List<Path> list = files.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(".json")).sorted().toList();
            assertThat(list).isNotEmpty();
            return list.stream();
        }
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static String csv(JsonNode rows) {
        StringBuilder text = new StringBuilder();
        for (JsonNode row : rows) {
            List<String> cells = new ArrayList<>();
            for (JsonNode v : row) {
                cells.add(Double.toString(v.doubleValue()));
            }
            text.append(String.join(",", cells)).append('\n');
        }
        return text.toString();
    }

    /** The fixtures' rule: |a - e| <= tolerance * max|e| over the expected array. */
    private static void assertClose(String what, JsonNode actual, JsonNode expected, double tolerance) {
        List<Double> a = new ArrayList<>();
        List<Double> e = new ArrayList<>();
        flatten(actual, a);
        flatten(expected, e);
        assertThat(a).as(what + " size").hasSameSizeAs(e);
        double scale = 0;
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < e.size(); i++) {
            assertThat(Math.abs(a.get(i) - e.get(i))).as(what + "[" + i + "]").isLessThanOrEqualTo(tolerance * scale);
        }
    }

    private static void flatten(JsonNode node, List<Double> out) {
        if (node.isArray()) {
            node.forEach(child -> flatten(child, out));
        } else {
            out.add(node.doubleValue());
        }
    }

    @ParameterizedTest
    @MethodSource("gmmFixtures")
    void gmmFitMatchesEveryFixture(Path fixture) throws IOException {
        JsonNode c = JSON.readTree(fixture.toFile());
        Path data = write("x.csv", csv(c.get("data")));
        ObjectNode init = ((ObjectNode) c.get("init").deepCopy());
        init.put("kind", "gmm");
        init.put("covarianceType", c.get("covarianceType").asText());
        Path initFile = write("init.json", init.toString());
        Path out = dir.resolve("out.json");
        Run run = em("gmm", "fit", "--data", data.toString(), "--components", "" + c.get("init").get("weights").size(),
                "--covariance", c.get("covarianceType").asText(), "--init", initFile.toString(),
                "--max-iter", c.get("iterations").asText(), "--tol", "0", "--reg-covar",
                Double.toString(c.get("regCovar").doubleValue()), "--out", out.toString(), "--threads", "2");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode got = JSON.readTree(out.toFile());
        JsonNode expected = c.get("expected");
        double tolerance = c.get("tolerance").doubleValue();
        for (String key : List.of("weights", "means", "covariances", "logLikelihood", "logLikelihoodTrace")) {
            assertClose(fixture.getFileName() + " " + key, got.get(key), expected.get(key), tolerance);
        }
        assertThat(got.get("iterations").asInt()).isEqualTo(c.get("iterations").asInt());
        assertThat(got.get("converged").asBoolean()).isFalse();
        assertThat(got.get("fitSeconds").asDouble()).isGreaterThanOrEqualTo(0);
    }

    static Stream<Path> gmmFixtures() throws IOException {
        return fixtures("gmm-");
    }

    static Stream<Path> hmmFixtures() throws IOException {
        return fixtures("hmm-");
    }

    @ParameterizedTest
    @MethodSource("hmmFixtures")
    void hmmFitAndDecodeMatchEveryFixture(Path fixture) throws IOException {
        JsonNode c = JSON.readTree(fixture.toFile());
        boolean categorical = c.get("emission").asText().equals("categorical");
        StringBuilder text = new StringBuilder("seq,obs\n".replace("obs", categorical ? "roll" : "x"));
        if (!categorical) {
            text.setLength(0); // header must have one name per column; write none for d-dimensional data
        }
        JsonNode sequences = c.get("sequences");
        for (int s = 0; s < sequences.size(); s++) {
            for (JsonNode obs : sequences.get(s)) {
                text.append(s);
                if (obs.isArray()) {
                    for (JsonNode v : obs) {
                        text.append(',').append(categorical ? Integer.toString(v.asInt()) : Double.toString(v.doubleValue()));
                    }
                } else {
                    text.append(',').append(obs.asInt());
                }
                text.append('\n');
            }
        }
        Path data = write("seq.csv", text.toString());
        ObjectNode init = ((ObjectNode) c.get("init").deepCopy());
        init.put("kind", "hmm");
        init.put("emission", c.get("emission").asText());
        Path initFile = write("init.json", init.toString());
        Path out = dir.resolve("out.json");
        Run run = em("hmm", "fit", "--data", data.toString(), "--states", "" + c.get("init").get("startProb").size(),
                "--emission", c.get("emission").asText(), "--init", initFile.toString(), "--max-iter",
                c.get("iterations").asText(), "--tol", "0", "--reg-covar", "0", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode got = JSON.readTree(out.toFile());
        JsonNode trained = c.get("expected").get("trained");
        double tolerance = c.get("tolerance").doubleValue();
        assertClose("startProb", got.get("startProb"), trained.get("startProb"), tolerance);
        assertClose("transitions", got.get("transitions"), trained.get("transitions"), tolerance);
        trained.get("emissions").fieldNames().forEachRemaining(key ->
                assertClose("emissions." + key, got.get("emissions").get(key), trained.get("emissions").get(key),
                        tolerance));
        assertClose("logLikelihood", got.get("logLikelihood"), trained.get("logLikelihood"), tolerance);
        assertClose("trace[0]", got.get("logLikelihoodTrace").get(0), c.get("expected").get("initLogLikelihood"),
                tolerance);

        Run decode = em("hmm", "decode", "--model", initFile.toString(), "--data", data.toString());
        assertThat(decode.code()).as(decode.err()).isZero();
        List<String> lines = decode.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("sequence,step,state");
        JsonNode viterbi = c.get("expected").get("viterbi");
        int line = 1;
        for (int s = 0; s < viterbi.size(); s++) {
            for (int t = 0; t < viterbi.get(s).size(); t++) {
                assertThat(lines.get(line++)).isEqualTo(s + "," + t + "," + viterbi.get(s).get(t).asInt());
            }
        }
        assertThat(lines).hasSize(line);
    }

    private static final String FAITHFUL_HEAD = "3.6,79\n1.8,54\n3.333,74\n2.283,62\n4.533,85\n2.883,55\n4.7,88\n"
            + "3.6,85\n1.95,51\n4.35,85\n1.833,54\n3.917,84\n4.2,78\n1.75,47\n4.7,83\n2.167,52\n1.75,62\n4.8,84\n"
            + "1.6,52\n4.25,79\n";

    @Test
    void headerLineChangesNothing() throws IOException {
        Path plain = write("plain.csv", FAITHFUL_HEAD);
        Path headed = write("headed.csv", "eruptions,waiting\n" + FAITHFUL_HEAD);
        Run a = em("gmm", "fit", "--data", plain.toString(), "--components", "2", "-q");
        Run b = em("gmm", "fit", "--data", headed.toString(), "--components", "2", "-q");
        assertThat(a.code()).as(a.err()).isZero();
        JsonNode ja = JSON.readTree(a.out());
        JsonNode jb = JSON.readTree(b.out());
        ((ObjectNode) ja).remove("fitSeconds");
        ((ObjectNode) jb).remove("fitSeconds");
        assertThat(jb).isEqualTo(ja);
        assertThat(a.err()).isEmpty();
    }

    @Test
    void savedModelReadsBackBitForBitAndPredictsIdentically() throws IOException {
        Path data = write("x.csv", FAITHFUL_HEAD);
        Path model = dir.resolve("m.json");
        Run fit = em("gmm", "fit", "--data", data.toString(), "--components", "3", "--covariance", "full",
                "--out", model.toString(), "--seed", "7");
        assertThat(fit.code()).as(fit.err()).isZero();
        assertThat(fit.err()).contains("gmm fit: k = 3, full, n = 20, d = 2").contains("wrote " + model);

        GaussianMixture loaded = ModelJson.readGmm(model);
        String rewritten = ModelJson.toText(SavedModel.of(loaded));
        Path copy = write("copy.json", rewritten);
        GaussianMixture reloaded = ModelJson.readGmm(copy);
        assertThat(reloaded.weights()).isEqualTo(loaded.weights());
        assertThat(reloaded.means()).isDeepEqualTo(loaded.means());
        assertThat(reloaded.fullCovariances()).isDeepEqualTo(loaded.fullCovariances());
        assertThat(ModelJson.toText(SavedModel.of(reloaded))).isEqualTo(rewritten);
        // every number in the file is the exact double the fit produced
        JsonNode original = JSON.readTree(model.toFile());
        for (int j = 0; j < 3; j++) {
            assertThat(original.get("weights").get(j).doubleValue()).isEqualTo(loaded.weights()[j]);
        }

        Run p1 = em("gmm", "predict", "--model", model.toString(), "--data", data.toString(), "--proba");
        Run p2 = em("gmm", "predict", "--model", copy.toString(), "--data", data.toString(), "--proba");
        assertThat(p1.code()).isZero();
        assertThat(p1.out()).isEqualTo(p2.out());
        List<String> rows = p1.out().lines().toList();
        assertThat(rows).hasSize(20);
        for (String row : rows) {
            double sum = 0;
            for (String cell : row.split(",")) {
                sum += Double.parseDouble(cell);
            }
            assertThat(row.split(",")).hasSize(3);
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        }
        Run labels = em("gmm", "predict", "--model", model.toString(), "--data", data.toString());
        assertThat(labels.out().lines().toList()).hasSize(20).allMatch(s -> s.matches("[0-2]"));
        // labels are the argmax of the probabilities
        for (int i = 0; i < 20; i++) {
            String[] cells = rows.get(i).split(",");
            int best = 0;
            for (int j = 1; j < 3; j++) {
                if (Double.parseDouble(cells[j]) > Double.parseDouble(cells[best])) {
                    best = j;
                }
            }
            assertThat(labels.out().lines().toList().get(i)).isEqualTo(Integer.toString(best));
        }
    }

    @Test
    void zeroToleranceRunsExactlyMaxIterations() throws IOException {
        Path data = write("x.csv", FAITHFUL_HEAD);
        Run run = em("gmm", "fit", "--data", data.toString(), "--components", "2", "--tol", "0", "--max-iter", "17",
                "-q");
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.get("iterations").asInt()).isEqualTo(17);
        assertThat(json.get("logLikelihoodTrace")).hasSize(17);
        assertThat(json.get("converged").asBoolean()).isFalse();
    }

    @Test
    void everyCovarianceTypeWritesItsShape() throws IOException {
        Path data = write("x.csv", FAITHFUL_HEAD);
        int[][] shapes = {{2, 2, 2}, {2, 2}, {2}, {2, 2}};
        String[] types = {"full", "diag", "spherical", "tied"};
        for (int t = 0; t < types.length; t++) {
            Path out = dir.resolve(types[t] + ".json");
            Run run = em("gmm", "fit", "--data", data.toString(), "--components", "2", "--covariance", types[t],
                    "--out", out.toString(), "-q");
            assertThat(run.code()).as(run.err()).isZero();
            JsonNode cov = JSON.readTree(out.toFile()).get("covariances");
            for (int size : shapes[t]) {
                assertThat(cov.isArray()).isTrue();
                assertThat(cov).hasSize(size);
                cov = cov.get(0);
            }
            assertThat(cov.isNumber()).isTrue();
            // and the file is a valid --init
            Run again = em("gmm", "fit", "--data", data.toString(), "--components", "2", "--covariance", types[t],
                    "--init", out.toString(), "--max-iter", "1", "-q");
            assertThat(again.code()).as(again.err()).isZero();
        }
    }

    @Test
    void sampleWeightsOfTwoEqualADuplicatedRow() throws IOException {
        Path data = write("x.csv", FAITHFUL_HEAD);
        Path doubled = write("d.csv", FAITHFUL_HEAD + FAITHFUL_HEAD.lines().findFirst().orElseThrow() + "\n");
        StringBuilder w = new StringBuilder("weight\n2\n");
        for (int i = 1; i < 20; i++) {
            w.append("1\n");
        }
        Path weights = write("w.csv", w.toString());
        Path init = dir.resolve("init.json");
        assertThat(em("gmm", "fit", "--data", data.toString(), "--components", "2", "--out", init.toString(), "-q")
                .code()).isZero();
        Run a = em("gmm", "fit", "--data", data.toString(), "--weights", weights.toString(), "--components", "2",
                "--init", init.toString(), "--tol", "0", "--max-iter", "5", "-q");
        Run b = em("gmm", "fit", "--data", doubled.toString(), "--components", "2", "--init", init.toString(),
                "--tol", "0", "--max-iter", "5", "-q");
        assertThat(a.code()).as(a.err()).isZero();
        JsonNode ja = JSON.readTree(a.out());
        JsonNode jb = JSON.readTree(b.out());
        assertClose("means", ja.get("means"), jb.get("means"), 1e-12);
        assertClose("logLikelihood", ja.get("logLikelihood"), jb.get("logLikelihood"), 1e-12);
    }

    @Test
    void selectPrintsTheTableAndWritesTheBest() throws IOException {
        Path data = write("x.csv", FAITHFUL_HEAD);
        Path best = dir.resolve("best.json");
        Run run = em("gmm", "select", "--data", data.toString(), "--components", "1-3", "--covariance",
                "full,spherical", "--out", best.toString(), "-q");
        assertThat(run.code()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).contains("k", "type", "logLik", "p", "BIC", "AIC");
        assertThat(lines).hasSize(7);
        assertThat(lines.stream().filter(l -> l.endsWith("*"))).hasSize(1);
        // the starred row has the smallest BIC
        double smallest = Double.POSITIVE_INFINITY;
        double starred = Double.NaN;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.trim().split("\\s+");
            double bic = Double.parseDouble(cells[4]);
            smallest = Math.min(smallest, bic);
            if (line.endsWith("*")) {
                starred = bic;
            }
            // BIC = -2 lnL + p ln n with n = 20, hand-checkable from the row
            double expected = -2 * Double.parseDouble(cells[2]) + Integer.parseInt(cells[3]) * Math.log(20);
            assertThat(bic).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-3));
        }
        assertThat(starred).isEqualTo(smallest);
        assertThat(JSON.readTree(best.toFile()).get("kind").asText()).isEqualTo("gmm");
    }

    @Test
    void sampleIsSeededAndShaped() throws IOException {
        Path model = write("m.json", "{\"kind\":\"gmm\",\"covarianceType\":\"spherical\",\"weights\":[0.25,0.75],"
                + "\"means\":[[0,0,0],[10,10,10]],\"covariances\":[1,4]}");
        Run a = em("gmm", "sample", "--model", model.toString(), "--n", "400", "--seed", "5");
        Run b = em("gmm", "sample", "--model", model.toString(), "--n", "400", "--seed", "5");
        Run c = em("gmm", "sample", "--model", model.toString(), "--n", "400", "--seed", "6");
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(a.out()).isEqualTo(b.out()).isNotEqualTo(c.out());
        List<String> lines = a.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("x1,x2,x3,label");
        assertThat(lines).hasSize(401);
        int ones = 0;
        for (String line : lines.subList(1, 401)) {
            String[] cells = line.split(",");
            assertThat(cells).hasSize(4);
            int component = Integer.parseInt(cells[3]);
            ones += component;
            // each point lies within 6 standard deviations of its component's mean
            double mean = component == 0 ? 0 : 10;
            double sd = component == 0 ? 1 : 2;
            for (int a2 = 0; a2 < 3; a2++) {
                assertThat(Math.abs(Double.parseDouble(cells[a2]) - mean)).isLessThan(6 * sd);
            }
        }
        // 300 expected from component 1; a binomial(400, 0.75) lies in 300 +- 52 (six sd)
        assertThat(ones).isBetween(248, 352);
    }

    @Test
    void hmmSampleThenFitThenDecode() throws IOException {
        Path model = write("casino.json", "{\"kind\":\"hmm\",\"emission\":\"categorical\",\"startProb\":[1,0],"
                + "\"transitions\":[[0.95,0.05],[0.1,0.9]],\"emissions\":{\"probs\":[[0.2,0.2,0.2,0.2,0.1,0.1],"
                + "[0.1,0.1,0.1,0.1,0.1,0.5]]}}");
        Run sample = em("hmm", "sample", "--model", model.toString(), "--length", "50", "--sequences", "3", "--seed", "1");
        assertThat(sample.code()).as(sample.err()).isZero();
        List<String> lines = sample.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("sequence,step,state,symbol");
        assertThat(lines).hasSize(151);
        assertThat(lines.get(1)).startsWith("0,0,0,"); // startProb [1, 0]
        StringBuilder rolls = new StringBuilder("id,roll\n");
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            rolls.append(cells[0]).append(',').append(cells[3]).append('\n');
        }
        Path data = write("rolls.csv", rolls.toString());
        Path fitted = dir.resolve("fitted.json");
        Run fit = em("hmm", "fit", "--data", data.toString(), "--states", "2", "--emission", "categorical",
                "--max-iter", "20", "--out", fitted.toString(), "-q");
        assertThat(fit.code()).as(fit.err()).isZero();
        JsonNode json = JSON.readTree(fitted.toFile());
        assertThat(json.get("kind").asText()).isEqualTo("hmm");
        assertThat(json.get("emissions").get("probs")).hasSize(2);
        assertThat(json.get("logLikelihoodTrace").size()).isEqualTo(json.get("iterations").asInt());
        Run decode = em("hmm", "decode", "--model", fitted.toString(), "--data", data.toString());
        assertThat(decode.out().lines().toList()).hasSize(151);
        assertThat(decode.out().lines().skip(1)).allMatch(l -> l.matches("[0-2],\\d+,[01]"));
    }

    @Test
    void gaussianHmmFromRandomAndKmeansStarts() throws IOException {
        StringBuilder text = new StringBuilder();
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int s = 0; s < 2; s++) {
            int state = 0;
            for (int t = 0; t < 100; t++) {
                if (random.nextDouble() < 0.1) {
                    state = 1 - state;
                }
                text.append("seq").append(s).append(',').append(state * 5 + random.nextGaussian()).append(',')
                        .append(-state * 5 + random.nextGaussian()).append('\n');
            }
        }
        Path data = write("g.csv", text.toString());
        for (String init : List.of("random", "kmeans")) {
            Path out = dir.resolve(init + ".json");
            Run fit = em("hmm", "fit", "--data", data.toString(), "--states", "2", "--emission", "gaussian",
                    "--init", init, "--out", out.toString(), "-q");
            assertThat(fit.code()).as(fit.err()).isZero();
            JsonNode means = JSON.readTree(out.toFile()).get("emissions").get("means");
            double lo = Math.min(means.get(0).get(0).asDouble(), means.get(1).get(0).asDouble());
            double hi = Math.max(means.get(0).get(0).asDouble(), means.get(1).get(0).asDouble());
            assertThat(lo).as(init).isCloseTo(0, org.assertj.core.data.Offset.offset(0.6));
            assertThat(hi).as(init).isCloseTo(5, org.assertj.core.data.Offset.offset(0.6));
        }
        Run decode = em("hmm", "decode", "--model", dir.resolve("kmeans.json").toString(), "--data", data.toString());
        assertThat(decode.out().lines().skip(1).findFirst().orElseThrow()).startsWith("seq0,0,");
    }

    @Test
    void missingFileIsOneLineWithoutStackTrace() {
        Run run = em("gmm", "fit", "--data", dir.resolve("missing.csv").toString(), "--components", "2");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("em: " + dir.resolve("missing.csv") + ": no such file\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void badCellNamesLineAndColumn() throws IOException {
        Path data = write("bad.csv", "a,b\n1,2\n3,4\n5,six\n");
        Run run = em("gmm", "fit", "--data", data.toString(), "--components", "1");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("em: " + data + " line 4, column 1 (\"b\"): \"six\" is not a number; drop the"
                + " column with --drop b\n");
    }

    @Test
    void verbosePrintsTheStackTrace() throws IOException {
        Path data = write("bad.csv", "1,2\n3,x\n");
        Run run = em("gmm", "fit", "--data", data.toString(), "--components", "1", "--verbose");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).startsWith("em: " + data + " line 2, column 1").contains("\tat io.emkit");
    }

    @Test
    void wrongModelKindIsAClearError() throws IOException {
        Path data = write("x.csv", FAITHFUL_HEAD);
        Path gmm = write("g.json", "{\"kind\":\"gmm\",\"covarianceType\":\"spherical\",\"weights\":[1],"
                + "\"means\":[[0,0]],\"covariances\":[1]}");
        Run run = em("hmm", "decode", "--model", gmm.toString(), "--data", data.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("em: " + gmm + ": wrong model kind: the file holds a gmm model"
                + " (\"kind\": \"gmm\"), expected a hmm model\n");
        Path hmm = write("h.json", "{\"kind\":\"hmm\"}");
        Run predict = em("gmm", "predict", "--model", hmm.toString(), "--data", data.toString());
        assertThat(predict.err()).contains("wrong model kind").contains("expected a gmm model");
    }

    @Test
    void moreComponentsThanSamplesIsRefused() throws IOException {
        Path data = write("x.csv", "1,2\n3,4\n5,6\n");
        Run run = em("gmm", "fit", "--data", data.toString(), "--components", "4");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("em: --components (4) exceeds the number of samples (3) in " + data + "\n");
        Run select = em("gmm", "select", "--data", data.toString(), "--components", "1-5");
        assertThat(select.err()).contains("--components (5) exceeds the number of samples (3)");
    }

    @Test
    void malformedModelFilesNameTheField() throws IOException {
        Path data = write("x.csv", FAITHFUL_HEAD);
        Path shape = write("s.json", "{\"kind\":\"gmm\",\"covarianceType\":\"diag\",\"weights\":[0.5,0.5],"
                + "\"means\":[[0,0],[1,1]],\"covariances\":[[1,1],[1]]}");
        Run run = em("gmm", "predict", "--model", shape.toString(), "--data", data.toString());
        assertThat(run.err()).isEqualTo("em: " + shape + ": \"covariances\"[1] has 1 entries, expected 2\n");
        Path syntax = write("j.json", "{\"kind\": gmm}");
        assertThat(em("gmm", "predict", "--model", syntax.toString(), "--data", data.toString()).err())
                .startsWith("em: " + syntax + ": not valid JSON at line 1");
        Path dims = write("d.json", "{\"kind\":\"gmm\",\"covarianceType\":\"spherical\",\"weights\":[1],"
                + "\"means\":[[0,0,0]],\"covariances\":[1]}");
        assertThat(em("gmm", "predict", "--model", dims.toString(), "--data", data.toString()).err())
                .isEqualTo("em: " + data + ": the data have 2 columns but the model has d = 3\n");
    }

    @Test
    void usageErrorsExitWithTwo() {
        Run run = em("gmm", "fit", "--components", "2");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required option: '--data=X.csv'");
        assertThat(em("gmm", "frobnicate").code()).isEqualTo(2);
    }

    @Test
    void helpDocumentsEveryOption() {
        Run fit = em("gmm", "fit", "--help");
        assertThat(fit.code()).isZero();
        assertThat(fit.out()).contains("--data", "--components", "--covariance", "--init", "--max-iter", "--tol",
                "--reg-covar", "--restarts", "--seed", "--threads", "--weights", "--out", "--quiet", "--verbose");
        Run hmm = em("hmm", "fit", "--help");
        assertThat(hmm.out()).contains("--data", "--states", "--emission", "--init", "--max-iter", "--tol",
                "--reg-covar", "--seed", "--threads", "--out");
        assertThat(em("--help").out()).contains("gmm", "hmm");
        assertThat(em("hmm", "sample", "--help").out()).contains("--length", "--sequences", "--seed");
    }
}
