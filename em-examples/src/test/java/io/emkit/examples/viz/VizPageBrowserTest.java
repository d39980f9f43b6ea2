package io.emkit.examples.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.examples.cli.EmCommand;
import io.emkit.examples.data.BundledData;
import io.emkit.examples.hmm.DishonestCasino;
import io.emkit.gmm.FittedGaussianMixture;
import io.emkit.gmm.GaussianMixtureModel;
import io.emkit.hmm.FittedHmm;
import io.emkit.hmm.Sequences;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The {@code em viz} page in a real headless Chromium: the controls, the embedded trace against
 * textbook EM and against the library's own multi-iteration fit, load time, console errors, and
 * screenshots in {@code target/viz-*.png}.
 */
class VizPageBrowserTest {

    private static final Path TARGET = Path.of("target");
    private static final Path PAGES = TARGET.resolve("viz-pages");
    private static HeadlessChrome chrome;
    private static ChromeDriver driver;

    @BeforeAll
    static void startBrowser() throws IOException {
        HeadlessChrome.requireBrowser();
        Files.createDirectories(PAGES);
        chrome = HeadlessChrome.start();
        driver = chrome.driver;
    }

    @AfterAll
    static void stopBrowser() {
        if (chrome != null) {
            chrome.close();
        }
    }

    // ------------------------------------------------------------------ the worked example

    @Test
    void workedExampleIterationOneIsTheTextbookEmStep() throws IOException {
        Path page = em("worked.html");
        open(page);
        Map<String, Object> trace = trace();
        List<Map<String, Object>> iterations = list(trace.get("iterations"));
        assertThat(iterations.size()).isGreaterThanOrEqualTo(2);

        double[] x = GmmViz.WORKED_DATA;
        double[] pi = {0.5, 0.5};
        double[] mu = {2, 9};
        double[] var = {1, 1};
        double[][] r = new double[x.length][2];
        double startLogLikelihood = 0;
        for (int i = 0; i < x.length; i++) {
            double p0 = pi[0] * normal(x[i], mu[0], var[0]);
            double p1 = pi[1] * normal(x[i], mu[1], var[1]);
            r[i][0] = p0 / (p0 + p1);
            r[i][1] = p1 / (p0 + p1);
            startLogLikelihood += Math.log(p0 + p1);
        }
        double[] nk = new double[2];
        double[] newMu = new double[2];
        double[] newVar = new double[2];
        for (int j = 0; j < 2; j++) {
            for (int i = 0; i < x.length; i++) {
                nk[j] += r[i][j];
                newMu[j] += r[i][j] * x[i];
            }
            newMu[j] /= nk[j];
            for (int i = 0; i < x.length; i++) {
                newVar[j] += r[i][j] * (x[i] - newMu[j]) * (x[i] - newMu[j]);
            }
            newVar[j] /= nk[j];
        }
        Map<String, Object> start = iterations.get(0);
        assertThat(number(list(list(start.get("means")).get(0)).get(0))).isEqualTo(2.0);
        assertThat(number(start.get("logLikelihood"))).isCloseTo(startLogLikelihood, within(1e-9));
        List<List<Object>> startResp = list(start.get("responsibilities"));
        for (int i = 0; i < x.length; i++) {
            assertThat(number(startResp.get(i).get(0))).isCloseTo(r[i][0], within(1e-12));
        }
        Map<String, Object> one = iterations.get(1);
        for (int j = 0; j < 2; j++) {
            assertThat(number(list(one.get("weights")).get(j))).as("pi_%d", j).isCloseTo(nk[j] / x.length, within(1e-9));
            assertThat(number(list(list(one.get("means")).get(j)).get(0))).as("mu_%d", j).isCloseTo(newMu[j], within(1e-9));
            double variance = number(list(list(list(one.get("covariances")).get(j)).get(0)).get(0));
            assertThat(variance).as("sigma^2_%d", j).isCloseTo(newVar[j], within(1e-9));
        }
        // the story's rounded numbers
        assertThat(number(list(list(one.get("means")).get(1)).get(0))).isCloseTo(8.83, within(0.005));
        assertThat(Math.sqrt(newVar[0])).isCloseTo(0.41, within(0.005));
        assertThat(Math.sqrt(newVar[1])).isCloseTo(0.62, within(0.005));
        assertNonDecreasing(iterations);
        screenshot("viz-worked-start.png");
        click("next");
        assertShows(1, iterations);
        sleep(700);
        screenshot("viz-worked.png");
        assertNoConsoleErrors();
    }

