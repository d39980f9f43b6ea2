package io.emkit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes: the whole new content or the old file, never a temporary file left behind. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    private List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.sorted().toList();
        }
    }

    @Test
    void writesAndReplaces() throws IOException {
        Path target = dir.resolve("out.json");
        AtomicFiles.write(target, out -> out.write("first".getBytes(StandardCharsets.UTF_8)));
        assertThat(target).hasContent("first");
        AtomicFiles.write(target, out -> out.write("second, longer".getBytes(StandardCharsets.UTF_8)));
        assertThat(target).hasContent("second, longer");
        assertThat(files()).containsExactly(target);
    }

    @Test
    void createsMissingFolders() throws IOException {
        Path target = dir.resolve("a/b/out.txt");
        AtomicFiles.write(target, out -> out.write('x'));
        assertThat(target).hasContent("x");
    }

    @Test
    void aFailingWriterLeavesTheOldFileAndNoTemporary() throws IOException {
        Path target = Files.writeString(dir.resolve("out.json"), "old");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("No space left on device");
        })).isInstanceOf(IOException.class)
                .hasMessage(target + ": cannot write: No space left on device; the old file is intact");
        assertThat(target).hasContent("old");
        assertThat(files()).containsExactly(target);
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            throw new IllegalStateException("bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(files()).containsExactly(target);
    }

    @Test
    void parentThatIsAFileIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("notafolder"), "x");
        Path target = file.resolve("out.json");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> out.write(1))).isInstanceOf(IOException.class)
                .hasMessage(target + ": cannot write: " + file + " is a file, not a folder");
        Path deeper = file.resolve("sub/out.json");
        assertThatThrownBy(() -> AtomicFiles.write(deeper, out -> out.write(1)))
                .hasMessage(deeper + ": cannot write: " + file + " is a file, not a folder");
    }

    @Test
    void targetThatIsAFolderIsNamed() {
        assertThatThrownBy(() -> AtomicFiles.write(dir, out -> out.write(1))).isInstanceOf(IOException.class)
                .hasMessage(dir + ": cannot write: it is a folder");
    }

    @Test
    void noPermissionIsNamed() throws IOException {
        assumeTrue(Files.getFileAttributeView(dir, java.nio.file.attribute.PosixFileAttributeView.class) != null);
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeTrue(!Files.isWritable(locked), "running as a user who can write anywhere (root)");
            Path target = locked.resolve("out.json");
            assertThatThrownBy(() -> AtomicFiles.write(target, out -> out.write(1))).isInstanceOf(IOException.class)
                    .hasMessage(target + ": cannot write: permission denied in " + locked);
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void replacedFileKeepsItsPermissions() throws IOException {
        assumeTrue(Files.getFileAttributeView(dir, java.nio.file.attribute.PosixFileAttributeView.class) != null);
        Path target = Files.writeString(dir.resolve("out.csv"), "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFiles.write(target, out -> out.write('n'));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r-----");
    }

    @Test
    void refusesToOverwriteAnInput() throws IOException {
        Path input = Files.writeString(dir.resolve("data.csv"), "1,2\n");
        Path sameViaOtherPath = dir.resolve("sub/../data.csv");
        Files.createDirectory(dir.resolve("sub"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AtomicFiles.write(sameViaOtherPath, List.of(input), out -> out.write(1)))
                .withMessage(sameViaOtherPath + " is the same file as the input " + input
                        + "; writing it would destroy the input, so choose another output file");
        assertThat(input).hasContent("1,2\n");
        AtomicFiles.write(dir.resolve("other.csv"), List.of(input), out -> out.write('y'));
        assertThat(dir.resolve("other.csv")).hasContent("y");
    }
}
