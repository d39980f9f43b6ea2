package io.emkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emkit.core.EmOptions;
import io.emkit.core.IncompleteDataset;
import io.emkit.core.mixture.MixtureParameters;
import io.emkit.io.model.SavedModel;
import io.emkit.latent.factor.FactorAnalysers;
import io.emkit.latent.factor.IncompleteFactorMixture;
import io.emkit.latent.factor.FactorParameters;
import io.emkit.latent.factor.PPCA;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --missing} on {@code em fa fit}, {@code em ppca fit} and {@code em mfa fit} (CLI.md "Latent linear models"), against
 * the numpy reference of fixtures/missing/make_fa_missing_fixtures.py.
 */
class FactorMissingCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static JsonNode fixture(String name) throws IOException {
        return JSON.readTree(Path.of(System.getProperty("basedir", ".")).resolve("../fixtures/missing/" + name)
                .normalize().toFile());
    }

    /** The fixture's rows as CSV, missing cells written as empty, NA and NaN in turn; a last all-missing row. */
    Path csv(JsonNode f) throws IOException {
        JsonNode x = f.get("data");
        JsonNode m = f.get("missing");
        String[] tokens = {"", "NA", "NaN"};
        StringBuilder text = new StringBuilder();
        int d = x.get(0).size();
        for (int a = 0; a < d; a++) {
            text.append(a == 0 ? "" : ",").append("x").append(a);
        }
        text.append('\n');
        for (int i = 0; i < x.size(); i++) {
            for (int a = 0; a < d; a++) {
                text.append(a == 0 ? "" : ",").append(m.get(i).get(a).intValue() == 1 ? tokens[(i + a) % 3]
                        : Double.toString(x.get(i).get(a).doubleValue()));
            }
            text.append('\n');
        }
        text.append(",".repeat(d - 1)).append('\n');
        Path path = dir.resolve("x.csv");
        Files.writeString(path, text);
        return path;
    }

    static double maxRelative(JsonNode actual, JsonNode expected) {
        double diff = 0;
        double scale = 0;
        if (expected.isNumber()) {
            return Math.abs(actual.doubleValue() - expected.doubleValue()) / Math.abs(expected.doubleValue());
        }
        for (int i = 0; i < expected.size(); i++) {
            JsonNode e = expected.get(i);
            JsonNode a = actual.get(i);
            if (e.isArray()) {
                for (int j = 0; j < e.size(); j++) {
                    diff = Math.max(diff, Math.abs(a.get(j).doubleValue() - e.get(j).doubleValue()));
                    scale = Math.max(scale, Math.abs(e.get(j).doubleValue()));
                }
            } else {
                diff = Math.max(diff, Math.abs(a.doubleValue() - e.doubleValue()));
                scale = Math.max(scale, Math.abs(e.doubleValue()));
            }
        }
        return diff / scale;
    }

    /** From the fixture's start, exactly its iterations: the CLI's fit is the reference's, to 1e-9. */
    @Test
    void faFitMatchesTextbookReference() throws IOException {
        JsonNode f = fixture("fa-missing-d6-q2.json");
        Path data = csv(f);
        ObjectNode init = JSON.createObjectNode().put("kind", "factorAnalysis");
        init.setAll((ObjectNode) f.get("init"));
        Path start = dir.resolve("init.json");
        Files.writeString(start, init.toString());
        Path model = dir.resolve("fa.json");
        FactorCommandsTest.Run run = FactorCommandsTest.em("fa", "fit", "--data", data.toString(), "--factors", "2",
                "--missing", "--init", start.toString(), "--tol", "0", "--max-iter",
                Integer.toString(f.get("iterations").intValue()), "--out", model.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("missing cells");
        JsonNode json = JSON.readTree(model.toFile());
        assertThat(json.get("warnings").toString()).contains("1 row(s) missing in every column").contains("[200]");
        JsonNode e = f.get("expected");
        double tol = f.get("tolerance").doubleValue();
        assertThat(json.get("kind").textValue()).isEqualTo("factorAnalysis");
        assertThat(maxRelative(json.get("mean"), e.get("mean"))).isLessThan(tol);
        assertThat(maxRelative(json.get("loadings"), e.get("loadings"))).isLessThan(tol);
        assertThat(maxRelative(json.get("noiseVariances"), e.get("noiseVariances"))).isLessThan(tol);
        assertThat(maxRelative(json.get("logLikelihood"), e.get("logLikelihood"))).isLessThan(tol);
    }

    /** The default start: the library's fit of the same incomplete rows, and its observed-data likelihood. */
    @Test
    void ppcaFitWithMissingIsTheLibraryFit() throws IOException {
        JsonNode f = fixture("ppca-missing-d6-q2.json");
        Path data = csv(f);
        FactorCommandsTest.Run run = FactorCommandsTest.em("ppca", "fit", "--data", data.toString(), "--components",
                "2", "--missing", "--threads", "1");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.get("kind").textValue()).isEqualTo("ppca");
        double[][] x = new double[f.get("data").size()][];
        boolean[][] missing = new boolean[x.length][];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[6];
            missing[i] = new boolean[6];
            for (int a = 0; a < 6; a++) {
                x[i][a] = f.get("data").get(i).get(a).doubleValue();
                missing[i][a] = f.get("missing").get(i).get(a).intValue() == 1;
            }
        }
        IncompleteDataset incomplete = IncompleteDataset.of(x, missing);
        FactorParameters expected = PPCA.builder().factors(2).build().fit(incomplete,
                EmOptions.builder().tolerance(1e-10).maxIterations(10000).threads(1).build()).parameters();
        double ll = expected.logLikelihood(incomplete);
        assertThat(Math.abs(json.get("logLikelihood").doubleValue() - ll)).isLessThan(1e-9 * Math.abs(ll));
        assertThat(json.get("noiseVariance").doubleValue()).isEqualTo(expected.noiseVariance());
        // the fit improves on the reference's 40 iterations from its own start
        assertThat(ll).isGreaterThanOrEqualTo(f.get("expected").get("logLikelihood").doubleValue() - 1e-6);
    }

    /** The fixture's rows with their missing cells (without the CSV's extra all-missing row). */
    static IncompleteDataset incomplete(JsonNode f) {
        int d = f.get("data").get(0).size();
        double[][] x = new double[f.get("data").size()][d];
        boolean[][] missing = new boolean[x.length][d];
        for (int i = 0; i < x.length; i++) {
            for (int a = 0; a < d; a++) {
                x[i][a] = f.get("data").get(i).get(a).doubleValue();
                missing[i][a] = f.get("missing").get(i).get(a).intValue() == 1;
            }
        }
        return IncompleteDataset.of(x, missing);
    }

    /**
     * {@code em mfa fit --missing}: the file's log-likelihood is the observed-data one of its parameters, the
     * all-missing row is reported, the criteria count the informative rows, and a fit from the file does not
     * lose likelihood.
     */
    @Test
    void mfaFitWithMissing() throws IOException {
        JsonNode f = fixture("fa-missing-d6-q2.json");
        Path data = csv(f);
        Path model = dir.resolve("mfa.json");
        FactorCommandsTest.Run run = FactorCommandsTest.em("mfa", "fit", "--data", data.toString(), "--components",
                "2", "--factors", "1", "--missing", "--threads", "1", "--out", model.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("mfa fit: k = 2, q = 1, n = 201, d = 6").contains("missing cells");
        JsonNode json = JSON.readTree(model.toFile());
        assertThat(json.get("kind").textValue()).isEqualTo("mfa");
        assertThat(json.get("warnings").toString()).contains("1 row(s) missing in every column").contains("[200]");
        MixtureParameters<FactorAnalysers> p = ModelJson.read(model, SavedModel.Mfa.class).parameters();
        IncompleteDataset rows = incomplete(f);
        double ll = IncompleteFactorMixture.logLikelihood(p, rows);
        assertThat(Math.abs(json.get("logLikelihood").doubleValue() - ll)).isLessThan(1e-9 * Math.abs(ll));
        double bic = -2 * ll + p.parameterCount() * Math.log(rows.size());
        assertThat(Math.abs(json.get("bic").doubleValue() - bic)).isLessThan(1e-9 * Math.abs(bic));
        FactorCommandsTest.Run again = FactorCommandsTest.em("mfa", "fit", "--data", data.toString(), "--components",
                "2", "--factors", "1", "--missing", "--init", model.toString(), "--max-iter", "3");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(JSON.readTree(again.out()).get("logLikelihood").doubleValue())
                .isGreaterThanOrEqualTo(ll - 1e-9 * Math.abs(ll));
    }

    @Test
    void withoutMissingFlagEmptyCellsStayAnError() throws IOException {
        Path data = csv(fixture("fa-missing-d6-q2.json"));
        FactorCommandsTest.Run run = FactorCommandsTest.em("fa", "fit", "--data", data.toString(), "--factors", "2");
        assertThat(run.code()).isNotZero();
        assertThat(run.err().strip()).hasLineCount(1).contains("--missing");
    }
}
