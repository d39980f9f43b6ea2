package io.emkit.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The tool's JSON outputs that are not model files ({@code gmm select --format json}, {@code gmm score},
 * {@code hmm select}, the page's trace), printed as model files are: objects indented, number arrays on
 * one line. Model files themselves are em-io's {@link io.emkit.io.model.ModelFiles}.
 */
final class JsonTree {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonTree() {}

    /** Writes a JSON object, objects indented and number arrays kept on one line, ending in a newline. */
    static String write(ObjectNode node) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance);
        try {
            return MAPPER.writer(printer).writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Parses JSON text that this program wrote (a model file's text) into a tree. */
    static ObjectNode parse(String text) {
        try {
            return (ObjectNode) MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot parse JSON written by emkit", e);
        }
    }
}
