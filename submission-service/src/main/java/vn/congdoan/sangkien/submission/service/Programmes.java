package vn.congdoan.sangkien.submission.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;

import com.github.benmanes.caffeine.cache.Cache;

import vn.congdoan.sangkien.kit.cache.Caches;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;

/**
 * The programmes of this service's replica of {@code programmes.v1}, kept in memory as briefly as the units (a
 * submission then costs no round trip for its programme), and the rule a submission follows: it names a programme
 * that exists, on a day within its dates.
 */
@ApplicationScoped
public class Programmes {

    /** What a submission needs to know of a programme; {@code endDate} is its last day, {@code null} while it has none. */
    public record Programme(String code, LocalDate startDate, LocalDate endDate) {
    }

    private static final int MAX_ENTRIES = 1_000;
    private static final String SELECT = "select start_date, end_date from programme_replica where code = ?";

    private final DataSource dataSource;
    private final Cache<String, Optional<Programme>> cache;

    public Programmes(DataSource dataSource, OrgUnitReplicaCache.Config config) {
        this.dataSource = dataSource;
        this.cache = Caches.builder().maximumSize(MAX_ENTRIES).expireAfterWrite(config.timeToLive()).build();
    }

    public Optional<Programme> find(String code) {
        return cache.get(code, this::load);
    }

    /** Called after a change of the replica has committed. */
    public void forget(String code) {
        if (code != null) {
            cache.invalidate(code);
        }
    }

    /** @throws ProblemException 422 naming {@code programmeCode} unless {@link #problem} finds nothing */
    public void requireOpen(String code, LocalDate day) {
        Text problem = problem(code, find(code).orElse(null), day);
        if (problem != null) {
            throw ProblemException.unprocessable("programmeCode", problem);
        }
    }

    /** @throws ProblemException 422 naming {@code programmeCode} when no such programme exists */
    public void requireKnown(String code) {
        if (find(code).isEmpty()) {
            throw ProblemException.unprocessable("programmeCode", unknown(code));
        }
    }

    /**
     * @param day the day of the submission (or of a later date of its history), in Vietnam; {@code null} to ask
     *            only whether the programme exists
     * @return why nothing can happen in programme {@code code} on {@code day}, or {@code null} when it can
     */
    public static Text problem(String code, Programme programme, LocalDate day) {
        if (programme == null) {
            return unknown(code);
        }
        if (day != null && day.isBefore(programme.startDate())) {
            return Text.of("Programme " + code + " starts on " + programme.startDate() + ", after " + day,
                    "Chương trình " + code + " bắt đầu ngày " + programme.startDate() + ", sau ngày " + day);
        }
        if (day != null && programme.endDate() != null && day.isAfter(programme.endDate())) {
            return Text.of("Programme " + code + " ended on " + programme.endDate() + ", before " + day,
                    "Chương trình " + code + " đã kết thúc ngày " + programme.endDate() + ", trước ngày " + day);
        }
        return null;
    }

    private static Text unknown(String code) {
        return Text.of("There is no programme " + code, "Không có chương trình " + code);
    }

    private Optional<Programme> load(String code) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, code);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Programme(code, row.getObject(1, LocalDate.class),
                        row.getObject(2, LocalDate.class))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new PersistenceException("Programme " + code + " not read", e);
        }
    }
}
