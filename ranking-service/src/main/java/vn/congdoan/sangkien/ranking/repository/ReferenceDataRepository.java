package vn.congdoan.sangkien.ranking.repository;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import vn.congdoan.sangkien.events.GroupingKind;
import vn.congdoan.sangkien.kit.jdbc.Jdbc;

/** Looks up programmes, groupings and provinces as their owners published them. */
@ApplicationScoped
public class ReferenceDataRepository {

    /** A programme as published on programmes.v1. */
    public record Programme(String code, String name, LocalDate startDate, LocalDate endDate, Long nationalTarget) {
    }

    /** A region or emulation cluster as published on org-groupings.v1. */
    public record GroupingRef(String code, String name, GroupingKind kind) {
    }

    /** A provincial federation's identity. */
    public record ProvinceRef(UUID id, String code, String name) {
    }

    private final DataSource dataSource;

    public ReferenceDataRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Programme> programme(String code) {
        return Reads.run(dataSource, c -> Jdbc.first(c, "select code, name, start_date, end_date, national_target"
                + " from programme where code = ?", rs -> new Programme(rs.getString(1), rs.getString(2),
                        rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class), (Long) rs.getObject(5)),
                code));
    }

    /** Programmes running on {@code day}: those the daily snapshot job keeps. */
    public List<String> programmesRunningOn(LocalDate day) {
        return Reads.run(dataSource, c -> Jdbc.list(c, "select code from programme where"
                + " (start_date is null or start_date <= ?) and (end_date is null or end_date >= ?)",
                rs -> rs.getString(1), day, day));
    }

    /** The kind of the grouping with {@code code}; empty when there is none. */
    public Optional<GroupingKind> groupingKind(String code) {
        return Reads.run(dataSource, c -> Jdbc.first(c, "select kind from grouping where code = ? limit 1",
                rs -> GroupingKind.valueOf(rs.getString(1)), code));
    }

    /** The groupings in force on {@code day}. */
    public List<GroupingRef> groupings(LocalDate day) {
        return Reads.run(dataSource, c -> Jdbc.list(c, "select code, name, kind from grouping"
                + " where (valid_from is null or valid_from <= ?) and (valid_to is null or valid_to > ?)",
                rs -> new GroupingRef(rs.getString(1), rs.getString(2), GroupingKind.valueOf(rs.getString(3))),
                day, day));
    }

    /** A province by id or by code; of two with one code (before and after a merge), the one in force. */
    public Optional<ProvinceRef> province(String idOrCode) {
        return Reads.run(dataSource, c -> Jdbc.first(c, "select id, code, name from province"
                + " where id::text = ? or code = ? order by valid_to desc nulls first limit 1",
                rs -> new ProvinceRef(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)),
                idOrCode.toLowerCase(Locale.ROOT), idOrCode));
    }
}
