package io.emkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code em viz} without a browser: what it writes and how it refuses bad input. */
class VizCommandTest {

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

    @Test
    void theWorkedExamplePageIsSelfContainedAndWrittenAtomically() throws IOException {
        Path page = dir.resolve("worked.html");
        Run run = em("viz", "--out", page.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).startsWith("viz: ").contains("wrote " + page);
        String html = Files.readString(page);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("window.emTrace = {")
                .contains("id=\"prev\"").contains("id=\"next\"").contains("id=\"play\"").contains("id=\"reset\"")
                .contains("id=\"iteration\"").contains("id=\"loglik\"")
                .doesNotContain("{{").doesNotContain("/*{{")
                .doesNotContainPattern("(?i)<script[^>]+src=").doesNotContainPattern("(?i)<link[^>]+stylesheet")
                .doesNotContain("http://").doesNotContain("https://");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(page);
        }
    }

    @Test
    void aTitleCannotCloseTheScript() throws IOException {
        Path csv = dir.resolve("a<b>.csv");
        Files.writeString(csv, "x</script>,y\n1,2\n2,3\n5,1\n6,0\n");
        Path page = dir.resolve("p.html");
        Run run = em("viz", "--data", csv.toString(), "--components", "2", "--out", page.toString());
        assertThat(run.code()).as(run.err()).isZero();
        String html = Files.readString(page);
        int scripts = html.split("</script>", -1).length - 1;
        assertThat(scripts).isEqualTo(2);
        assertThat(html).contains("<title>EM on a&lt;b&gt;.csv (k = 2, full)</title>")
                .contains("\"columns\":[\"x\\u003c/script>\",\"y\"]");
    }

    @Test
    void usageMistakesAreOneLineErrors() {
        Path page = dir.resolve("p.html");
        assertError(em("viz", "--data", "x.csv", "--out", page.toString()), "em: --data needs --components K");
        assertError(em("viz", "--components", "2", "--out", page.toString()),
                "em: --components and --init need --data (without --data the page shows the worked example)");
        assertError(em("viz", "--hmm", "--out", page.toString()),
                "em: --hmm needs --data SEQ.csv, --states S and --emission categorical|gaussian");
        assertError(em("viz", "--states", "2", "--out", page.toString()), "em: --states and --emission need --hmm");
        assertError(em("viz", "--max-iter", "0", "--out", page.toString()), "em: --max-iter (0) must be >= 1");
        assertThat(Files.exists(page)).isFalse();
        Run missing = em("viz");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required option: '--out=page.html'");
    }

    @Test
    void axesMustNameTwoColumns() throws IOException {
        Path csv = dir.resolve("d3.csv");
        Files.writeString(csv, "1,2,3\n2,3,4\n5,1,0\n6,0,1\n");
        Path page = dir.resolve("p.html");
        assertError(em("viz", "--data", csv.toString(), "--components", "2", "--axes", "0,3", "--out", page.toString()),
                "em: --axes 0,3: need two different columns in [0, 3) for data with d = 3");
        assertError(em("viz", "--data", csv.toString(), "--components", "2", "--axes", "x", "--out", page.toString()),
                "em: --axes \"x\" must be two 0-based column numbers such as 0,1");
        Run ok = em("viz", "--data", csv.toString(), "--components", "2", "--axes", "2,0", "--out", page.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(Files.readString(page)).contains("\"axes\":[2,0]");
    }

    private static void assertError(Run run, String line) {
        assertThat(run.code()).as(run.err()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo(line);
    }
}
