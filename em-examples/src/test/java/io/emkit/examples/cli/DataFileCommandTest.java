package io.emkit.examples.cli;

import static io.emkit.examples.cli.EmCommandTest.em;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emkit.examples.cli.EmCommandTest.Run;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code em} CLI on data files as people have them (issue #11, "Reading real data files"):
 * pandas and R exports, Excel semicolons, tabs, comments, quoted names, encodings, and the
 * tool's own sample output fed back in.
 */
class DataFileCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Old Faithful, k = 2 full: the maximum-likelihood log-likelihood, as R mclust
     * ({@code Mclust(faithful, G = 2, modelNames = "VVV")}: -1130.264) and the scikit-learn fixture
     * gmm-old-faithful-k2-full.json (-1130.26396) report it. Fitting the pandas index as a third
     * column gave -2837.87 before.
     */
    private static final double FAITHFUL_K2_FULL_LOG_LIKELIHOOD = -1130.264;
    /** The fits run to --tol 1e-9, which is within 1e-3 of the optimum on this data. */
    private static final double LOG_LIKELIHOOD_TOLERANCE = 5e-3;

    private static List<String[]> faithful;
    private static String irisText;

    @TempDir
    Path dir;

    @BeforeAll
    static void bundledData() throws IOException {
        faithful = new ArrayList<>();
        String text = resource("old-faithful.csv");
        for (String line : text.lines().skip(1).toList()) {
            if (!line.isBlank()) {
                faithful.add(line.split(","));
            }
        }
        assertThat(faithful).hasSize(272);
        irisText = resource("iris.csv");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DataFileCommandTest.class.getResourceAsStream("/io/emkit/examples/data/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private Path writeBytes(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    /** The first {@code rows} Old Faithful rows: line {@code i} is {@code prefix(i) + eruptions sep waiting}. */
    private static String faithfulRows(int rows, String separator, String lineEnd, boolean pandasIndex) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            String[] row = faithful.get(i);
            if (pandasIndex) {
                text.append(i).append(separator);
            }
            text.append(Double.parseDouble(row[0])).append(separator).append(Integer.parseInt(row[1])).append(lineEnd);
        }
        return text.toString();
    }

    /** A quiet fit's model JSON, without its timing, for comparing fits of differently written files. */
    private static JsonNode fit(Path data, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("gmm", "fit", "--data", data.toString(), "--components", "2",
                "-q"));
        args.addAll(List.of(extra));
        Run run = em(args.toArray(new String[0]));
        assertThat(run.code()).as(run.err()).isZero();
        ObjectNode json = (ObjectNode) JSON.readTree(run.out());
        json.remove("fitSeconds");
        return json;
    }

    private JsonNode plainFaithfulFit(int rows) throws IOException {
        return fit(write("plain.csv", "eruptions,waiting\n" + faithfulRows(rows, ",", "\n", false)));
    }

    @Test
    void pandasToCsvFileIsFittedAsTwoDimensionsWithANote() throws IOException {
        Path pandas = write("faithful.csv", ",eruptions,waiting\n" + faithfulRows(272, ",", "\n", true));
        Run run = em("gmm", "fit", "--data", pandas.toString(), "--components", "2", "--covariance", "full",
                "--tol", "1e-9", "--max-iter", "1000");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains(pandas + ": column 0 has no header name (a pandas or R row index); dropped it")
                .contains("n = 272, d = 2");
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.get("means").get(0)).hasSize(2);
        assertThat(json.get("logLikelihood").asDouble())
                .isCloseTo(FAITHFUL_K2_FULL_LOG_LIKELIHOOD, Offset.offset(LOG_LIKELIHOOD_TOLERANCE));
    }

    @Test
    void irisWithDropSpecies() throws IOException {
        Path iris = write("iris.csv", irisText);
        Run run = em("gmm", "fit", "--data", iris.toString(), "--components", "3", "--drop", "species");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("n = 150, d = 4");
        assertThat(JSON.readTree(run.out()).get("means").get(0)).hasSize(4);
        Run byColumns = em("gmm", "fit", "--data", iris.toString(), "--components", "3", "--columns",
                "Petal.Length,Petal.Width", "-q");
        assertThat(JSON.readTree(byColumns.out()).get("means").get(0)).hasSize(2);
    }

    @Test
    void irisWithoutDropNamesTheColumnAndSuggestsDrop() throws IOException {
        Path iris = write("iris.csv", irisText);
        Run run = em("gmm", "fit", "--data", iris.toString(), "--components", "3");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("em: " + iris + " line 2, column 4 (\"species\"): \"setosa\" is not a number;"
                + " drop the column with --drop species\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void rWriteCsvIris() throws IOException {
        StringBuilder text = new StringBuilder("\"\",\"Sepal.Length\",\"Sepal.Width\",\"Petal.Length\",\"Petal.Width\","
                + "\"Species\"\n");
        List<String> lines = irisText.lines().skip(1).filter(l -> !l.isBlank()).toList();
        for (int i = 0; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            text.append('"').append(i + 1).append("\",").append(String.join(",", List.of(cells).subList(0, 4)))
                    .append(",\"").append(cells[4]).append("\"\n");
        }
        Path r = write("iris-r.csv", text.toString());
        Run run = em("gmm", "fit", "--data", r.toString(), "--components", "3", "--drop", "Species");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("n = 150, d = 4").contains("row index");
    }

    @Test
    void excelSemicolonFileWithBomAndCrlfFitsLikeTheCommaFile() throws IOException {
        byte[] body = ("eruptions;waiting\r\n" + faithfulRows(40, ";", "\r\n", false)).getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        assertThat(fit(writeBytes("excel.csv", bytes))).isEqualTo(plainFaithfulFit(40));
        assertThat(fit(writeBytes("excel2.csv", bytes), "--delimiter", ";")).isEqualTo(plainFaithfulFit(40));
    }

    @Test
    void tabSeparatedFileFitsLikeTheCommaFile() throws IOException {
        Path tab = write("faithful.tsv", "eruptions\twaiting\n" + faithfulRows(40, "\t", "\n", false));
        assertThat(fit(tab)).isEqualTo(plainFaithfulFit(40));
        assertThat(fit(tab, "--delimiter", "tab")).isEqualTo(plainFaithfulFit(40));
    }

    @Test
    void commentLinesAreSkipped() throws IOException {
        Path commented = write("c.csv", "# Old Faithful, first 40 rows\n# source: R datasets::faithful\n"
                + "eruptions,waiting\n" + faithfulRows(20, ",", "\n", false) + "# half way\n"
                + faithfulRows(40, ",", "\n", false).lines().skip(20).map(l -> l + "\n").reduce("", String::concat));
        assertThat(fit(commented)).isEqualTo(plainFaithfulFit(40));
    }

    @Test
    void quotedHeaderNameHoldingACommaIsOneColumn() throws IOException {
        Path quoted = write("q.csv", "\"eruptions, min\",\"waiting, min\"\n" + faithfulRows(40, ",", "\n", false));
        assertThat(fit(quoted)).isEqualTo(plainFaithfulFit(40));
        Path rows = write("r.csv", "\"duration, min\",\"note\"\n1.5,\"a, b\"\n2,\"c\"\n");
        Run run = em("gmm", "fit", "--data", rows.toString(), "--components", "1");
        assertThat(run.err()).isEqualTo("em: " + rows + " line 2, column 1 (\"note\"): \"a, b\" is not a number; drop"
                + " the column with --drop note\n");
    }

    @Test
    void headerSwitchOnANumericFirstLine() throws IOException {
        Path numeric = write("n.csv", faithfulRows(40, ",", "\n", false));
        Run auto = em("gmm", "fit", "--data", numeric.toString(), "--components", "2");
        Run no = em("gmm", "fit", "--data", numeric.toString(), "--components", "2", "--header", "no");
        Run yes = em("gmm", "fit", "--data", numeric.toString(), "--components", "2", "--header", "yes");
        assertThat(auto.err()).contains("n = 40, d = 2");
        assertThat(no.err()).contains("n = 40, d = 2");
        assertThat(yes.err()).contains("n = 39, d = 2");
        Run bad = em("gmm", "fit", "--data", numeric.toString(), "--components", "2", "--header", "maybe");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).isEqualTo("em: --header must be auto, yes or no, not \"maybe\"\n");
    }

    @Test
    void latin1WithAndWithoutEncoding() throws IOException {
        byte[] latin1 = ("durée,attente\n" + faithfulRows(40, ",", "\n", false)).getBytes(StandardCharsets.ISO_8859_1);
        Path file = writeBytes("latin1.csv", latin1);
        Run plain = em("gmm", "fit", "--data", file.toString(), "--components", "2");
        assertThat(plain.code()).isEqualTo(1);
        assertThat(plain.err()).isEqualTo("em: " + file + ": not UTF-8 at byte 3; use --encoding latin1, or the file's"
                + " encoding (line 1 has the byte 0xe9)\n");
        assertThat(fit(file, "--encoding", "latin1")).isEqualTo(plainFaithfulFit(40));
        Run unknown = em("gmm", "fit", "--data", file.toString(), "--components", "2", "--encoding", "klingon");
        assertThat(unknown.err()).startsWith("em: --encoding: unknown encoding \"klingon\"");
    }

    @Test
    void gmmSampleOutputFitsBackWithoutItsLabelColumn() throws IOException {
        Path model = write("m.json", "{\"kind\":\"gmm\",\"covarianceType\":\"spherical\",\"weights\":[0.4,0.6],"
                + "\"means\":[[0,0],[8,8]],\"covariances\":[1,1]}");
        Run sample = em("gmm", "sample", "--model", model.toString(), "--n", "400", "--seed", "3");
        assertThat(sample.code()).as(sample.err()).isZero();
        assertThat(sample.out().lines().findFirst().orElseThrow()).isEqualTo("x1,x2,label");
        Path points = write("points.csv", sample.out());
        Path fitted = dir.resolve("fitted.json");
        Run fit = em("gmm", "fit", "--data", points.toString(), "--components", "2", "--covariance", "spherical",
                "--out", fitted.toString());
        assertThat(fit.code()).as(fit.err()).isZero();
        assertThat(fit.err()).contains(points + ": dropped column 2 (\"label\") by default; name it in --columns to"
                + " keep it").contains("n = 400, d = 2");
        JsonNode means = JSON.readTree(fitted.toFile()).get("means");
        assertThat(means.get(0)).hasSize(2);
        // the two fitted means are the two true means, in some order, within 0.5 (400 points, unit variance)
        double lo = Math.min(means.get(0).get(0).asDouble(), means.get(1).get(0).asDouble());
        double hi = Math.max(means.get(0).get(0).asDouble(), means.get(1).get(0).asDouble());
        assertThat(lo).isCloseTo(0, Offset.offset(0.5));
        assertThat(hi).isCloseTo(8, Offset.offset(0.5));
        Run predict = em("gmm", "predict", "--model", fitted.toString(), "--data", points.toString(), "-q");
        assertThat(predict.code()).as(predict.err()).isZero();
        assertThat(predict.out().lines()).hasSize(400);
        Run keep = em("gmm", "fit", "--data", points.toString(), "--components", "2", "--columns", "x1,label", "-q");
        assertThat(JSON.readTree(keep.out()).get("means").get(0)).hasSize(2);
    }

    @Test
    void hmmSampleOutputFitsBackWithoutStateAndStep() throws IOException {
        Path model = write("g.json", "{\"kind\":\"hmm\",\"emission\":\"gaussian\",\"startProb\":[0.5,0.5],"
                + "\"transitions\":[[0.9,0.1],[0.2,0.8]],\"emissions\":{\"means\":[[0,0],[6,-6]],"
                + "\"covariances\":[[[1,0],[0,1]],[[1,0],[0,1]]]}}");
        Run sample = em("hmm", "sample", "--model", model.toString(), "--length", "100", "--sequences", "3");
        assertThat(sample.code()).as(sample.err()).isZero();
        assertThat(sample.out().lines().findFirst().orElseThrow()).isEqualTo("sequence,step,state,x1,x2");
        Path data = write("seq.csv", sample.out());
        Path fitted = dir.resolve("h.json");
        Run fit = em("hmm", "fit", "--data", data.toString(), "--states", "2", "--emission", "gaussian", "--out",
                fitted.toString());
        assertThat(fit.code()).as(fit.err()).isZero();
        assertThat(fit.err()).contains("dropped column 2 (\"state\") by default")
                .contains("dropped column 1 (\"step\") by default");
        assertThat(JSON.readTree(fitted.toFile()).get("emissions").get("means").get(0)).hasSize(2);
        Run decode = em("hmm", "decode", "--model", fitted.toString(), "--data", data.toString(), "-q");
        assertThat(decode.code()).as(decode.err()).isZero();
        assertThat(decode.out().lines()).hasSize(301);
    }

    @Test
    void interleavedSequenceIdsAreAnError() throws IOException {
        Path data = write("rolls.csv", "id,roll\na,1\na,2\nb,3\nb,0\na,4\n");
        Run run = em("hmm", "fit", "--data", data.toString(), "--states", "2", "--emission", "categorical");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("em: " + data + ": sequence id \"a\" reappears at line 6 after other ids (its"
                + " rows so far end at line 3); group each sequence's rows together\n");
    }

    @Test
    void stringSymbolsFromAFileBecomeTheModelsAlphabet() throws IOException {
        Path data = write("coins.csv", "id,coin\na,H\na,T\na,H\nb,T\n");
        Run run = em("hmm", "fit", "--data", data.toString(), "--states", "2", "--emission", "categorical", "-q");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"symbols\" : [\"H\",\"T\"]");
    }

    @Test
    void missingIsAcceptedButRefusedWhereTheModelCannotUseIt() throws IOException {
        Path data = write("m.csv", "a,b\n1,2\n3,\n5,6\n");
        Run without = em("gmm", "fit", "--data", data.toString(), "--components", "1");
        assertThat(without.err()).isEqualTo("em: " + data + " line 3, column 1 (\"b\"): the cell is empty; use"
                + " --missing to treat empty cells, NA and NaN as missing\n");
        Run with = em("hmm", "select", "--data", data.toString(), "--states", "1", "--emission", "gaussian",
                "--missing");
        assertThat(with.code()).isEqualTo(1);
        assertThat(with.err()).isEqualTo("em: --missing is not supported yet by em hmm select: the model cannot use"
                + " missing values yet; remove or fill in the rows with empty, NA or NaN cells\n");
    }

    @Test
    void unknownColumnListsTheNames() throws IOException {
        Path data = write("x.csv", "eruptions,waiting\n" + faithfulRows(10, ",", "\n", false));
        Run run = em("gmm", "select", "--data", data.toString(), "--components", "1-2", "--columns", "eruption");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("em: " + data + ": --columns names \"eruption\", which is not a column; the"
                + " columns are: eruptions, waiting\n");
    }

    @Test
    void everyDataCommandDocumentsTheDataOptions() {
        for (String[] command : List.of(new String[] {"gmm", "fit"}, new String[] {"gmm", "predict"},
                new String[] {"gmm", "select"}, new String[] {"hmm", "fit"}, new String[] {"hmm", "decode"})) {
            Run help = em(command[0], command[1], "--help");
            assertThat(help.out()).as(String.join(" ", command))
                    .contains("--columns", "--drop", "--delimiter", "--header", "--encoding", "--missing");
        }
    }
}
