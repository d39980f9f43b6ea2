package io.emkit.examples.cli;

import static io.emkit.examples.cli.EmCommandTest.em;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code em hmm} with string symbols, {@code posteriors} and {@code select}, end to end. */
class HmmSymbolsAndSelectCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A weather-like file: ids, then string symbols from a sticky two-state chain. */
    private Path weather() throws IOException {
        String[][] emit = {{"sun", "sun", "sun", "cloud"}, {"rain", "rain", "cloud", "cloud"}};
        SplittableRandom random = new SplittableRandom(8);
        StringBuilder text = new StringBuilder("day,weather\n");
        for (int r = 0; r < 4; r++) {
            int state = 0;
            for (int t = 0; t < 120; t++) {
                if (random.nextDouble() < 0.08) {
                    state = 1 - state;
                }
                text.append("city").append(r).append(',').append(emit[state][random.nextInt(4)]).append('\n');
            }
        }
        Path file = dir.resolve("weather.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void stringSymbolsAreKeptInTheModelAndUsedToDecode() throws IOException {
        Path data = weather();
        Path model = dir.resolve("weather.json");
        EmCommandTest.Run fit = em("hmm", "fit", "--data", data.toString(), "--states", "2", "--emission",
                "categorical", "--out", model.toString(), "-q");
        assertThat(fit.code()).as(fit.err()).isZero();
        JsonNode json = JSON.readTree(model.toFile());
        List<String> firstAppearance = Files.readAllLines(data).stream().skip(1).map(l -> l.split(",")[1]).distinct()
                .toList();
        assertThat(json.get("symbols")).extracting(JsonNode::asText).containsExactlyElementsOf(firstAppearance)
                .containsExactlyInAnyOrder("sun", "cloud", "rain");
        assertThat(json.get("emissions").get("probs").get(0)).hasSize(3);

        EmCommandTest.Run decode = em("hmm", "decode", "--model", model.toString(), "--data", data.toString());
        assertThat(decode.code()).as(decode.err()).isZero();
        assertThat(decode.out().lines()).hasSize(481);

        EmCommandTest.Run sample = em("hmm", "sample", "--model", model.toString(), "--length", "5");
        assertThat(sample.out().lines().skip(1)).allMatch(l -> l.matches("0,\\d,[01],(sun|cloud|rain)"));

        Path unknown = dir.resolve("snow.csv");
        Files.writeString(unknown, "day,weather\na,sun\na,snow\n", StandardCharsets.UTF_8);
        EmCommandTest.Run bad = em("hmm", "decode", "--model", model.toString(), "--data", unknown.toString());
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).contains("line 3").contains("symbol \"snow\" is not in the model's alphabet");
    }

    @Test
    void posteriorsAreOneRowPerStepSummingToOne() throws IOException {
        Path data = weather();
        Path model = dir.resolve("weather.json");
        assertThat(em("hmm", "fit", "--data", data.toString(), "--states", "2", "--emission", "categorical",
                "--out", model.toString(), "-q").code()).isZero();
        EmCommandTest.Run run = em("hmm", "posteriors", "--model", model.toString(), "--data", data.toString());
        assertThat(run.code()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("sequence,step,p0,p1");
        assertThat(lines).hasSize(481);
        assertThat(lines.get(1)).startsWith("city0,0,");
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            assertThat(Double.parseDouble(cells[2]) + Double.parseDouble(cells[3])).isCloseTo(1.0, within(1e-12));
        }
    }

    @Test
    void selectPrintsTheTableAndTheBestStateCount() throws IOException {
        Path data = weather();
        EmCommandTest.Run run = em("hmm", "select", "--data", data.toString(), "--states", "1-3", "--emission",
                "categorical", "--format", "json", "--restarts", "2");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.get("criterion").asText()).isEqualTo("bic");
        assertThat(json.get("table")).hasSize(3);
        for (JsonNode row : json.get("table")) {
            assertThat(row.get("status").asText()).isEqualTo("ok");
            assertThat(row.get("model").asText()).isEqualTo("categorical");
            double bic = -2 * row.get("logLikelihood").asDouble() + row.get("parameters").asInt() * Math.log(480);
            assertThat(row.get("bic").asDouble()).isCloseTo(bic, within(1e-9 * Math.abs(bic)));
        }
        // a 1-state model needs 2 parameters; 2 states: 1 + 2 + 4 = 7
        assertThat(json.get("table").get(0).get("parameters").asInt()).isEqualTo(2);
        assertThat(json.get("table").get(1).get("parameters").asInt()).isEqualTo(7);
        assertThat(json.get("best").get("states").asInt()).isEqualTo(2);

        EmCommandTest.Run csv = em("hmm", "select", "--data", data.toString(), "--states", "2,3", "--emission",
                "categorical", "--format", "csv");
        assertThat(csv.out().lines().findFirst()).contains("model,states,logLikelihood,parameters,bic,status");
        EmCommandTest.Run bad = em("hmm", "select", "--data", data.toString(), "--states", "1-2000000000",
                "--emission", "categorical");
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).contains("at most 1000 counts");
    }
}
