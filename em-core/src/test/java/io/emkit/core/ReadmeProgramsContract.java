package io.emkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code ```java} block of the README that {@link #runsHere} accepts is a complete program: the
 * test compiles each one with the JDK's compiler against the build's class path and runs its
 * {@code main}, so the README cannot rot. Each module whose class path a program needs extends it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ReadmeProgramsContract {


    private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CLASS = Pattern.compile("public class (\\w+)");

    @TempDir
    Path dir;


    /**
     * Whether this module's class path runs a program.
     *
     * @param program the block's source
     * @return true to compile and run it here
     */
    protected abstract boolean runsHere(String program);

    /**
     * The fewest programs the README must offer this module.
     *
     * @return a count
     */
    protected abstract int minimumPrograms();

    List<String> programs() throws IOException {
        String readme = Files.readString(Path.of(System.getProperty("emkit.readme", "../README.md")),
                StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(readme);
        while (m.find()) {
            if (runsHere(m.group(1))) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    @Test
    void theReadmeHasProgramsAndEachIsAWholeClassWithMain() throws IOException {
        List<String> programs = programs();
        assertThat(programs).hasSizeGreaterThanOrEqualTo(minimumPrograms());
        for (String program : programs) {
            assertThat(program).as("README block starting %s", program.lines().findFirst().orElse(""))
                    .containsPattern(CLASS).contains("public static void main(String[] args)");
        }
    }

    Stream<String> names() throws IOException {
        return programs().stream().map(p -> {
            Matcher m = CLASS.matcher(p);
            return m.find() ? m.group(1) : "?";
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void compilesAndRuns(String name) throws Exception {
        String source = programs().stream().filter(p -> p.contains("public class " + name + " ")
                || p.contains("public class " + name + "{")).findFirst().orElseThrow();
        Path file = dir.resolve(name + ".java");
        Files.writeString(file, source, StandardCharsets.UTF_8);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int code = compiler.run(null, diagnostics, diagnostics, "-d", dir.toString(), "-cp",
                System.getProperty("java.class.path"), "-Xlint:none", file.toString());
        assertThat(code).as("javac %s: %s", name, diagnostics.toString(StandardCharsets.UTF_8)).isZero();
        PrintStream saved = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                getClass().getClassLoader())) {
            Method main = loader.loadClass(name).getMethod("main", String[].class);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(saved);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).as("what %s printed", name).isNotBlank();
    }
}
