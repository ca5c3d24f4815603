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
 * counted in Vietnam's time zone, where the programme's users live.
 */
public record ProgrammeCalendar(LocalDate startDate, LocalDate endDate) {

    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    /**
     * Where {@code asOf} falls in the programme.
     *
     * @param dayNumber     the day of the programme that {@code asOf} is; {@code null} before the start or after the end
     * @param daysElapsed   days of the programme up to and including {@code asOf}
     * @param daysRemaining days of the programme after {@code asOf}
     */
    public record Progress(LocalDate asOf, Integer dayNumber, int daysElapsed, int daysRemaining) {
    }

    public ProgrammeCalendar {
        if (endDate.isBefore(startDate)) {
            throw new IllegalArgumentException("endDate " + endDate + " is before startDate " + startDate);
        }
    }

    public int totalDays() {
        return Math.toIntExact(ChronoUnit.DAYS.between(startDate, endDate)) + 1;
    }

    public Progress progressOn(LocalDate asOf) {
        long sinceStart = ChronoUnit.DAYS.between(startDate, asOf) + 1;
        int elapsed = (int) Math.max(0, Math.min(totalDays(), sinceStart));
        Integer dayNumber = asOf.isBefore(startDate) || asOf.isAfter(endDate) ? null : elapsed;
        return new Progress(asOf, dayNumber, elapsed, totalDays() - elapsed);
    }

    /**
     * A phase lies inside the programme and ends on or after its start; either date may be unknown.
     *
     * @throws ProblemException 422 naming {@code startDate} or {@code endDate}
     */
    public void checkPhase(LocalDate phaseStart, LocalDate phaseEnd) {
        if (phaseStart != null && (phaseStart.isBefore(startDate) || phaseStart.isAfter(endDate))) {
            throw ProblemException.unprocessable("startDate", Text.of("A phase starts within the programme, from "
                    + startDate + " to " + endDate, "Giai đoạn phải bắt đầu trong thời gian của chương trình, từ "
                    + startDate + " đến " + endDate)).limit("min", startDate.toString()).limit("max", endDate.toString());
        }
        if (phaseEnd != null && (phaseEnd.isBefore(startDate) || phaseEnd.isAfter(endDate))) {
            throw ProblemException.unprocessable("endDate", Text.of("A phase ends within the programme, from "
                    + startDate + " to " + endDate, "Giai đoạn phải kết thúc trong thời gian của chương trình, từ "
                    + startDate + " đến " + endDate)).limit("min", startDate.toString()).limit("max", endDate.toString());
        }
        if (phaseStart != null && phaseEnd != null && phaseEnd.isBefore(phaseStart)) {
            throw ProblemException.unprocessable("endDate", Text.of("endDate (the last day) must not be before "
                    + "startDate " + phaseStart, "endDate (ngày cuối) không được trước startDate " + phaseStart))
                    .limit("min", phaseStart.toString());
        }
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
