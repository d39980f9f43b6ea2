/**
 * emkit IO: CSV data files (delimiters, headers, quoting, encodings, column selection, missing
 * cells), atomic file writes, and model files (the JSON the {@code em} tool writes and reads), for
 * library users and the {@code em} command-line tool.
 */
module io.emkit.io {
    requires transitive io.emkit.core;
    requires transitive io.emkit.gmm;
    requires transitive io.emkit.hmm;
    requires transitive io.emkit.latent;
    requires org.apache.commons.csv;
    requires com.fasterxml.jackson.databind;

    exports io.emkit.io;
    exports io.emkit.io.model;
}
