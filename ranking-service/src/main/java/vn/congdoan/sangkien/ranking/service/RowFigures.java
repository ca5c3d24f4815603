package vn.congdoan.sangkien.ranking.service;

import java.util.Map;
import java.util.UUID;

import vn.congdoan.sangkien.ranking.repository.UnitFiguresRepository.Figures;

/**
 * What each row of a standings counts at the end of each of the days asked for, in arrays by row then day
 * ({@code [row * days + day]}).
 */
record RowFigures(int days, long[] submissions, long[] recognized, long[] submitters) {

    /** Nothing counted yet for {@code rows} rows. */
    RowFigures(int rows, int days) {
        this(days, new long[rows * days], new long[rows * days], new long[rows * days]);
    }

    /** The figures the database counted for each row by id; a row left out counts nothing. */
    static RowFigures of(UnitIndex.Rows rows, Map<UUID, Figures> byRow, int days) {
        RowFigures figures = new RowFigures(rows.count(), days);
        for (int r = 0; r < rows.count(); r++) {
            Figures f = byRow.get(rows.unit(r).id());
            if (f != null) {
                System.arraycopy(f.submissions(), 0, figures.submissions, r * days, days);
                System.arraycopy(f.recognized(), 0, figures.recognized, r * days, days);
                System.arraycopy(f.submitters(), 0, figures.submitters, r * days, days);
            }
        }
        return figures;
    }

    long submissions(int row, int day) {
        return submissions[row * days + day];
    }

    long recognized(int row, int day) {
        return recognized[row * days + day];
    }

    long submitters(int row, int day) {
        return submitters[row * days + day];
    }
}