    @Test
    void controlsStepPlayResetAndFollowTheKeyboard() throws IOException {
        Path page = em("controls.html", "--tol", "0", "--max-iter", "4");
        open(page);
        List<Map<String, Object>> iterations = list(trace().get("iterations"));
        int last = iterations.size() - 1;
        assertThat(last).isEqualTo(4);
        assertShows(0, iterations);
        click("next");
        assertShows(1, iterations);
        click("next");
        assertShows(2, iterations);
        click("prev");
        assertShows(1, iterations);
        click("reset");
        assertShows(0, iterations);
        click("prev");
        assertShows(0, iterations);
        new Actions(driver).sendKeys(Keys.ARROW_RIGHT).perform();
        assertShows(1, iterations);
        new Actions(driver).sendKeys(Keys.END).perform();
        assertShows(last, iterations);
        click("next");
        assertShows(last, iterations);
        new Actions(driver).sendKeys(Keys.ARROW_LEFT).perform();
        assertShows(last - 1, iterations);
        click("reset");
        click("play");
        assertThat(driver.findElement(By.id("play")).getText()).contains("Pause");
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(d -> d.findElement(By.id("iteration")).getText().equals(String.valueOf(last)));
        new WebDriverWait(driver, Duration.ofSeconds(5))
                .until(d -> d.findElement(By.id("play")).getText().contains("Play"));
        assertShows(last, iterations);
        assertThat(driver.findElement(By.id("slider")).getAttribute("value")).isEqualTo(String.valueOf(last));
        assertNoConsoleErrors();
    }

    // ------------------------------------------------------------------ Old Faithful

