package org.newplos.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 16, finding 14: tab and carriage return start a formula too; a re-import takes the guard off again. */
class CsvFormulaGuardTests {

    @Test
    void cellsStartingWithTabOrCarriageReturnAreGuardedLikeFormulas() {
        assertThat(Csv.escape("\t=cmd|' /C calc'!A0")).startsWith("'\t");
        assertThat(Csv.escape("\r=1+1")).startsWith("\"'\r");
        assertThat(Csv.escape("=SUM(A1:A9)")).isEqualTo("'=SUM(A1:A9)");
        assertThat(Csv.escape("-12.5")).isEqualTo("-12.5");
        assertThat(Csv.escape("plain")).isEqualTo("plain");
    }

    @Test
    void exportingAndImportingAgainGivesBackTheSameValues() throws Exception {
        List<String> values = List.of(
                "=HYPERLINK(\"http://evil.example\",\"x\")",
                "+44 20 7946 0000",
                "-x",
                "@SUM(1)",
                "'=already quoted by hand",
                "''=twice",
                "'just an apostrophe",
                "-12.5",
                "plain");
        StringWriter out = new StringWriter();
        Csv.write(out, List.of("name"));
        for (String value : values) {
            Csv.write(out, List.of(value));
        }
        CsvTable table = CsvTable.of(Csv.read(new StringReader(out.toString())), Set.of("name"), Set.of("name"));
        List<String> back = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            back.add(table.get(i, "name"));
        }
        assertThat(back).isEqualTo(values);
    }
}
