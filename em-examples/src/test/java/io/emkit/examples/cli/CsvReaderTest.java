package io.emkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    private static NumericTable data(String text) {
        return CsvReader.readData(new StringReader(text), "x.csv");
    }

    @Test
    void headerIsDetectedWhenTheFirstLineHasNoNumber() {
        NumericTable table = data("a, \"b\"\n1,2\n3.5,-4e-3\n");
        assertThat(table.header()).containsExactly("a", "b");
        assertThat(table.size()).isEqualTo(2);
        assertThat(table.toArray()).isDeepEqualTo(new double[][] {{1, 2}, {3.5, -4e-3}});
    }

    @Test
    void numericFirstLineIsData() {
        NumericTable table = data("1,2\n\n3,4\n");
        assertThat(table.header()).isEmpty();
        assertThat(table.toArray()).isDeepEqualTo(new double[][] {{1, 2}, {3, 4}});
    }

    @Test
    void everyDoubleReadsBackExactly() {
        double[] values = {0.1, 1.0 / 3, -2.2250738585072014E-308, 4.9e-324, 1.7976931348623157e308};
        StringBuilder text = new StringBuilder();
        for (double v : values) {
            text.append(Double.toString(v)).append('\n');
        }
        double[][] read = data(text.toString()).toArray();
        for (int i = 0; i < values.length; i++) {
            assertThat(read[i][0]).isEqualTo(values[i]);
        }
    }

    @Test
    void aFirstLineMixingTextAndNumbersIsABadDataLine() {
        assertThatThrownBy(() -> data("1,abc\n2,3\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x.csv: line 1, column 2: \"abc\" is not a finite number");
    }

    @Test
    void badCellNamesLineAndColumn() {
        assertThatThrownBy(() -> data("x,y\n1,2\n3,4\n5,oops\n"))
                .hasMessage("x.csv: line 4, column 2: \"oops\" is not a finite number");
        assertThatThrownBy(() -> data("1,2\n3,\n"))
                .hasMessage("x.csv: line 2, column 2: the cell is empty");
        assertThatThrownBy(() -> data("1,2\nNaN,4\n"))
                .hasMessage("x.csv: line 2, column 1: \"NaN\" is not a finite number");
        assertThatThrownBy(() -> data("1,2\n1d,4\n"))
                .hasMessage("x.csv: line 2, column 1: \"1d\" is not a finite number");
    }

    @Test
    void raggedAndEmptyInputsAreRejected() {
        assertThatThrownBy(() -> data("1,2\n3,4,5\n"))
                .hasMessage("x.csv: line 2 has 3 columns but line 1 has 2");
        assertThatThrownBy(() -> data("a,b\n1,2,3\n"))
                .hasMessage("x.csv: line 2 has 3 columns but the header has 2");
        assertThatThrownBy(() -> data("a,b\n\n")).hasMessage("x.csv: no data lines");
    }

    @Test
    void missingFileIsOneLine(@TempDir Path dir) {
        Path missing = dir.resolve("nope.csv");
        assertThatThrownBy(() -> CsvReader.readData(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void sequencesGroupConsecutiveIds() {
        SequenceTable table = CsvReader.readSequences(new StringReader(
                "id,roll\na,0\na,5\nb,2\na,1\n"), "s.csv", true);
        assertThat(table.header()).containsExactly("id", "roll");
        assertThat(table.ids()).containsExactly("a", "b", "a");
        assertThat(table.symbols(0)).containsExactly(0, 5);
        assertThat(table.symbols(1)).containsExactly(2);
        assertThat(table.symbols(2)).containsExactly(1);
        assertThat(table.totalLength()).isEqualTo(4);
    }

    @Test
    void gaussianSequencesHaveDColumns() {
        SequenceTable table = CsvReader.readSequences(new StringReader(
                "0,1.5,2\n0,3,4\n1,-1,0\n"), "s.csv", false);
        assertThat(table.header()).isEmpty();
        assertThat(table.count()).isEqualTo(2);
        assertThat(table.dimension()).isEqualTo(2);
        assertThat(table.sequence(0)).isDeepEqualTo(new double[][] {{1.5, 2}, {3, 4}});
    }

    @Test
    void sequenceErrorsNameLineAndColumn() {
        assertThatThrownBy(() -> CsvReader.readSequences(new StringReader("0,1\n0,2.5\n"), "s.csv", true))
                .hasMessage("s.csv: line 2, column 2: \"2.5\" is not a symbol (a non-negative integer)");
        assertThatThrownBy(() -> CsvReader.readSequences(new StringReader("0,1\n0,-1\n"), "s.csv", true))
                .hasMessageContaining("line 2, column 2");
        assertThatThrownBy(() -> CsvReader.readSequences(new StringReader("0,1,2\n"), "s.csv", true))
                .hasMessageContaining("categorical emissions need exactly one integer symbol");
        assertThatThrownBy(() -> CsvReader.readSequences(new StringReader("0,1,2\n0,x,2\n"), "s.csv", false))
                .hasMessage("s.csv: line 2, column 2: \"x\" is not a finite number");
    }
}
