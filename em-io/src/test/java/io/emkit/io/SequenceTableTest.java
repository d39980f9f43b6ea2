package io.emkit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sequence files for hidden Markov models: ids, integer and string symbols, vectors, errors. */
class SequenceTableTest {

    static SequenceTable read(String text, SequenceTable.Kind kind) {
        return read(text, CsvOptions.defaults(), kind);
    }

    static SequenceTable read(String text, CsvOptions options, SequenceTable.Kind kind) {
        try {
            return SequenceTable.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "s.csv",
                    options, kind);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void integerSymbolsGroupedById() {
        SequenceTable table = read("id,roll\na,0\na,5\nb,2\n", SequenceTable.Kind.SYMBOLS);
        assertThat(table.columnNames()).containsExactly("roll");
        assertThat(table.ids()).containsExactly("a", "b");
        assertThat(table.symbols(0)).containsExactly(0, 5);
        assertThat(table.symbols(1)).containsExactly(2);
        assertThat(table.hasSymbolNames()).isFalse();
        assertThat(table.totalLength()).isEqualTo(3);
        assertThat(table.line(1, 0)).isEqualTo(4);
    }

    @Test
    void headerlessIntegerSymbols() {
        SequenceTable table = read("0,3\n0,1\n1,2\n", SequenceTable.Kind.SYMBOLS);
        assertThat(table.columnNames()).isEmpty();
        assertThat(table.count()).isEqualTo(2);
    }

    @Test
    void stringSymbolsKeepTheirVocabularyInOrderOfFirstAppearance() {
        SequenceTable table = read("seq,coin\ns1,T\ns1,H\ns1,T\ns2,H\ns2,E\n", SequenceTable.Kind.SYMBOLS);
        assertThat(table.symbolNames()).containsExactly("T", "H", "E");
        assertThat(table.symbols(0)).containsExactly(0, 1, 0);
        assertThat(table.symbols(1)).containsExactly(1, 2);
        assertThat(table.notes()).containsExactly("s.csv: took line 1 as a header because its values do not occur"
                + " again in their columns; use --header no if it is data");
    }

    @Test
    void stringSymbolsWithoutHeaderAreData() {
        SequenceTable table = read("s1,T\ns1,H\ns1,T\ns2,H\n", SequenceTable.Kind.SYMBOLS);
        assertThat(table.columnNames()).isEmpty();
        assertThat(table.totalLength()).isEqualTo(4);
        assertThat(table.symbolNames()).containsExactly("T", "H");
        SequenceTable forced = read("s1,T\ns1,H\n", CsvOptions.builder().header(CsvOptions.Header.YES).build(),
                SequenceTable.Kind.SYMBOLS);
        assertThat(forced.totalLength()).isEqualTo(1);
    }

    @Test
    void vectorsWithPandasIndexAndSampleColumnsDropped() {
        String pandas = ",sequence,step,state,x1,x2\n0,0,0,1,0.5,-1\n1,0,1,1,0.25,2\n2,1,0,0,3,4\n";
        SequenceTable table = read(pandas, CsvOptions.builder().dropIfPresent(List.of("state", "step")).build(),
                SequenceTable.Kind.VECTORS);
        assertThat(table.ids()).containsExactly("0", "1");
        assertThat(table.dimension()).isEqualTo(2);
        assertThat(table.columnNames()).containsExactly("x1", "x2");
        assertThat(table.sequence(0)).isDeepEqualTo(new double[][] {{0.5, -1}, {0.25, 2}});
        assertThat(table.notes()).hasSize(3);
    }

    @Test
    void interleavedIdsAreAnErrorNamingTheIdAndLine() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> read("id,roll\na,0\na,5\nb,2\na,1\n", SequenceTable.Kind.SYMBOLS))
                .withMessage("s.csv: sequence id \"a\" reappears at line 5 after other ids (its rows so far end at"
                        + " line 3); group each sequence's rows together");
    }

    @Test
    void symbolErrors() {
        assertThatIllegalArgumentException().isThrownBy(() -> read("0,1\n0,2.5\n", SequenceTable.Kind.SYMBOLS))
                .withMessage("s.csv line 2, column 1: \"2.5\" is not a symbol (a non-negative integer, or a word such"
                        + " as H for string symbols)");
        assertThatIllegalArgumentException().isThrownBy(() -> read("0,1\n0,-1\n", SequenceTable.Kind.SYMBOLS))
                .withMessageStartingWith("s.csv line 2, column 1: \"-1\" is not a symbol");
        assertThatIllegalArgumentException().isThrownBy(() -> read("0,1,2\n", SequenceTable.Kind.SYMBOLS))
                .withMessage("s.csv: symbol sequences need exactly one symbol column after the id, but 2 columns are"
                        + " kept after column 0; choose them with --columns ID,SYMBOL");
        assertThatIllegalArgumentException().isThrownBy(() -> read("id,sym\na,H\na,\n", SequenceTable.Kind.SYMBOLS))
                .withMessage("s.csv line 3, column 1 (\"sym\"): the symbol is empty; use --missing to treat empty"
                        + " cells, NA and NaN as missing");
    }

    @Test
    void missingSymbolsWhenAllowed() {
        CsvOptions allowed = CsvOptions.builder().missingAllowed(true).build();
        SequenceTable strings = read("id,sym\na,H\na,\na,T\nb,NA\nb,H\n", allowed, SequenceTable.Kind.SYMBOLS);
        assertThat(strings.symbolNames()).containsExactly("H", "T");
        assertThat(strings.symbols(0)).containsExactly(0, SequenceTable.MISSING_SYMBOL, 1);
        assertThat(strings.symbols(1)).containsExactly(SequenceTable.MISSING_SYMBOL, 0);
        assertThat(strings.missingMask().stream().toArray()).containsExactly(1, 3);
        // a missing cell does not make integer symbols strings
        SequenceTable integers = read("id,sym\na,2\na,NaN\na,0\n", allowed, SequenceTable.Kind.SYMBOLS);
        assertThat(integers.hasSymbolNames()).isFalse();
        assertThat(integers.symbols(0)).containsExactly(2, SequenceTable.MISSING_SYMBOL, 0);
    }

    @Test
    void vectorErrors() {
        assertThatIllegalArgumentException().isThrownBy(() -> read("0,1,2\n0,x,2\n", SequenceTable.Kind.VECTORS))
                .withMessage("s.csv line 2, column 1: \"x\" is not a number; drop the column with --drop 1");
        assertThatIllegalArgumentException().isThrownBy(() -> read("a\nb\n", SequenceTable.Kind.VECTORS))
                .withMessage("s.csv: a sequence file needs a sequence id column and at least one observation column,"
                        + " but only column 0 is kept");
        assertThatIllegalArgumentException().isThrownBy(() -> read("id,x\na,1\n,2\n", SequenceTable.Kind.VECTORS))
                .withMessage("s.csv line 3, column 0 (\"id\"): the sequence id is empty");
        assertThatIllegalArgumentException().isThrownBy(() -> read("id,x\na,1\na,\n", SequenceTable.Kind.VECTORS))
                .withMessage("s.csv line 3, column 1 (\"x\"): the cell is empty; use --missing to treat empty cells,"
                        + " NA and NaN as missing");
        SequenceTable missing = read("id,x\na,1\na,NA\n", CsvOptions.builder().missingAllowed(true).build(),
                SequenceTable.Kind.VECTORS);
        assertThat(missing.missingMask().get(1)).isTrue();
        assertThat(missing.sequence(0)[1][0]).isNaN();
    }

    @Test
    void semicolonSequenceFileWithColumnsChosenByName() {
        SequenceTable table = read("when;who;temp;wind\n1;x;20.5;3\n2;x;21;4\n3;y;19;5\n",
                CsvOptions.builder().columns(List.of("who", "temp")).build(), SequenceTable.Kind.VECTORS);
        assertThat(table.ids()).containsExactly("x", "y");
        assertThat(table.sequence(0)).isDeepEqualTo(new double[][] {{20.5}, {21}});
    }
}
