package vn.congdoan.sangkien.orgunit.rest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import vn.congdoan.sangkien.kit.problem.ProblemException;

/** Reads a UTF-8 CSV file with a header line into records; a malformed file is a 400 naming the line. */
final class CsvRows {

    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    private CsvRows() {
    }

    static <T> List<T> read(byte[] body, Class<T> type, Set<String> requiredColumns, int maxRows) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("body", "is not valid UTF-8 text");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String headerLine = text.lines().findFirst().orElse("");
        Set<String> columns = new HashSet<>();
        for (String column : headerLine.split(",")) {
            columns.add(column.strip().replace("\"", ""));
        }
        List<String> missing = requiredColumns.stream().filter(c -> !columns.contains(c)).sorted().toList();
        if (!missing.isEmpty()) {
            throw ProblemException.badRequest("header", "the header line lacks column(s) " + missing);
        }
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
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            throw ProblemException.badRequest("body", "is not a well-formed CSV file with a header line: "
                    + firstLine(e.getMessage()));
        }
        return rows;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