    @Test
    void oldFaithfulPagesMatchTheLibrarysFitAndLoadFast() throws IOException {
        Path csv = PAGES.resolve("old-faithful.csv");
        StringBuilder text = new StringBuilder("eruptions,waiting\n");
        double[][] rows = BundledData.oldFaithful().features();
        for (double[] row : rows) {
            text.append(row[0]).append(',').append(row[1]).append('\n');
        }
        Files.writeString(csv, text);
        Dataset data = Dataset.of(rows);
        for (int k : new int[] {2, 3}) {
            Path page = em("faithful-k" + k + ".html", "--data", csv.toString(), "--components", String.valueOf(k));
            double readyMs = open(page);
            System.out.printf("em viz Old Faithful k = %d: %d bytes, ready %.1f ms after navigation start%n", k,
                    Files.size(page), readyMs);
            assertThat(readyMs).as("k = %d load time (ms)", k).isLessThan(1000);
            Map<String, Object> trace = trace();
            List<Map<String, Object>> iterations = list(trace.get("iterations"));
            int n = iterations.size() - 1;
            assertThat(n).isGreaterThanOrEqualTo(2);
            assertThat(list(trace.get("data"))).hasSize(272);
            assertNonDecreasing(iterations);

            FittedGaussianMixture fit = GaussianMixtureModel.builder().components(k).build()
                    .fit(data, EmOptions.builder().maxIterations(n).tolerance(0).seed(0).build());
            Map<String, Object> end = iterations.get(n);
            for (int j = 0; j < k; j++) {
                assertThat(number(list(end.get("weights")).get(j))).isCloseTo(fit.weights()[j], within(1e-12));
                for (int a = 0; a < 2; a++) {
                    assertThat(number(list(list(end.get("means")).get(j)).get(a)))
                            .isCloseTo(fit.means()[j][a], within(1e-12));
                    for (int b = 0; b < 2; b++) {
                        assertThat(number(list(list(list(end.get("covariances")).get(j)).get(a)).get(b)))
                                .isCloseTo(fit.covariance(j).get(a, b), within(1e-12));
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                assertThat(number(iterations.get(i).get("logLikelihood"))).as("iteration %d", i)
                        .isEqualTo(fit.result().trace().get(i));
            }
            assertThat(number(end.get("logLikelihood"))).isEqualTo(fit.logLikelihood());
            double[][] resp = fit.responsibilities(data);
            List<List<Object>> shown = list(end.get("responsibilities"));
            for (int i = 0; i < rows.length; i += 17) {
                assertThat(number(shown.get(i).get(k - 1))).isCloseTo(resp[i][k - 1], within(1e-12));
            }
            click("next");
            assertShows(1, iterations);
            new Actions(driver).sendKeys(Keys.END).perform();
            assertShows(n, iterations);
            sleep(700);
            screenshot("viz-faithful-k" + k + ".png");
            assertNoConsoleErrors();
        }
    }

    @Test
    void largeDataEmbedASubsampleButFitOnEverything() throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        StringBuilder text = new StringBuilder();
        double[][] rows = new double[5000][];
        for (int i = 0; i < rows.length; i++) {
            boolean second = i % 3 == 0;
            rows[i] = new double[] {(second ? 4 : 0) + random.nextGaussian(), (second ? -2 : 1) + random.nextGaussian(),
                random.nextGaussian()};
            text.append(rows[i][0]).append(',').append(rows[i][1]).append(',').append(rows[i][2]).append('\n');
        }
        Path csv = PAGES.resolve("large.csv");
        Files.writeString(csv, text);
        Path page = em("large.html", "--data", csv.toString(), "--components", "2", "--axes", "1,0",
                "--max-iter", "6", "--tol", "0");
        double readyMs = open(page);
        System.out.printf("em viz 5000 x 3 points (2000 shown): ready %.1f ms%n", readyMs);
        Map<String, Object> trace = trace();
        Map<String, Object> subsample = map(trace.get("subsample"));
        assertThat(number(subsample.get("shown"))).isEqualTo(2000);
        assertThat(number(subsample.get("n"))).isEqualTo(5000);
        List<Object> shownRows = list(subsample.get("rows"));
        List<List<Object>> data = list(trace.get("data"));
        assertThat(data).hasSize(2000);
        assertThat(list(trace.get("axes"))).containsExactly(1L, 0L);
        FittedGaussianMixture fit = GaussianMixtureModel.builder().components(2).build()
                .fit(Dataset.of(rows), EmOptions.builder().maxIterations(6).tolerance(0).seed(0).build());
        List<Map<String, Object>> iterations = list(trace.get("iterations"));
        Map<String, Object> end = iterations.get(6);
        assertThat(number(end.get("logLikelihood"))).isEqualTo(fit.logLikelihood());
        List<List<Object>> resp = list(end.get("responsibilities"));
        assertThat(resp).hasSize(2000);
        double[][] expected = fit.responsibilities(Dataset.of(rows));
        for (int s = 0; s < 2000; s += 97) {
            int row = (int) number(shownRows.get(s));
            assertThat(number(data.get(s).get(2))).isEqualTo(rows[row][2]);
            assertThat(number(resp.get(s).get(0))).isCloseTo(expected[row][0], within(1e-12));
        }
        assertNoConsoleErrors();
    }

    // ------------------------------------------------------------------ hidden Markov model

    @Test
    void hmmPageShowsPosteriorsPerIterationAndTheViterbiPath() throws IOException {
        FittedHmm truth = FittedHmm.of(DishonestCasino.trueModel());
        SplittableRandom random = new SplittableRandom(11);
        StringBuilder text = new StringBuilder("sequence,roll\n");
        int[][] symbols = new int[2][];
        for (int r = 0; r < 2; r++) {
            symbols[r] = truth.sample(300, random).observations().symbols(0);
            for (int s : symbols[r]) {
                text.append("run").append(r).append(',').append(s).append('\n');
            }
        }
        Path csv = PAGES.resolve("casino.csv");
        Files.writeString(csv, text);
        Path page = em("casino.html", "--hmm", "--data", csv.toString(), "--states", "2", "--emission", "categorical",
                "--sequence", "1", "--max-iter", "40");
        double readyMs = open(page);
        System.out.printf("em viz --hmm casino: ready %.1f ms%n", readyMs);
        Map<String, Object> trace = trace();
        assertThat(trace.get("kind")).isEqualTo("hmm");
        assertThat(map(trace.get("sequence")).get("id")).isEqualTo("run1");
        List<Map<String, Object>> iterations = list(trace.get("iterations"));
        assertNonDecreasing(iterations);
        Sequences sequences = Sequences.ofSymbols(symbols);
        for (Map<String, Object> it : iterations) {
            List<List<Object>> posteriors = list(it.get("posteriors"));
            assertThat(posteriors).hasSize(300);
            for (List<Object> row : posteriors) {
                assertThat(number(row.get(0)) + number(row.get(1))).isCloseTo(1.0, within(1e-9));
            }
        }
        // the final Viterbi path is that of the library under the final parameters
        Map<String, Object> end = iterations.get(iterations.size() - 1);
        double[][] transitions = new double[2][2];
        double[][] probs = new double[2][6];
        double[] startProb = new double[2];
        for (int s = 0; s < 2; s++) {
            startProb[s] = number(list(end.get("startProb")).get(s));
            for (int t = 0; t < 2; t++) {
                transitions[s][t] = number(list(list(end.get("transitions")).get(s)).get(t));
            }
            for (int m = 0; m < 6; m++) {
                probs[s][m] = number(list(list(map(end.get("emissions")).get("probs")).get(s)).get(m));
            }
        }
        FittedHmm last = FittedHmm.of(io.emkit.hmm.HmmParameters.of(startProb, transitions,
                io.emkit.hmm.CategoricalEmission.of(probs)));
        int[] viterbi = last.decode(sequences).get(1).states().toArray();
        List<Object> shownPath = list(map(trace.get("viterbi")).get("states"));
        for (int t = 0; t < 300; t++) {
            assertThat(number(shownPath.get(t))).isEqualTo(viterbi[t]);
        }
        assertThat(number(end.get("logLikelihood"))).isCloseTo(last.logLikelihood(sequences),
                within(1e-9 * Math.abs(last.logLikelihood(sequences))));
        click("next");
        assertShows(1, iterations);
        new Actions(driver).sendKeys(Keys.END).perform();
        assertShows(iterations.size() - 1, iterations);
        sleep(700);
        screenshot("viz-hmm-casino.png");
        assertNoConsoleErrors();
    }

    // ------------------------------------------------------------------ helpers

    private static Path em(String name, String... args) {
        Path out = PAGES.resolve(name);
        List<String> all = new ArrayList<>(List.of("viz"));
        all.addAll(List.of(args));
        all.add("--out");
        all.add(out.toString());
        all.add("--quiet");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code = EmCommand.execute(all.toArray(new String[0]), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        assertThat(code).as("em viz %s: %s", all, stderr.toString(StandardCharsets.UTF_8)).isZero();
        return out;
    }

    /** Loads the page and waits for {@code window.emReady}; returns emReadyMs (ms after navigation start). */
    private static double open(Path page) {
        driver.manage().logs().get(LogType.BROWSER); // drop older entries
        driver.get(page.toAbsolutePath().toUri().toString());
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> Boolean.TRUE.equals(driver.executeScript("return window.emReady === true")));
        return number(driver.executeScript("return window.emReadyMs"));
    }

    private static Map<String, Object> trace() {
        return map(driver.executeScript("return window.emTrace"));
    }

    private static void click(String id) {
        driver.findElement(By.id(id)).click();
    }

    private static void assertShows(int iteration, List<Map<String, Object>> iterations) {
        assertThat(driver.findElement(By.id("iteration")).getText()).isEqualTo(String.valueOf(iteration));
        double expected = number(iterations.get(iteration).get("logLikelihood"));
        assertThat(Double.parseDouble(driver.findElement(By.id("loglik")).getText())).isEqualTo(expected);
    }

    private static void assertNonDecreasing(List<Map<String, Object>> iterations) {
        for (int i = 1; i < iterations.size(); i++) {
            double before = number(iterations.get(i - 1).get("logLikelihood"));
            double after = number(iterations.get(i).get("logLikelihood"));
            assertThat(after).as("log-likelihood at iteration %d", i).isGreaterThanOrEqualTo(before - 1e-9 * Math.abs(before));
        }
    }

    private static void assertNoConsoleErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.WARNING.intValue()) {
                errors.add(entry.getLevel() + " " + entry.getMessage());
            }
        }
        assertThat(errors).as("browser console").isEmpty();
    }

    private static void screenshot(String name) throws IOException {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        Files.write(TARGET.resolve(name), png);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double normal(double x, double mu, double variance) {
        return Math.exp(-0.5 * (x - mu) * (x - mu) / variance) / Math.sqrt(2 * Math.PI * variance);
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object value) {
        return (List<T>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
