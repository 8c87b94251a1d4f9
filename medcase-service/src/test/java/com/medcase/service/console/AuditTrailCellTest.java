package com.medcase.service.console;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** OWASP "CSV injection": a cell a spreadsheet would evaluate is exported as text. */
class AuditTrailCellTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            =HYPERLINK("http://x")  | '=HYPERLINK("http://x")
            +1+1                    | '+1+1
            -2+3                    | '-2+3
            @SUM(A1)                | '@SUM(A1)
            record.read_content     | record.read_content
            visit 2025-03-01.pdf    | visit 2025-03-01.pdf
            """)
    void formulaLeadingCellsAreNeutralised(String value, String exported) {
        assertThat(AuditTrail.cell(value)).isEqualTo(exported);
    }

    @ParameterizedTest
    @CsvSource({"'\tcmd'", "'\rcmd'"})
    void tabAndCarriageReturnLeadersToo(String value) {
        assertThat(AuditTrail.cell(value)).startsWith("'");
    }
}
