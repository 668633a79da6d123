package dev.bastion.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The export formats: RFC 4180 quoting, one JSON object per line with every column, formats by name. */
class ExportFormatTest {

    private static final List<String> COLUMNS = List.of("id", "params", "error_code");

    @Test
    void csvQuotesWhatNeedsItAndDoublesInnerQuotes() throws IOException {
        StringWriter out = new StringWriter();
        ExportFormat.CSV.header(out, COLUMNS);
        ExportFormat.CSV.row(out, COLUMNS, Arrays.asList(7L, "{\"a\":\"x, y\"}", null));
        ExportFormat.CSV.row(out, COLUMNS, Arrays.asList(8L, "two\nlines", 42));
        ExportFormat.CSV.row(out, COLUMNS, Arrays.asList(9L, "plain", null));
        assertEquals("id,params,error_code\r\n7,\"{\"\"a\"\":\"\"x, y\"\"}\",\r\n8,\"two\nlines\",42\r\n9,plain,\r\n",
                out.toString());
        assertEquals("\"cr\rhere\"", ExportFormat.quoted("cr\rhere"));
    }

    @Test
    void jsonLinesWriteEveryColumnNullIncluded() throws IOException {
        StringWriter out = new StringWriter();
        ExportFormat.JSONL.header(out, COLUMNS);
        ExportFormat.JSONL.row(out, COLUMNS, Arrays.asList(7L, "line\nbreak", null));
        assertEquals("{\"id\":7,\"params\":\"line\\nbreak\",\"error_code\":null}\n", out.toString());
    }

    @Test
    void formatsAreFoundByNameWhateverTheCase() {
        assertEquals(Optional.of(ExportFormat.CSV), ExportFormat.named("CSV"));
        assertEquals(Optional.of(ExportFormat.JSONL), ExportFormat.named("jsonl"));
        assertTrue(ExportFormat.named("xml").isEmpty());
    }
}
