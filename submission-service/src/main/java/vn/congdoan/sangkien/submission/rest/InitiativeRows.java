package vn.congdoan.sangkien.submission.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.congdoan.sangkien.events.InitiativeStatus;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.kit.rest.CsvFiles;
import vn.congdoan.sangkien.kit.rest.Uploads;
import vn.congdoan.sangkien.submission.Initiative;
import vn.congdoan.sangkien.submission.service.ImportRow;
import vn.congdoan.sangkien.submission.service.InitiativeImportReport.FieldError;
import vn.congdoan.sangkien.submission.service.InitiativeImportService;
import vn.congdoan.sangkien.submission.service.NewInitiative;
import vn.congdoan.sangkien.submission.service.PastRecord;

/**
 * Rows of a bulk import or export, in JSON (the fields of {@link CreateInitiativeRequest}) or in CSV with the columns
 * {@link #COLUMNS}. A row that cannot be read is rejected on its own with the field named; only a file that is not
 * CSV at all fails the whole request. The CSV {@code authors} cell holds {@code memberId:Display Name} pairs
 * separated by {@code |}.
 */
@ApplicationScoped
public class InitiativeRows {

    /** What an import reads, in the order an export writes them: the content, then the past. */
    static final List<String> IMPORTED = concat(List.of("externalRef", "programmeCode", "title", "problem",
            "solution", "expectedBenefit", "field", "unitId", "visibility", "authors", "submit"), PastRecord.FIELDS);
    /** Written by an export for information; an import ignores them. */
    static final List<String> EXPORTED_ONLY = List.of("id", "unitCode", "status", "createdAt", "updatedAt",
            "imported", "importedBy", "importedAt");
    static final List<String> COLUMNS = concat(IMPORTED, EXPORTED_ONLY);
    private static final Set<String> REQUIRED_COLUMNS = Set.of("externalRef", "programmeCode", "title", "field",
            "unitId");
    private static final Set<String> WITHHOLDABLE = Set.of("problem", "solution", "expectedBenefit", "authors",
            "visibility");
    /**
     * What an export's JSON rows carry beyond a creation's fields (the view of the initiative): an import reads them
     * past, so that an exported file imports back; any other property a row does not know is refused, naming it.
     */
    private static final Set<String> VIEW_ONLY = viewOnly();

    private final ObjectMapper json;
    private final Validator validator;

