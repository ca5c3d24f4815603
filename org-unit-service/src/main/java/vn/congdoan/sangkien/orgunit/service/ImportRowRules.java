package vn.congdoan.sangkien.orgunit.service;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import vn.congdoan.sangkien.events.UnitSector;
import vn.congdoan.sangkien.kit.rest.QueryParams;

/** What a row of a unit import must be on its own, before it is compared with the hierarchy: plain rules. */
final class ImportRowRules {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String SECTORS = Arrays.stream(UnitSector.values()).map(Enum::name)
            .collect(Collectors.joining(", "));

    private ImportRowRules() {
    }

    /** @return {@code "field|reason"} when the row is unusable on its own, else {@code null} */
    static String checkRow(ImportRow row) {
        if (row == null) {
            return "row|is empty";
        }
        if (row.code() == null || !CODE.matcher(row.code().strip()).matches()) {
            return "code|is required: 1 to 64 letters, digits, '.', '_' or '-'";
        }
        if (row.name() == null || row.name().isBlank() || row.name().strip().length() > 300) {
            return "name|is required, at most 300 characters";
        }
        if (!"GRASSROOTS".equals(strip(row.type())) && !"DIRECT_SUPERIOR".equals(strip(row.type()))) {
            return "type|must be GRASSROOTS or DIRECT_SUPERIOR, was '" + row.type() + "'";
        }
        if (row.parentCode() == null || row.parentCode().isBlank()) {
            return "parentCode|is required";
        }
        if (row.memberCount() != null && !row.memberCount().isBlank()) {
            try {
                if (Integer.parseInt(row.memberCount().strip()) < 0) {
                    return "memberCount|must not be negative";
                }
            } catch (NumberFormatException e) {
                return "memberCount|must be a whole number, was '" + row.memberCount() + "'";
            }
        }
        for (String[] field : new String[][] { { "memberCountAsOf", row.memberCountAsOf() },
                { "validFrom", row.validFrom() }, { "validTo", row.validTo() } }) {
            LocalDate day;
            try {
                day = date(field[1]);
            } catch (DateTimeParseException e) {
                return field[0] + "|must be a date as YYYY-MM-DD, was '" + field[1] + "'";
            }
            if (day != null && !QueryParams.inRange(day)) {
                return field[0] + "|must be a date from " + QueryParams.FIRST_DAY + " to " + QueryParams.LAST_DAY
                        + ", was '" + field[1] + "'";
            }
        }
        if (row.sector() != null && !row.sector().isBlank() && sector(row.sector()) == null) {
            return "sector|must be one of " + SECTORS + ", was '" + row.sector() + "'";
        }
        return null;
    }

    /** The sector a cell names, {@code null} when it names none. */
    static UnitSector sector(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Arrays.stream(UnitSector.values()).filter(s -> s.name().equals(value.strip())).findFirst()
                .orElse(null);
    }

    static String strip(String value) {
        return value == null ? null : value.strip();
    }

    static LocalDate date(String value) {
        return value == null || value.isBlank() ? null : LocalDate.parse(value.strip());
    }

}
