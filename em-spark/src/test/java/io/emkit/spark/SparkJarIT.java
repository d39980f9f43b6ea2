package io.emkit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command line as a user runs it: {@code java -jar target/em-spark.jar ... --master local[2]}
 * in a fresh JVM, with nothing on its class path but the jar's manifest (target/lib), on a GMM and an HMM
 * fixture; the JSON it writes must match the fixtures' reference values. Run by failsafe after
 * {@code package}.
 */
class SparkJarIT {

    /** Generous: a JVM and a Spark session start on a shared 2-core machine. */
    private static final long TIMEOUT_SECONDS = 300;

    private static Path jar;

    @TempDir
    Path dir;

    @BeforeAll
    static void findJar() throws IOException {
        String property = System.getProperty("emkit.spark.jar");
        assertThat(property).as("system property emkit.spark.jar").isNotNull();
        jar = Path.of(property);
        assertThat(jar).exists();
        try (JarFile file = new JarFile(jar.toFile())) {
            String classPath = file.getManifest().getMainAttributes().getValue("Class-Path");
            assertThat(classPath).as("the manifest's Class-Path").contains("lib/spark-core_");
            for (String entry : classPath.trim().split(" +")) {
                assertThat(jar.resolveSibling(entry)).as("manifest entry " + entry).exists();
            }
        }
    }

    record Run(int code, String out, String err) {}

    /** {@code java -jar em-spark.jar args}, bound to the loopback address (SPARK_LOCAL_IP). */
    private Run javaJar(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx1g", "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("java -jar " + String.join(" ", args) + " did not finish in "
                    + TIMEOUT_SECONDS + " s");
        }
        return new Run(process.exitValue(), Files.readString(dir.resolve("stdout.txt")),
                Files.readString(dir.resolve("stderr.txt")));
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void gmmFitOfTheJarMatchesAFixture() throws Exception {
        JsonNode c = FixtureFiles.read(FixtureFiles.list("gmm-synthetic-d3-k3-full").get(0));
        Path data = write("x.csv", FixtureFiles.gmmCsv(c));
        Path init = write("init.json", FixtureFiles.gmmInit(c));
        Path out = dir.resolve("model.json");
        Run run = javaJar("gmm", "fit", "--data", data.toString(), "--components",
                "" + c.get("init").get("weights").size(), "--covariance", c.get("covarianceType").asText(),
                "--init", init.toString(), "--max-iter", c.get("iterations").asText(), "--tol", "0",
                "--reg-covar", Double.toString(c.get("regCovar").doubleValue()), "--out", out.toString(),
                "--master", "local[2]", "-q");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode got = FixtureFiles.JSON.readTree(out.toFile());
        assertThat(got.get("kind").asText()).isEqualTo("gmm");
        assertThat(got.get("iterations").asInt()).isEqualTo(c.get("iterations").asInt());
        JsonNode expected = c.get("expected");
        double tolerance = c.get("tolerance").doubleValue();
        for (String key : List.of("weights", "means", "covariances", "logLikelihood", "logLikelihoodTrace")) {
            FixtureFiles.assertClose(key, got.get(key), expected.get(key), tolerance);
        }
    }

    @Test
    void hmmFitOfTheJarMatchesAFixture() throws Exception {
        JsonNode c = FixtureFiles.read(FixtureFiles.list("hmm-casino-categorical").get(0));
        Path data = write("rolls.csv", FixtureFiles.hmmCsv(c));
        Path init = write("init.json", FixtureFiles.hmmInit(c));
        Path out = dir.resolve("hmm.json");
        Run run = javaJar("hmm", "fit", "--data", data.toString(), "--states",
                "" + c.get("init").get("startProb").size(), "--emission", c.get("emission").asText(),
                "--init", init.toString(), "--max-iter", c.get("iterations").asText(), "--tol", "0",
                "--out", out.toString(), "--master", "local[2]", "-q");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode got = FixtureFiles.JSON.readTree(out.toFile());
        assertThat(got.get("kind").asText()).isEqualTo("hmm");
        JsonNode trained = c.get("expected").get("trained");
        double tolerance = c.get("tolerance").doubleValue();
        FixtureFiles.assertClose("startProb", got.get("startProb"), trained.get("startProb"), tolerance);
        FixtureFiles.assertClose("transitions", got.get("transitions"), trained.get("transitions"), tolerance);
        FixtureFiles.assertClose("emissions.probs", got.get("emissions").get("probs"),
                trained.get("emissions").get("probs"), tolerance);
        FixtureFiles.assertClose("logLikelihood", got.get("logLikelihood"), trained.get("logLikelihood"), tolerance);
    }
}
