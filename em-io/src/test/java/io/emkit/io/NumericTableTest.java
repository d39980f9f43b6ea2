package io.emkit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data files as people have them, read into numbers; every error message asserted. */
class NumericTableTest {

    private static final CsvOptions DEFAULTS = CsvOptions.defaults();

    static NumericTable read(String text) {
        return read(text, DEFAULTS);
    }

    static NumericTable read(String text, CsvOptions options) {
        return read(text.getBytes(StandardCharsets.UTF_8), options);
    }

    static NumericTable read(byte[] bytes, CsvOptions options) {
        try {
            return NumericTable.read(new ByteArrayInputStream(bytes), "x.csv", options);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static NumericTable resource(String name, CsvOptions options) throws IOException {
        try (InputStream in = NumericTableTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return NumericTable.read(in, name, options);
        }
    }

    private static CsvOptions.Builder options() {
        return CsvOptions.builder();
    }

    // ---- real-looking files ----------------------------------------------------------------

    @Test
    void pandasToCsvIndexColumnIsDroppedWithANote() throws IOException {
        NumericTable table = resource("faithful-pandas.csv", DEFAULTS);
        assertThat(table.dimension()).isEqualTo(2);
        assertThat(table.size()).isEqualTo(12);
        assertThat(table.columnNames()).containsExactly("eruptions", "waiting");
        assertThat(table.fileColumns()).containsExactly(1, 2);
        assertThat(table.toArray()[0]).containsExactly(3.6, 79);
        assertThat(table.toArray()[11]).containsExactly(3.917, 84);
        assertThat(table.line(0)).isEqualTo(2);
        assertThat(table.notes()).containsExactly("faithful-pandas.csv: column 0 has no header name (a pandas or R"
                + " row index); dropped it (name it in --columns to keep it)");
    }

    @Test
    void pandasIndexKeptWhenNamedInColumnsAndNoNoteWhenDroppedByHand() throws IOException {
        NumericTable kept = resource("faithful-pandas.csv", options().columns(List.of("0", "waiting")).build());
        assertThat(kept.toArray()[3]).containsExactly(3, 62);
        assertThat(kept.notes()).isEmpty();
        NumericTable dropped = resource("faithful-pandas.csv", options().drop(List.of("0")).build());
        assertThat(dropped.dimension()).isEqualTo(2);
        assertThat(dropped.notes()).isEmpty();
    }

    @Test
    void pandasDefaultIntegerColumnNamesAreAHeader() {
        NumericTable table = read(",0,1\n0,1.5,2\n1,3,4\n");
        assertThat(table.columnNames()).containsExactly("0", "1");
        assertThat(table.toArray()).isDeepEqualTo(new double[][] {{1.5, 2}, {3, 4}});
        assertThat(table.notes()).hasSize(1);
        // a name made of digits is the name, not an index
        NumericTable second = read(",0,1\n0,1.5,2\n1,3,4\n", options().columns(List.of("1")).build());
        assertThat(second.toArray()).isDeepEqualTo(new double[][] {{2}, {4}});
    }

    @Test
    void rWriteCsvQuotingAndRowNames() throws IOException {
        NumericTable table = resource("iris-r-write-csv.csv", options().drop(List.of("Species")).build());
        assertThat(table.columnNames()).containsExactly("Sepal.Length", "Sepal.Width", "Petal.Length", "Petal.Width");
        assertThat(table.size()).isEqualTo(7);
        assertThat(table.toArray()[3]).containsExactly(7.0, 3.2, 4.7, 1.4);
        assertThat(table.notes()).singleElement().asString().contains("column 0 has no header name");
    }

    @Test
    void rWriteCsvWithoutDropNamesTheSpeciesColumn() {
        assertThatIllegalArgumentException().isThrownBy(() -> resource("iris-r-write-csv.csv", DEFAULTS))
                .withMessage("iris-r-write-csv.csv line 2, column 5 (\"Species\"): \"setosa\" is not a number;"
                        + " drop the column with --drop Species");
    }

    @Test
    void rWriteTableHeaderWithoutTheRowNameCell() {
        NumericTable table = read("\"x\" \"y\"\n\"1\" 3.6 79\n\"2\" 1.8 54\n".replace(' ', '\t'));
        assertThat(table.columnNames()).containsExactly("x", "y");
        assertThat(table.toArray()).isDeepEqualTo(new double[][] {{3.6, 79}, {1.8, 54}});
        assertThat(table.notes()).hasSize(1);
    }

    @Test
    void excelSemicolonFileWithBomAndCrlf() throws IOException {
        NumericTable table = resource("excel-semicolon.csv", DEFAULTS);
        assertThat(table.columnNames()).containsExactly("Eruptions", "Waiting");
        assertThat(table.toArray()).isDeepEqualTo(new double[][] {{3.6, 79}, {1.8, 54}, {3.333, 74}, {2.283, 62}});
        assertThat(table.line(3)).isEqualTo(5);
    }

    @Test
    void decimalCommasAreOutOfScopeAndSaySo() {
        assertThatIllegalArgumentException().isThrownBy(() -> resource("excel-semicolon-decimal-comma.csv", DEFAULTS))
                .withMessage("excel-semicolon-decimal-comma.csv line 2, column 0 (\"Eruptions\"): \"3,6\" is not a"
                        + " number (decimal commas are not read; write 1.5, not 1,5)");
    }

    @Test
    void tabSeparated() {
        NumericTable table = read("eruptions\twaiting\n3.6\t79\n1.8\t54\n");
        assertThat(table.columnNames()).containsExactly("eruptions", "waiting");
        assertThat(table.toArray()).isDeepEqualTo(new double[][] {{3.6, 79}, {1.8, 54}});
    }

    @Test
    void explicitDelimiterOverridesDetection() {
        NumericTable table = read("a;b\n1;2\n", options().delimiter(CsvOptions.Delimiter.SEMICOLON).build());
        assertThat(table.dimension()).isEqualTo(2);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> read("a;b\n1;2\n", options().delimiter(CsvOptions.Delimiter.COMMA).build()))
                .withMessage("x.csv line 2, column 0 (\"a;b\"): \"1;2\" is not a number; drop the column with --drop a;b");
    }

    @Test
    void quotedHeaderNameHoldingTheDelimiter() {
        NumericTable table = read("\"length, cm\",\"width, cm\"\n1.5,2\n3,4\n");
        assertThat(table.columnNames()).containsExactly("length, cm", "width, cm");
        assertThat(table.dimension()).isEqualTo(2);
        assertThat(read("\"length, cm\",\"width, cm\"\n1.5,2\n", options().drop(List.of("width, cm")).build())
                .toArray()).isDeepEqualTo(new double[][] {{1.5}});
        // a name with a comma cannot be written in a comma-separated --drop, so the hint names the index
        assertThatIllegalArgumentException().isThrownBy(() -> read("\"a, b\",c\nx,1\n"))
                .withMessage("x.csv line 2, column 0 (\"a, b\"): \"x\" is not a number; drop the column with --drop 0");
    }

    @Test
    void quotedFieldMayHoldQuotesAndLineBreaks() {
        NumericTable table = read("\"say \"\"hi\"\"\",\"two\nlines\"\n1,2\n3,4\n");
        assertThat(table.columnNames()).containsExactly("say \"hi\"", "two\nlines");
        assertThat(table.line(0)).isEqualTo(3);
        assertThat(table.line(1)).isEqualTo(4);
    }

    @Test
    void commentAndBlankLinesAreSkippedAndLinesStayTrue() {
        NumericTable table = read("# exported 2024-01-01\n# by hand\nx,y\n\n1,2\n# a note\n3,4\n   \n5,6");
        assertThat(table.columnNames()).containsExactly("x", "y");
        assertThat(table.toArray()).isDeepEqualTo(new double[][] {{1, 2}, {3, 4}, {5, 6}});
        assertThat(table.line(0)).isEqualTo(5);
        assertThat(table.line(1)).isEqualTo(7);
        assertThat(table.line(2)).isEqualTo(9);
        assertThatIllegalArgumentException().isThrownBy(() -> read("x,y\n1,2\n# c\n3,oops\n"))
                .withMessageStartingWith("x.csv line 4, column 1 (\"y\")");
    }

    @Test
    void commentCharacterCanBeTurnedOff() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> read("x\n#1\n2\n", options().comment(null).build()))
                .withMessageStartingWith("x.csv line 2, column 0 (\"x\"): \"#1\" is not a number");
    }

    @Test
    void utf8BomAndCrlf() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "a,b\r\n1,2\r\n3,4\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, bytes, 0, 3);
        System.arraycopy(body, 0, bytes, 3, body.length);
        NumericTable table = read(bytes, DEFAULTS);
        assertThat(table.columnNames()).containsExactly("a", "b");
        assertThat(table.toArray()).isDeepEqualTo(new double[][] {{1, 2}, {3, 4}});
        assertThat(table.line(1)).isEqualTo(3);
    }

    @Test
    void latin1NeedsItsEncodingAndTheErrorGivesTheByteOffset() {
        byte[] latin1 = "durée,température\n1,2\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatIllegalArgumentException().isThrownBy(() -> read(latin1, DEFAULTS))
                .withMessage("x.csv: not UTF-8 at byte 3; use --encoding latin1, or the file's encoding"
                        + " (line 1 has the byte 0xe9)");
        NumericTable table = read(latin1, options().encoding(CsvOptions.charset("latin1")).build());
        assertThat(table.columnNames()).containsExactly("durée", "température");
        byte[] late = ("a,b\n1,2\n3,4\n5,6\n# caf" + "\u00e9" + "\n7,8\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThatIllegalArgumentException().isThrownBy(() -> read(late, DEFAULTS))
                .withMessageStartingWith("x.csv: not UTF-8 at byte 21; ").withMessageEndingWith("(line 5 has the byte 0xe9)");
    }

    @Test
    void unknownEncodingNameIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> CsvOptions.charset("klingon"))
                .withMessage("--encoding: unknown encoding \"klingon\"; use for example UTF-8, latin1 (ISO-8859-1)"
                        + " or windows-1252");
    }

    // ---- header detection ------------------------------------------------------------------

    @Test
    void numericFirstLineIsDataUnderAutoAndHeaderWithYes() {
        NumericTable auto = read("1,2\n3,4\n");
        assertThat(auto.columnNames()).isEmpty();
        assertThat(auto.size()).isEqualTo(2);
        NumericTable yes = read("1,2\n3,4\n", options().header(CsvOptions.Header.YES).build());
        assertThat(yes.columnNames()).containsExactly("1", "2");
        assertThat(yes.toArray()).isDeepEqualTo(new double[][] {{3, 4}});
    }

    @Test
    void headerNoMakesATextFirstLineAnError() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> read("a,b\n1,2\n", options().header(CsvOptions.Header.NO).build()))
                .withMessage("x.csv line 1, column 0: \"a\" is not a number; drop the column with --drop 0");
    }

    @Test
    void oneTextCellMakesTheFirstLineAHeaderButMissingTokensDoNot() {
        assertThat(read("x,2\n1,2\n").columnNames()).containsExactly("x", "2");
        NumericTable missing = read("1,NA\n3,4\n", options().missingAllowed(true).build());
        assertThat(missing.columnNames()).isEmpty();
        assertThat(missing.isMissing(0, 1)).isTrue();
    }

    @Test
    void everyDoubleReadsBackExactly() {
        double[] values = {0.1, 1.0 / 3, -2.2250738585072014E-308, 4.9e-324, 1.7976931348623157e308, 1e-5};
        StringBuilder text = new StringBuilder();
        for (double v : values) {
            text.append(v).append('\n');
        }
        double[] read = read(text.toString()).toRowMajor();
        assertThat(read).containsExactly(values);
    }

    // ---- columns ---------------------------------------------------------------------------

    @Test
    void columnsByNameAndIndexKeepTheGivenOrder() {
        String text = "a,b,c,d\n1,2,3,4\n5,6,7,8\n";
        assertThat(read(text, options().columns(List.of("c", "0")).build()).toArray())
                .isDeepEqualTo(new double[][] {{3, 1}, {7, 5}});
        NumericTable dropped = read(text, options().drop(List.of("b", "3")).build());
        assertThat(dropped.columnNames()).containsExactly("a", "c");
        assertThat(dropped.toArray()).isDeepEqualTo(new double[][] {{1, 3}, {5, 7}});
        assertThat(read("1,2,3\n4,5,6\n", options().drop(List.of("1")).build()).toArray())
                .isDeepEqualTo(new double[][] {{1, 3}, {4, 6}});
    }

    @Test
    void unknownColumnListsTheAvailableNames() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> read("eruptions,waiting\n1,2\n", options().columns(List.of("erupt")).build()))
                .withMessage("x.csv: --columns names \"erupt\", which is not a column; the columns are: eruptions,"
                        + " waiting");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> read("1,2\n", options().drop(List.of("x")).build()))
                .withMessage("x.csv: --drop names \"x\", which is not a column; the file has no header, so name its 2"
                        + " columns by 0-based index 0..1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> read("a,b\n1,2\n", options().columns(List.of("2")).build()))
                .withMessage("x.csv: --columns names column 2, but the file has 2 columns (0-based indices 0..1)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> read("a,b\n1,2\n", options().drop(List.of("a", "b")).build()))
                .withMessage("x.csv: no columns left after --columns and --drop; the columns are: a, b");
    }

    @Test
    void duplicateNamesMustBeChosenByIndex() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> read("a,a\n1,2\n", options().drop(List.of("a")).build()))
                .withMessage("x.csv: --drop names \"a\", but columns 0 and 1 both have that name; name them by"
                        + " 0-based index");
        assertThatIllegalArgumentException().isThrownBy(() -> options().columns(List.of("a", "a")).build())
                .withMessage("--columns lists \"a\" twice");
    }

    @Test
    void defaultDropsApplyOnlyWithoutColumns() {
        CsvOptions labelled = options().dropIfPresent(List.of("label")).build();
        NumericTable table = read("x1,x2,label\n1,2,0\n3,4,1\n", labelled);
        assertThat(table.columnNames()).containsExactly("x1", "x2");
        assertThat(table.notes()).containsExactly("x.csv: dropped column 2 (\"label\") by default; name it in"
                + " --columns to keep it");
        NumericTable chosen = read("x1,x2,label\n1,2,0\n3,4,1\n",
                labelled.toBuilder().columns(List.of("x1", "label")).build());
        assertThat(chosen.toArray()).isDeepEqualTo(new double[][] {{1, 0}, {3, 1}});
        assertThat(read("x1,x2\n1,2\n", labelled).dimension()).isEqualTo(2);
        assertThat(read("x1,Label\n1,2\n", labelled).dimension()).isEqualTo(2);
    }

    // ---- errors ----------------------------------------------------------------------------

    @Test
    void irisWithoutDropNamesTheColumnAndTheFix() {
        String iris = "Sepal.Length,Sepal.Width,Petal.Length,Petal.Width,species\n5.1,3.5,1.4,0.2,setosa\n";
        assertThatThrownBy(() -> read(iris)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x.csv line 2, column 4 (\"species\"): \"setosa\" is not a number; drop the column"
                        + " with --drop species");
        assertThat(read(iris, options().drop(List.of("species")).build()).dimension()).isEqualTo(4);
    }

    @Test
    void raggedRowsNameBothLines() {
        assertThatIllegalArgumentException().isThrownBy(() -> read("1,2\n3,4,5\n"))
                .withMessage("x.csv line 2 has 3 fields but line 1 has 2; every line needs the same number of fields"
                        + " (quote a field that holds the delimiter \",\")");
        assertThatIllegalArgumentException().isThrownBy(() -> read("a,b\n1,2\n3\n"))
                .withMessage("x.csv line 3 has 1 fields but the header (line 1) has 2; every line needs the same"
                        + " number of fields (quote a field that holds the delimiter \",\")");
        assertThatIllegalArgumentException().isThrownBy(() -> read("a\tb\n1\t2\t3\t4\n"))
                .withMessage("x.csv line 2 has 4 fields but the header (line 1) has 2; every line needs the same"
                        + " number of fields (quote a field that holds the delimiter tab)");
    }

    @Test
    void emptyFilesAndHeaderOnly() {
        assertThatIllegalArgumentException().isThrownBy(() -> read(""))
                .withMessage("x.csv: the file is empty (no data lines)");
        assertThatIllegalArgumentException().isThrownBy(() -> read("# only a comment\n\n"))
                .withMessage("x.csv: the file is empty (no data lines)");
        assertThatIllegalArgumentException().isThrownBy(() -> read("# c\na,b\n"))
                .withMessage("x.csv: no data lines after the header (line 2)");
    }

    @Test
    void missingCellsAreErrorsUnlessAllowed() {
        assertThatIllegalArgumentException().isThrownBy(() -> read("a,b\n1,2\n3,\n"))
                .withMessage("x.csv line 3, column 1 (\"b\"): the cell is empty; use --missing to treat empty cells,"
                        + " NA and NaN as missing");
        assertThatIllegalArgumentException().isThrownBy(() -> read("a,b\n1,2\nNA,4\n"))
                .withMessage("x.csv line 3, column 0 (\"a\"): \"NA\" marks a missing value; use --missing to treat"
                        + " empty cells, NA and NaN as missing");
        NumericTable table = read("a,b\n1,2\nNA,\nNaN,6\n", options().missingAllowed(true).build());
        assertThat(table.missingCount()).isEqualTo(3);
        assertThat(table.isMissing(1, 0)).isTrue();
        assertThat(table.isMissing(1, 1)).isTrue();
        assertThat(table.isMissing(2, 0)).isTrue();
        assertThat(table.isMissing(2, 1)).isFalse();
        assertThat(table.missingMask().stream().toArray()).containsExactly(2, 3, 4);
        assertThat(table.get(1, 0)).isNaN();
        assertThat(table.get(2, 1)).isEqualTo(6);
        assertThatThrownBy(table::toDataset).isInstanceOf(IllegalStateException.class)
                .hasMessage("x.csv line 3 has a missing value; this data set cannot hold missing values");
    }

    @Test
    void badCellsAreQuotedShortAndOnOneLine() {
        String longCell = "x".repeat(100);
        assertThatIllegalArgumentException().isThrownBy(() -> read("a\n1\n" + longCell + "\n", options()
                        .header(CsvOptions.Header.YES).build()))
                .withMessage("x.csv line 3, column 0 (\"a\"): \"" + "x".repeat(40) + "...\" is not a number; drop the"
                        + " column with --drop a");
        assertThatIllegalArgumentException().isThrownBy(() -> read("a\n1\n\"bad\u0007\ncell\"\n"))
                .withMessage("x.csv line 3, column 0 (\"a\"): \"bad\\u0007\\ncell\" is not a number; drop the column with"
                        + " --drop a");
        assertThatIllegalArgumentException().isThrownBy(() -> read("a\n1\ninf\n"))
                .withMessageContaining("\"inf\" is not a number");
        assertThatIllegalArgumentException().isThrownBy(() -> read("a\n1\n1d\n"))
                .withMessageContaining("\"1d\" is not a number");
    }

    @Test
    void brokenQuotingNamesTheLine() {
        assertThatIllegalArgumentException().isThrownBy(() -> read("a,b\n1,\"2\n3,4\n"))
                .withMessage("x.csv line 2: a quoted field is never closed; check the quotes (a quote inside a quoted"
                        + " field is written \"\")");
        assertThatIllegalArgumentException().isThrownBy(() -> read("a,b\n1,\"2\"x\n"))
                .withMessage("x.csv line 2: text after a closing quote; a quote inside a quoted field is written \"\"");
    }

    @Test
    void filesThatCannotBeReadNameTheFile(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nope.csv");
        assertThatThrownBy(() -> NumericTable.read(missing, DEFAULTS)).isInstanceOf(NoSuchFileException.class)
                .hasMessage(missing + ": no such file");
        assertThatThrownBy(() -> NumericTable.read(dir, DEFAULTS)).isInstanceOf(IOException.class)
                .hasMessage(dir + ": is a folder, not a data file");
        Path file = Files.writeString(dir.resolve("ok.csv"), "a\n1\n");
        assertThat(NumericTable.read(file, DEFAULTS).get(0, 0)).isEqualTo(1);
    }

    @Test
    void optionParsers() {
        assertThat(CsvOptions.Delimiter.parse("tab")).isEqualTo(CsvOptions.Delimiter.TAB);
        assertThat(CsvOptions.Delimiter.parse(";")).isEqualTo(CsvOptions.Delimiter.SEMICOLON);
        assertThat(CsvOptions.Delimiter.parse("auto")).isEqualTo(CsvOptions.Delimiter.AUTO);
        assertThatIllegalArgumentException().isThrownBy(() -> CsvOptions.Delimiter.parse("|"))
                .withMessage("--delimiter must be auto, \",\", \";\" or tab, not \"|\"");
        assertThat(CsvOptions.Header.parse("no")).isEqualTo(CsvOptions.Header.NO);
        assertThatIllegalArgumentException().isThrownBy(() -> CsvOptions.Header.parse("maybe"))
                .withMessage("--header must be auto, yes or no, not \"maybe\"");
        assertThat(CsvOptions.splitList(" eruptions, waiting ,")).containsExactly("eruptions", "waiting");
        assertThat(CsvOptions.splitList(null)).isEmpty();
    }
}
