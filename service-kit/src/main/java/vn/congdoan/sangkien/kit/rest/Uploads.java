package vn.congdoan.sangkien.kit.rest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;

import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;

/**
 * Bodies of bulk imports, read as they arrive: a file is never held whole, in bytes or as text. Refusals name the
 * part at fault: {@code header} for missing CSV columns, {@code body} for the rest.
 */
public final class Uploads {

    /** The header line is read twice (checked here, then by the CSV parser); longer than this it is no header. */
    private static final int HEADER_LIMIT = 64 * 1024;

    private Uploads() {
    }

    /**
     * Opens {@code body}, a CSV file, as strict UTF-8 text, past a byte-order mark, and checks that its header line
     * names every one of {@code requiredColumns}.
     *
     * @param columns what the refusal of a header lists as the columns a file may have, or null
     * @return the text from the header line on
     */
    public static BufferedReader csv(InputStream body, Set<String> requiredColumns, List<String> columns) {
        BufferedReader text = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), 64 * 1024);
        String headerLine;
        try {
            text.mark(HEADER_LIMIT);
            if (text.read() != '\uFEFF') {
                text.reset();
            }
            text.mark(HEADER_LIMIT);
            headerLine = text.readLine();
            if (headerLine != null && headerLine.length() >= HEADER_LIMIT - 2) {
                throw ProblemException.badRequest("header", Text.of("the first line is no header line: longer than "
                        + (HEADER_LIMIT - 2) + " characters", "dòng đầu không phải dòng tiêu đề: dài hơn "
                        + (HEADER_LIMIT - 2) + " ký tự")).limit("maxLength", HEADER_LIMIT - 2);
            }
            text.reset();
        } catch (IOException e) {
            throw unreadableCsv(e);
        }
        Set<String> header = new HashSet<>();
        for (String column : (headerLine == null ? "" : headerLine).split(",")) {
            header.add(column.strip().replace("\"", ""));
        }
        List<String> missing = requiredColumns.stream().filter(c -> !header.contains(c)).sorted().toList();
        if (!missing.isEmpty()) {
            String all = columns == null ? "" : String.join(",", columns);
            throw ProblemException.badRequest("header", Text.of("the header line lacks column(s) " + missing
                    + (all.isEmpty() ? "" : "; columns: " + all), "dòng tiêu đề thiếu cột " + missing
                    + (all.isEmpty() ? "" : "; các cột: " + all))).allowed(missing);
        }
        return text;
    }

    /** Why a CSV file could not be read: not UTF-8, not CSV, or an upload that broke off. */
    public static ProblemException unreadableCsv(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProblemException problem) {
                return problem;
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CharacterCodingException) {
                return ProblemException.badRequest("body", Text.of("is not valid UTF-8 text",
                        "không phải văn bản UTF-8 hợp lệ"));
            }
        }
        if (e instanceof IOException io && !(e instanceof JsonProcessingException)) {
            return cutShort(io);
        }
        String reason = firstLine(e.getMessage());
        return ProblemException.badRequest("body", Text.of("is not a well-formed CSV file with a header line: "
                + reason, "không phải tệp CSV hợp lệ có dòng tiêu đề: " + reason));
    }

    /** The upload broke off (the client went away, or sent nothing for too long): the client's to send again. */
    public static ProblemException cutShort(IOException e) {
        String reason = firstLine(e.getMessage());
        return ProblemException.badRequest("body", Text.of("could not be read to its end: " + reason,
                "không đọc được đến hết: " + reason));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
