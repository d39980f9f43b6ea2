package io.emkit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link CsvTable#ofRecords} and {@link SequenceTable#ofRecords} (records split by another reader)
 * against reading the same text: the same table, the same notes, the same messages.
 */
class RecordsTableTest {

    /** The text's non-blank, non-comment lines split at commas (no quotes in these texts), and their lines. */
    private static List<String[]> records(String text, List<Integer> lines) {
        List<String[]> out = new ArrayList<>();
        String[] all = text.split("\n", -1);
        for (int i = 0; i < all.length; i++) {
            if (!all[i].isBlank() && !all[i].startsWith("#")) {
                String[] fields = all[i].split(",", -1);
                for (int j = 0; j < fields.length; j++) {
                    fields[j] = fields[j].strip();
                }
                out.add(fields);
                lines.add(i + 1);
            }
        }
        return out;
    }

    private static int[] ints(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    private static NumericTable read(String text, CsvOptions options) throws IOException {
        return NumericTable.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "x.csv", options);
    }

    private static NumericTable ofRecords(String text, CsvOptions options) {
        List<Integer> lines = new ArrayList<>();
        List<String[]> records = records(text, lines);
        return NumericTable.of(CsvTable.ofRecords("x.csv", ',', records, ints(lines), options), options);
    }

    @Test
    void numbersEqualTheReadersWithHeaderRowIndexAndColumns() throws IOException {
        String text = "# pandas\n,a,b,label\n0,1.5,2,x\n\n1, -3e-2 ,4,y\n2,5,6,x\n";
        CsvOptions options = CsvOptions.builder().dropIfPresent(List.of("label")).build();
        NumericTable expected = read(text, options);
        NumericTable got = ofRecords(text, options);
        assertThat(got.columnNames()).isEqualTo(expected.columnNames()).containsExactly("a", "b");
        assertThat(got.fileColumns()).isEqualTo(expected.fileColumns());
        assertThat(got.toRowMajor()).isEqualTo(expected.toRowMajor());
        assertThat(got.notes()).isEqualTo(expected.notes()).isNotEmpty();
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.line(i)).isEqualTo(expected.line(i));
        }
    }

    @Test
    void errorsAreTheReadersWithTheGivenLines() {
        String ragged = "a,b\n1,2\n# c\n3\n";
        String word = "a,b\n1,2\n3,x\n";
        for (String text : List.of(ragged, word)) {
            String expected = org.assertj.core.api.Assertions.catchThrowable(() -> read(text, CsvOptions.defaults()))
                    .getMessage();
            assertThatIllegalArgumentException().isThrownBy(() -> ofRecords(text, CsvOptions.defaults()))
                    .withMessage(expected);
        }
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ofRecords(ragged, CsvOptions.defaults())))
                .hasMessageContaining("line 4 has 1 fields");
        assertThatIllegalArgumentException().isThrownBy(() -> CsvTable.ofRecords("x.csv", ',',
                List.<String[]>of(new String[] {"1"}), new int[0], CsvOptions.defaults()))
                .withMessageContaining("lines (0) must hold one line per record (1)");
    }

    @Test
    void sequencesEqualTheReadersWithStringSymbols() throws IOException {
        String text = "id,word\na,sun\na,rain\nb,rain\nb,fog\n";
        CsvOptions options = CsvOptions.defaults();
        SequenceTable expected = SequenceTable.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                "s.csv", options, SequenceTable.Kind.SYMBOLS);
        List<Integer> lines = new ArrayList<>();
        List<String[]> records = records(text, lines);
        SequenceTable got = SequenceTable.ofRecords("s.csv", ',', records, ints(lines), options,
                SequenceTable.Kind.SYMBOLS);
        assertThat(got.ids()).isEqualTo(expected.ids()).containsExactly("a", "b");
        assertThat(got.symbolNames()).isEqualTo(expected.symbolNames()).containsExactly("sun", "rain", "fog");
        assertThat(got.allSymbols()).usingRecursiveComparison().isEqualTo(expected.allSymbols());
        assertThat(got.line(1, 1)).isEqualTo(expected.line(1, 1)).isEqualTo(5);
    }
}
