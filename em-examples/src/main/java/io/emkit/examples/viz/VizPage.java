package io.emkit.examples.viz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The self-contained step-through page: the HTML template {@code page.html} with the style sheet
 * {@code page.css}, the script {@code page.js} and the trace inlined (resources beside this class),
 * so the written file needs no network and no other file. The trace is assigned to
 * {@code window.emTrace} before the page script runs; the page sets {@code window.emReady = true}
 * (and {@code window.emReadyMs}, milliseconds since navigation start) once it has drawn.
 */
public final class VizPage {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ROOT = "/io/emkit/examples/viz/";

    private VizPage() {}

    /**
     * The page's HTML.
     *
     * @param title the page title (escaped here)
     * @param trace the trace object
     * @return the whole HTML document
     * @throws UncheckedIOException if a resource is missing from the jar
     */
    public static String render(String title, ObjectNode trace) {
        String json;
        try {
            json = MAPPER.writeValueAsString(trace);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the trace as JSON", e);
        }
        // '<' only occurs inside JSON strings, where \u003c means the same; this keeps "</script>" out.
        json = json.replace("<", "\\u003c");
        String html = resource("page.html");
        html = html.replace("{{TITLE}}", escapeHtml(title));
        html = replaceOnce(html, "/*{{CSS}}*/", resource("page.css"));
        html = replaceOnce(html, "/*{{TRACE}}*/", "window.emTrace = " + json + ";");
        html = replaceOnce(html, "/*{{JS}}*/", resource("page.js"));
        return html;
    }

    /**
     * Writes a file atomically: to a temporary file in the same folder, then renamed over the
     * target, so readers never see a half-written page.
     *
     * @param out the target file
     * @param text its content (UTF-8)
     * @throws IllegalArgumentException if the file cannot be written (the message names it)
     */
    public static void writeAtomically(Path out, String text) {
        Path target = out.toAbsolutePath();
        Path folder = target.getParent();
        Path temp = null;
        try {
            Files.createDirectories(folder);
            temp = Files.createTempFile(folder, "." + target.getFileName() + ".", ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            readableByAll(temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException e) {
            throw new IllegalArgumentException(out + ": cannot write (" + e.getMessage() + ")", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the original error matters more
                }
            }
        }
    }

    /** Temporary files are private (rw-------); a page is meant to be read, so rw-r--r--. */
    private static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep its defaults
        }
    }

    static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String replaceOnce(String text, String token, String value) {
        int at = text.indexOf(token);
        if (at < 0) {
            throw new IllegalStateException("page template lacks " + token);
        }
        return text.substring(0, at) + value + text.substring(at + token.length());
    }

    private static String resource(String name) {
        try (InputStream in = VizPage.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("resource " + ROOT + name + " is missing"));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
