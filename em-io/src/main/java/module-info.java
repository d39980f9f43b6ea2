/**
 * emkit IO: CSV data files (delimiters, headers, quoting, encodings, column selection, missing
 * cells) and atomic file writes, for library users and the {@code em} command-line tool.
 */
module io.emkit.io {
    requires transitive io.emkit.core;
    requires org.apache.commons.csv;

    exports io.emkit.io;
}
