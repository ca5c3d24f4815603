package vn.congdoan.sangkien.orgunit.rest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.rest.Uploads;

/** Reads a UTF-8 CSV file with a header line into records as it arrives; a malformed file is a 400 naming the line. */
final class CsvRows {

    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    private CsvRows() {
    }

    static <T> List<T> read(InputStream body, Class<T> type, Set<String> requiredColumns, int maxRows) {
        BufferedReader text = Uploads.csv(body, requiredColumns, null);
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnReordering(true);
        List<T> rows = new ArrayList<>();
        try (MappingIterator<T> it = MAPPER.readerFor(type).with(schema).readValues(text)) {
            while (it.hasNextValue()) {
                rows.add(it.nextValue());
                if (rows.size() > maxRows) {
                    throw ProblemException.unprocessable("rows", "At most " + maxRows + " rows per request");
                }
            }
        } catch (IOException | RuntimeException e) {
            throw Uploads.unreadableCsv(e);
        }
        return rows;
    }
}
