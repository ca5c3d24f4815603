package vn.congdoan.sangkien.orgunit.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;

/**
 * The days of a programme that runs from {@code startDate} to {@code endDate}, both included: day 1 is the start
 * date, so the "1 triệu sáng kiến" programme (from 1 September 2021) was on day 227 on 15 April 2022. Days are
 * counted in Vietnam's time zone, where the programme's users live. A programme without an end date goes on: it has
 * no total and no days remaining.
 */
public record ProgrammeCalendar(LocalDate startDate, LocalDate endDate) {

    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    /**
     * Where {@code asOf} falls in the programme.
     *
     * @param dayNumber     the day of the programme that {@code asOf} is; {@code null} before the start or after the end
     * @param daysElapsed   days of the programme up to and including {@code asOf}
     * @param daysRemaining days of the programme after {@code asOf}; {@code null} for a programme without an end
     */
    public record Progress(LocalDate asOf, Integer dayNumber, int daysElapsed, Integer daysRemaining) {
    }

    public ProgrammeCalendar {
        if (endDate != null && endDate.isBefore(startDate)) {
            throw new IllegalArgumentException("endDate " + endDate + " is before startDate " + startDate);
        }
    }

    /** The programme's days; {@code null} without an end. */
    public Integer totalDays() {
        return endDate == null ? null : Math.toIntExact(ChronoUnit.DAYS.between(startDate, endDate)) + 1;
    }

    public Progress progressOn(LocalDate asOf) {
        long sinceStart = ChronoUnit.DAYS.between(startDate, asOf) + 1;
        Integer total = totalDays();
        int elapsed = (int) Math.max(0, total == null ? sinceStart : Math.min(total, sinceStart));
        Integer dayNumber = asOf.isBefore(startDate) || (endDate != null && asOf.isAfter(endDate)) ? null : elapsed;
        return new Progress(asOf, dayNumber, elapsed, total == null ? null : total - elapsed);
    }

    /**
     * A phase lies inside the programme and ends on or after its start; either date may be unknown.
     *
     * @throws ProblemException 422 naming {@code startDate} or {@code endDate}
     */
    public void checkPhase(LocalDate phaseStart, LocalDate phaseEnd) {
        if (phaseStart != null && (phaseStart.isBefore(startDate) || after(phaseStart))) {
            throw outside("startDate", "starts", "bắt đầu");
        }
        if (phaseEnd != null && (phaseEnd.isBefore(startDate) || after(phaseEnd))) {
            throw outside("endDate", "ends", "kết thúc");
        }
        if (phaseStart != null && phaseEnd != null && phaseEnd.isBefore(phaseStart)) {
            throw ProblemException.unprocessable("endDate", Text.of("endDate (the last day) must not be before "
                    + "startDate " + phaseStart, "endDate (ngày cuối) không được trước startDate " + phaseStart))
                    .limit("min", phaseStart.toString());
        }
    }

    private ProblemException outside(String field, String verb, String verbVi) {
        String span = endDate == null ? "from " + startDate : "from " + startDate + " to " + endDate;
        String spanVi = endDate == null ? "từ " + startDate : "từ " + startDate + " đến " + endDate;
        ProblemException problem = ProblemException.unprocessable(field, Text.of("A phase " + verb
                + " within the programme, " + span, "Giai đoạn phải " + verbVi + " trong thời gian của chương trình, "
                + spanVi)).limit("min", startDate.toString());
        return endDate == null ? problem : problem.limit("max", endDate.toString());
    }

    private boolean after(LocalDate day) {
        return endDate != null && day.isAfter(endDate);
    }

    /** Today in Vietnam. */
    public static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), ZONE);
    }

    /**
     * A date given as a request parameter ({@code YYYY-MM-DD}), or {@code null} when absent. Parsed here rather than
     * by JAX-RS, which answers a malformed query parameter with 404.
     *
     * @throws ProblemException 400 naming {@code field} when the text is not a date
     */
    public static LocalDate parseDay(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, Text.of(field + " must be a date as YYYY-MM-DD, not '" + text
                    + "'", field + " phải là ngày dạng YYYY-MM-DD, không phải '" + text + "'"));
        }
    }
}
