package vn.congdoan.sangkien.kit.rest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import vn.congdoan.sangkien.kit.problem.ProblemException;

/**
 * The CSV files of bulk imports and exports, read and written one way in every service: UTF-8 with a header line
 * naming the columns in any order, cells trimmed, blank lines skipped, every text quoted on the way out. Files are
 * read as they arrive (see {@link Uploads}), row by row.
 */
public final class CsvFiles {

    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS)
            .build();
    private static final CsvSchema WITH_HEADER = CsvSchema.emptySchema().withHeader().withColumnReordering(true);
    /** Text a spreadsheet would run as a formula: it starts (after any quotes) with one of these. */
    private static final Pattern FORMULA = Pattern.compile("^'*[=+\\-@\t\r]");
    private static final Pattern NEUTRALISED = Pattern.compile("^'+[=+\\-@\t\r]");

    private CsvFiles() {
    }

    /**
     * The rows of a file as records of {@code type}.
     *
     * @param columns  what the refusal of a header lists as the columns a file may have, or null
     * @param tooMany  the refusal of a file with more than {@code maxRows} rows, given the number reached
     */
    public static <T> List<T> read(InputStream body, Class<T> type, Set<String> requiredColumns, List<String> columns,
            int maxRows, IntFunction<ProblemException> tooMany) {
        return read(body, MAPPER.readerFor(type), requiredColumns, columns, maxRows, tooMany, Function.identity());
    }

    /** The rows of a file, each cell by its column's name, each row made into what {@code row} makes of it. */
    public static <R> List<R> readCells(InputStream body, Set<String> requiredColumns, List<String> columns,
            int maxRows, IntFunction<ProblemException> tooMany, Function<Map<String, String>, R> row) {
        return read(body, MAPPER.readerForMapOf(String.class), requiredColumns, columns, maxRows, tooMany, row);
    }

    private static <T, R> List<R> read(InputStream body, ObjectReader reader, Set<String> requiredColumns,
            List<String> columns, int maxRows, IntFunction<ProblemException> tooMany, Function<T, R> row) {
        BufferedReader text = Uploads.csv(body, requiredColumns, columns);
        List<R> rows = new ArrayList<>();
        try (MappingIterator<T> it = reader.with(WITH_HEADER).readValues(text)) {
            while (it.hasNextValue()) {
                if (rows.size() == maxRows) {
                    throw tooMany.apply(rows.size() + 1);
                }
                rows.add(row.apply(it.nextValue()));
            }
        } catch (IOException | RuntimeException e) {
            throw Uploads.unreadableCsv(e);
        }
        return rows;
    }

    /** Writes a header line of {@code columns} and returns a writer of rows of cells in that order. */
    public static SequenceWriter writer(OutputStream out, List<String> columns) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        return MAPPER.writer(schema.build()).writeValues(out);
    }

    /**
     * A text cell as written: one that a spreadsheet would take for a formula ({@code =}, {@code +}, {@code -},
     * {@code @}, a tab or a carriage return first, after any quotes) gets one more {@code '} in front, which the
     * spreadsheet shows as text and {@link #restored} takes off again.
     */
    public static String neutralised(String cell) {
        return cell != null && FORMULA.matcher(cell).find() ? "'" + cell : cell;
    }

    /** A text cell as read: what {@link #neutralised} wrote comes back as it was. */
    public static String restored(String cell) {
        return cell != null && NEUTRALISED.matcher(cell).find() ? cell.substring(1) : cell;
    }
}
