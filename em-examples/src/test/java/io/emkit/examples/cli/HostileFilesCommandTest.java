package io.emkit.examples.cli;

import static io.emkit.examples.cli.EmCommandTest.em;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that would lose data or be read wrongly: --out onto an input, sloppy model JSON. */
class HostileFilesCommandTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void outputOntoTheDataFileIsRefusedAndTheDataSurvive() throws IOException {
        String rows = "x,y\n1,2\n2,3\n3,1\n8,9\n9,8\n";
        Path data = write("data.csv", rows);
        EmCommandTest.Run run = em("gmm", "fit", "--data", data.toString(), "--components", "2", "--out",
                data.toString());
        assertThat(run.code()).isNotZero();
        assertThat(run.err()).contains("same file as the input").doesNotContain("Exception");
        assertThat(Files.readString(data)).isEqualTo(rows);
    }

    @Test
    void duplicateKeysAndTrailingContentInAModelAreErrors() throws IOException {
        Path data = write("data.csv", "1,2\n2,3\n8,9\n");
        String model = "{\"kind\":\"gmm\",\"covarianceType\":\"spherical\",\"weights\":[1],\"means\":[[0,0]],"
                + "\"covariances\":[1]";
        Path duplicate = write("dup.json", model + ",\"weights\":[1]}");
        EmCommandTest.Run dup = em("gmm", "predict", "--model", duplicate.toString(), "--data", data.toString());
        assertThat(dup.code()).isNotZero();
        assertThat(dup.err()).contains("dup.json: duplicate key \"weights\" at line 1").contains("remove one");
        Path trailing = write("trailing.json", model + "} garbage");
        EmCommandTest.Run tail = em("gmm", "predict", "--model", trailing.toString(), "--data", data.toString());
        assertThat(tail.code()).isNotZero();
        assertThat(tail.err()).contains("trailing.json: not valid JSON at line 1")
                .contains("content after the end of the model object");
    }
}
