package io.emkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emkit.core.IncompleteDataset;
import io.emkit.gmm.GaussianMixture;
import io.emkit.gmm.IncompleteGaussianMixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --missing} on {@code em gmm fit} and {@code predict}, and {@code em gmm impute} (CLI.md). */
class GmmMissingCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    Path data;
    double[][] rows;

    @BeforeEach
    void writeData() throws IOException {
        SplittableRandom random = new SplittableRandom(8);
        rows = new double[120][3];
        StringBuilder text = new StringBuilder("a,b,c\n");
        String[] tokens = {"", "NA", "NaN"};
        for (int i = 0; i < rows.length; i++) {
            double shift = i % 2 == 0 ? 0 : 5;
            for (int a = 0; a < 3; a++) {
                rows[i][a] = shift + random.nextGaussian();
                boolean missing = i > 0 && random.nextDouble() < 0.15;
                if (missing) {
                    rows[i][a] = Double.NaN;
                }
                text.append(a == 0 ? "" : ",").append(missing ? tokens[(i + a) % 3] : Double.toString(rows[i][a]));
            }
            text.append('\n');
        }
        text.append(",NA,\n"); // a row missing in every column
        data = dir.resolve("x.csv");
        Files.writeString(data, text);
    }

    @Test
    void fitPredictAndImpute() throws IOException {
        Path model = dir.resolve("m.json");
        FactorCommandsTest.Run fit = FactorCommandsTest.em("gmm", "fit", "--data", data.toString(), "--components", "2",
                "--missing", "--out", model.toString(), "--seed", "3");
        assertThat(fit.code()).as(fit.err()).isZero();
        JsonNode json = JSON.readTree(model.toFile());
        assertThat(json.get("means")).hasSize(2);
        assertThat(json.get("warnings").toString()).contains("1 row(s) missing in every column").contains("[120]");
        assertThat(fit.err()).contains("missing cells");

        GaussianMixture mixture = ModelJson.readGmm(model);
        double[][] withEmpty = new double[rows.length + 1][];
        System.arraycopy(rows, 0, withEmpty, 0, rows.length);
        withEmpty[rows.length] = new double[] {Double.NaN, Double.NaN, Double.NaN};
        IncompleteDataset incomplete = IncompleteDataset.of(withEmpty);
        // the fitted means sit near the two clusters
        double[][] means = mixture.means();
        double low = Math.min(means[0][0], means[1][0]);
        assertThat(low).isCloseTo(0, within(0.5));

        FactorCommandsTest.Run predict = FactorCommandsTest.em("gmm", "predict", "--model", model.toString(), "--data",
                data.toString(), "--missing", "--format", "csv", "--proba");
        assertThat(predict.code()).as(predict.err()).isZero();
        List<String> lines = predict.out().lines().toList();
        assertThat(lines).hasSize(rows.length + 2);
        int[] labels = IncompleteGaussianMixture.labels(mixture, incomplete);
        assertThat(lines.get(6)).startsWith("5," + labels[5] + ",");

        Path out = dir.resolve("y.csv");
        FactorCommandsTest.Run impute = FactorCommandsTest.em("gmm", "impute", "--model", model.toString(), "--data",
                data.toString(), "--missing", "--out", out.toString());
        assertThat(impute.code()).as(impute.err()).isZero();
        List<String> written = Files.readAllLines(out);
        assertThat(written.get(0)).isEqualTo("a,b,c");
        assertThat(written).hasSize(rows.length + 2);
        double[][] expected = IncompleteGaussianMixture.impute(mixture, incomplete);
        for (int i = 0; i < withEmpty.length; i++) {
            String[] cells = written.get(i + 1).split(",");
            for (int a = 0; a < 3; a++) {
                assertThat(Double.parseDouble(cells[a])).as("row %d col %d", i, a).isEqualTo(expected[i][a]);
                if (!Double.isNaN(withEmpty[i][a])) {
                    assertThat(expected[i][a]).isEqualTo(withEmpty[i][a]);
                }
            }
        }

        FactorCommandsTest.Run draws = FactorCommandsTest.em("gmm", "impute", "--model", model.toString(), "--data",
                data.toString(), "--missing", "--draws", "3");
        assertThat(draws.code()).as(draws.err()).isZero();
        List<String> drawn = draws.out().lines().toList();
        assertThat(drawn.get(0)).isEqualTo("draw,a,b,c");
        assertThat(drawn).hasSize(3 * (rows.length + 1) + 1).noneMatch(l -> l.contains("NaN"));
        assertThat(drawn.get(1 + 2 * (rows.length + 1))).startsWith("2,");
    }

    @Test
    void withoutMissingTheCellsStayErrorsAndAnEmptyColumnIsNamed() throws IOException {
        FactorCommandsTest.Run without = FactorCommandsTest.em("gmm", "fit", "--data", data.toString(), "--components",
                "2");
        assertThat(without.code()).isEqualTo(1);
        assertThat(without.err()).contains("use --missing").hasLineCount(1);
        Path empty = dir.resolve("e.csv");
        Files.writeString(empty, "a,b\n1,\n2,NA\n3,NaN\n");
        FactorCommandsTest.Run column = FactorCommandsTest.em("gmm", "fit", "--data", empty.toString(), "--components",
                "1", "--missing");
        assertThat(column.code()).isEqualTo(1);
        assertThat(column.err()).isEqualTo("em: " + empty + ": column \"b\" is missing in every row; drop it with"
                + " --drop b\n");
        FactorCommandsTest.Run stream = FactorCommandsTest.em("gmm", "fit", "--data", data.toString(), "--components",
                "2", "--missing", "--stream");
        assertThat(stream.err()).contains("--missing cannot be combined with --stream").hasLineCount(1);
    }
}