    public InitiativeRows(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /**
     * Reads the rows one at a time from the stream: the body is never held whole, nor as one tree, only as rows.
     *
     * @param body a JSON array of objects
     */
    List<ImportRow> fromJson(InputStream body) {
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw ProblemException.badRequest("body", Text.of("must be a JSON array of initiatives",
                        "phải là một mảng JSON các sáng kiến"));
            }
            List<ImportRow> rows = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (rows.size() == InitiativeImportService.MAX_ROWS) {
                    throw InitiativeImportService.tooMany(rows.size() + 1);
                }
                rows.add(read(json.readTree(parser)));
            }
            if (parser.nextToken() != null) {
                throw ProblemException.badRequest("body", Text.of("has content after the JSON array",
                        "còn nội dung sau mảng JSON"));
            }
            return rows;
        } catch (JsonProcessingException e) {
            String reason = firstLine(e.getOriginalMessage());
            throw ProblemException.badRequest("body", Text.of("is not well-formed JSON: " + reason,
                    "không phải JSON hợp lệ: " + reason));
        } catch (IOException e) {
            throw Uploads.cutShort(e);
        }
    }

    /** @param body a UTF-8 CSV file whose first line names the columns, read as it arrives */
    List<ImportRow> fromCsv(InputStream body) {
        return CsvFiles.readCells(body, REQUIRED_COLUMNS, COLUMNS, InitiativeImportService.MAX_ROWS,
                InitiativeImportService::tooMany, cells -> read(csvRow(cells)));
    }

    /** Blank cells are absent values; the authors cell becomes the array the JSON form has. */
    private ObjectNode csvRow(Map<String, String> cells) {
        ObjectNode node = json.createObjectNode();
        for (String column : IMPORTED) {
            String value = CsvFiles.restored(cells.get(column));
            if (value == null || value.isBlank()) {
                continue;
            }
            if (column.equals("authors")) {
                ArrayNode authors = node.putArray("authors");
                for (String pair : value.split("\\|")) {
                    if (pair.isBlank()) {
                        continue;
                    }
                    int colon = pair.indexOf(':');
                    ObjectNode author = authors.addObject();
                    author.put("memberId", colon < 0 ? pair.strip() : pair.substring(0, colon).strip());
                    if (colon >= 0) {
                        author.put("displayName", pair.substring(colon + 1).strip());
                    }
                }
            } else {
                node.put(column, value);
            }
        }
        return node;
    }

    private ImportRow read(JsonNode node) {
        String externalRef = node != null && node.path("externalRef").isTextual()
                ? node.path("externalRef").asText().strip() : null;
        if (node == null || !node.isObject()) {
            return new ImportRow(externalRef, null, PastRecord.NONE, Set.of(),
                    List.of(new FieldError("row", "must be an object")));
        }
        ObjectNode row = (ObjectNode) node;
        row.remove(VIEW_ONLY);
        ObjectNode pastNode = json.createObjectNode();
        for (String field : PastRecord.FIELDS) {
            JsonNode value = row.remove(field);
            if (value != null && !value.isNull() && !(value.isTextual() && value.asText().isBlank())) {
                pastNode.set(field, value);
            }
        }
        if (row.get("authors") instanceof ArrayNode authors) {
            authors.forEach(a -> {
                if (a instanceof ObjectNode author) {
                    author.remove("confirmed");
                }
            });
        }
        Set<String> withheld = new HashSet<>();
        for (String field : WITHHOLDABLE) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull() || value.isTextual() && value.asText().isBlank()
                    || value.isArray() && value.isEmpty()) {
                withheld.add(field);
            }
        }
        CreateInitiativeRequest request;
        PastRecord past;
        try {
            request = json.treeToValue(node, CreateInitiativeRequest.class);
            past = json.treeToValue(pastNode, PastRecord.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return new ImportRow(externalRef, null, PastRecord.NONE, withheld, List.of(unreadable(e)));
        }
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<PastRecord> violation : validator.validate(past)) {
            errors.add(new FieldError(violation.getPropertyPath().toString(), violation.getMessage()));
        }
        if (externalRef == null || externalRef.isEmpty()) {
            errors.add(new FieldError("externalRef", "is required for import: the provincial system's id of the "
                    + "initiative"));
        }
        for (ConstraintViolation<CreateInitiativeRequest> violation : validator.validate(request)) {
            String field = violation.getPropertyPath().toString().replace(".<list element>", "");
            String root = field.replaceAll("[\\[.].*", "");
            if (!withheld.contains(root) && !(root.equals("externalRef") && errors.stream()
                    .anyMatch(e -> e.field().equals("externalRef")))) {
                errors.add(new FieldError(field, violation.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            errors.sort((a, b) -> a.field().compareTo(b.field()));
            return new ImportRow(externalRef, null, PastRecord.NONE, withheld, errors);
        }
        return new ImportRow(externalRef, new NewInitiative(request.programmeCode().strip(), request.title().strip(),
                withheld.contains("problem") ? null : request.problem(),
                withheld.contains("solution") ? null : request.solution(),
                withheld.contains("expectedBenefit") ? null : request.expectedBenefit(),
                request.field(), request.unitId(), withheld.contains("visibility") ? null : request.visibility(),
                externalRef,
                withheld.contains("authors") ? null : request.authors().stream()
                        .map(a -> new Initiative.Author(a.memberId().strip(), a.displayName().strip(), true))
                        .toList(),
                request.attachments() == null ? null : request.attachments().stream()
                        .map(CreateInitiativeRequest.AttachmentDto::toAttachment).toList(),
                request.submit()), past, withheld, List.of());
    }

    private static FieldError unreadable(Exception e) {
        if (e instanceof JsonMappingException mapping) {
            String field = mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining()).replaceFirst("^\\.", "");
            if (mapping instanceof InvalidFormatException format) {
                Class<?> type = format.getTargetType();
                String expected = type.isEnum() ? "one of " + List.of(type.getEnumConstants())
                        : type == UUID.class ? "a UUID"
                        : type == boolean.class || type == Boolean.class ? "true or false"
                        : type == OffsetDateTime.class ? "a date-time with its offset, such as 2021-10-05T08:00:00+07:00"
                        : type == Integer.class || type == Long.class ? "a whole number"
                        : "a " + type.getSimpleName();
                return new FieldError(field.isEmpty() ? "row" : field, "must be " + expected + ", was '"
                        + format.getValue() + "'");
            }
            return new FieldError(field.isEmpty() ? "row" : field, "cannot be read: "
                    + firstLine(mapping.getOriginalMessage()));
        }
        return new FieldError("row", "cannot be read: " + firstLine(e.getMessage()));
    }

    /** Writes a header line and returns a writer of rows in {@link #COLUMNS} order. */
    static SequenceWriter csvWriter(OutputStream out) throws IOException {
        return CsvFiles.writer(out, COLUMNS);
    }

    /**
     * One initiative as a CSV row; withheld content is left empty, and text that a spreadsheet would take for a
     * formula is written so that it shows as text ({@link CsvFiles#neutralised}).
     */
    static List<String> csvRow(InitiativeView view, String unitCode) {
        Map<String, String> cells = new HashMap<>();
        cells.put("externalRef", CsvFiles.neutralised(view.externalRef()));
        cells.put("programmeCode", CsvFiles.neutralised(view.programmeCode()));
        cells.put("title", CsvFiles.neutralised(view.title()));
        cells.put("problem", CsvFiles.neutralised(view.problem()));
        cells.put("solution", CsvFiles.neutralised(view.solution()));
        cells.put("expectedBenefit", CsvFiles.neutralised(view.expectedBenefit()));
        cells.put("field", view.field().name());
        cells.put("unitId", view.unitId().toString());
        cells.put("unitCode", CsvFiles.neutralised(unitCode));
        cells.put("visibility", view.visibility().name());
        cells.put("authors", view.authors() == null ? null : CsvFiles.neutralised(view.authors().stream()
                .map(a -> a.memberId() + ":" + a.displayName()).collect(Collectors.joining("|"))));
        cells.put("submit", String.valueOf(submitted(view)));
        // of the past, when it was submitted and ended: the outcome's columns stay empty, so that importing the file
        // back keeps what is stored (the status column tells the outcome)
        cells.put("submittedAt", text(view.submittedAt()));
        cells.put("endedAt", text(view.endedAt()));
        cells.put("id", view.id().toString());
        cells.put("status", view.status().name());
        cells.put("createdAt", view.createdAt().toString());
        cells.put("updatedAt", view.updatedAt().toString());
        cells.put("imported", String.valueOf(Boolean.TRUE.equals(view.imported())));
        cells.put("importedBy", CsvFiles.neutralised(view.importedBy()));
        cells.put("importedAt", text(view.importedAt()));
        return COLUMNS.stream().map(cells::get).toList();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Set<String> viewOnly() {
        Set<String> names = new HashSet<>();
        for (var component : InitiativeView.class.getRecordComponents()) {
            names.add(component.getName());
        }
        for (var component : CreateInitiativeRequest.class.getRecordComponents()) {
            names.remove(component.getName());
        }
        PastRecord.FIELDS.forEach(names::remove);
        names.add("unitCode");
        return Set.copyOf(names);
    }

    /** One initiative as a JSON object an import reads back: the view, its unit's code and {@code submit}. */
    ObjectNode jsonRow(InitiativeView view, String unitCode) {
        ObjectNode node = json.valueToTree(view);
        node.put("unitCode", unitCode);
        node.put("submit", submitted(view));
        return node;
    }

    ObjectMapper json() {
        return json;
    }

    private static boolean submitted(InitiativeView view) {
        return view.status() != InitiativeStatus.DRAFT;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
