package dev.bastion.audit;

import dev.bastion.json.Jsons;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How an audit export writes its entries. Values are {@link String}s, {@link Number}s or null
 * (times come already formatted); every column is written for every entry, null included, so
 * that a SIEM tool sees one fixed schema.
 */
enum ExportFormat {

    /** JSON Lines: one object per entry, named by the columns; null as JSON null. */
    JSONL("application/jsonl") {
        @Override
        void header(Writer out, List<String> columns) {
            // Each line names its fields: nothing comes first.
        }

        @Override
        void row(Writer out, List<String> columns, List<Object> values) throws IOException {
            JsonObjectBuilder line = Jsons.createObjectBuilder();
            for (int i = 0; i < columns.size(); i++) {
                Object value = values.get(i);
                if (value == null) {
                    line.addNull(columns.get(i));
                } else if (value instanceof Number n) {
                    line.add(columns.get(i), n.longValue());
                } else {
                    line.add(columns.get(i), value.toString());
                }
            }
            out.write(line.build().toString());
            out.write('\n');
        }
    },

    /** CSV as RFC 4180 has it: a header row, CRLF line ends, fields quoted when they need it; null as empty. */
    CSV("text/csv") {
        @Override
        void header(Writer out, List<String> columns) throws IOException {
            record(out, columns);
        }

        @Override
        void row(Writer out, List<String> columns, List<Object> values) throws IOException {
            record(out, values);
        }

        private static void record(Writer out, List<?> fields) throws IOException {
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                Object field = fields.get(i);
                if (field != null) {
                    out.write(quoted(field.toString()));
                }
            }
            out.write("\r\n");
        }
    };

    private final String mediaType;

    ExportFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The response's media type (the export always writes UTF-8). */
    String mediaType() {
        return mediaType;
    }

    /** The file name extension, also the name the query parameter {@code format} uses. */
    String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What goes before the first entry. */
    abstract void header(Writer out, List<String> columns) throws IOException;

    /** One entry: {@code values} in the order of {@code columns}. */
    abstract void row(Writer out, List<String> columns, List<Object> values) throws IOException;

    /** The format named {@code name} ({@code jsonl}, {@code csv}; case-insensitive), if there is one. */
    static Optional<ExportFormat> named(String name) {
        for (ExportFormat format : values()) {
            if (format.extension().equalsIgnoreCase(name)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** {@code field} as RFC 4180 wants it: in double quotes, inner ones doubled, when it holds a comma, quote or line break. */
    static String quoted(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
