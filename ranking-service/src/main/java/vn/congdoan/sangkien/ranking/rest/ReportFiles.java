package vn.congdoan.sangkien.ranking.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import vn.congdoan.sangkien.ranking.service.UnitReports;
import vn.congdoan.sangkien.ranking.service.UnitReports.Recognized;
import vn.congdoan.sangkien.ranking.service.UnitReports.Report;
import vn.congdoan.sangkien.ranking.service.UnitReports.ReportRow;

/** A report as files: the ranked units as CSV, or every part of it as a workbook with one sheet each. */
final class ReportFiles {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** Headings of the units' columns, in Vietnamese for the standing committee. */
    private static final List<String> UNIT_COLUMNS = List.of("Hạng", "Mã đơn vị", "Tên đơn vị", "Sáng kiến",
            "Được công nhận", "Chỉ tiêu", "% chỉ tiêu", "Trong kỳ", "Hạng đầu kỳ", "Tăng hạng");
    private static final List<String> RECOGNIZED_COLUMNS = List.of("Mã sáng kiến", "Tên sáng kiến", "Ngày công nhận",
            "Mã đơn vị", "Tên đơn vị");

    private ReportFiles() {
    }

    /** The ranked units, with a byte order mark so that spreadsheet programs read the Vietnamese names right. */
    static byte[] csv(Report report) {
        StringBuilder csv = new StringBuilder("\uFEFF");
        csv.append(String.join(",", UNIT_COLUMNS)).append("\r\n");
        for (ReportRow r : report.units()) {
            List<Object> values = values(r);
            for (int i = 0; i < values.size(); i++) {
                csv.append(i == 0 ? "" : ",").append(quoted(values.get(i)));
            }
            csv.append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A workbook: the ranked units, the movers, the most active grassroots unions, the recognised initiatives. */
    static byte[] xlsx(Report report) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = book.createCellStyle();
            Font font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            String title = report.unit().name() + " — " + report.from() + " đến " + report.to();
            units(book.createSheet("Xếp hạng"), title, report.units(), bold);
            units(book.createSheet("Tiến bộ nhất"), title, report.movers(), bold);
            units(book.createSheet("Sôi nổi nhất"), title, report.mostActive(), bold);
            Sheet recognized = book.createSheet("Được công nhận");
            header(recognized, report.titles() == UnitReports.Titles.SHOWN ? title
                    : title + " (chưa lấy được tên sáng kiến, hãy tải lại sau)", RECOGNIZED_COLUMNS, bold);
            recognized.setColumnWidth(1, 60 * 256);
            int n = 2;
            for (Recognized r : report.newlyRecognized()) {
                write(recognized.createRow(n++), Arrays.asList(r.initiativeId().toString(), r.title(),
                        r.recognized().toString(), r.unitCode(), r.unitName()));
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void units(Sheet sheet, String title, List<ReportRow> rows, CellStyle bold) {
        header(sheet, title, UNIT_COLUMNS, bold);
        int n = 2;
        for (ReportRow r : rows) {
            write(sheet.createRow(n++), values(r));
        }
        sheet.setColumnWidth(2, 50 * 256);
    }

    private static void header(Sheet sheet, String title, List<String> columns, CellStyle bold) {
        Cell heading = sheet.createRow(0).createCell(0);
        heading.setCellValue(title);
        heading.setCellStyle(bold);
        Row row = sheet.createRow(1);
        for (int i = 0; i < columns.size(); i++) {
            Cell cell = row.createCell(i);
            cell.setCellValue(columns.get(i));
            cell.setCellStyle(bold);
        }
    }

    private static void write(Row row, List<Object> values) {
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (v instanceof Number number) {
                row.createCell(i).setCellValue(number.doubleValue());
            } else if (v != null) {
                row.createCell(i).setCellValue(v.toString());
            }
        }
    }

    private static List<Object> values(ReportRow r) {
        return Arrays.asList(r.rank(), r.code(), r.name(), r.submissions(), r.recognized(), r.target(),
                r.targetPercent(), r.inPeriod(), r.rankBefore(), r.placesGained());
    }

    private static String quoted(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        if (!(value instanceof Number) && !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text; // a name is not a formula for the spreadsheet that opens the file
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
