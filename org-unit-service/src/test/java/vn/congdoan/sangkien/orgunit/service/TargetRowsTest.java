package vn.congdoan.sangkien.orgunit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.ProblemType;
import vn.congdoan.sangkien.orgunit.ProgrammeTarget;
import vn.congdoan.sangkien.orgunit.repository.OrgUnitQueries.UnitAsOf;

/** A list of targets a parent hands down: each row names a unit directly below it, once, with a target. */
class TargetRowsTest {

    private static final LocalDate DAY = LocalDate.of(2022, 4, 15);
    private static final UnitAsOf HA_TINH = unit("42", OrgUnitType.PROVINCIAL_FEDERATION);
    private static final UnitAsOf KY_ANH = unit("HT-KA", OrgUnitType.DIRECT_SUPERIOR);
    private static final UnitAsOf HUONG_SON = unit("HT-HS", OrgUnitType.DIRECT_SUPERIOR);
    private static final List<UnitAsOf> CHILDREN = List.of(KY_ANH, HUONG_SON);

    @Test
    void rowsNameTheirUnitByIdOrCode() {
        assertThat(TargetRows.resolve(List.of(new TargetRow(KY_ANH.id(), null, 1200L),
                new TargetRow(null, " HT-HS ", 900L)), HA_TINH, DAY, CHILDREN))
                .containsExactly(new ProgrammeTarget(KY_ANH.id(), 1200), new ProgrammeTarget(HUONG_SON.id(), 900));
        assertThat(TargetRows.resolve(List.of(new TargetRow(KY_ANH.id(), "HT-KA", 0L)), HA_TINH, DAY, CHILDREN))
                .containsExactly(new ProgrammeTarget(KY_ANH.id(), 0));
        assertThat(TargetRows.resolve(List.of(), HA_TINH, DAY, CHILDREN)).isEmpty();
    }

    @Test
    void aUnitThatIsNotDirectlyBelowIsRefusedNamingItsRow() {
        UnitAsOf grassroots = unit("HT-KA-01", OrgUnitType.GRASSROOTS);
        assertRefused(List.of(new TargetRow(KY_ANH.id(), null, 1L), new TargetRow(null, grassroots.code(), 2L)),
                ProblemType.RULE_VIOLATED, "[1].unitCode", "HT-KA-01 is not a unit directly below 42 on 2022-04-15");
        assertRefused(List.of(new TargetRow(grassroots.id(), null, 2L)), ProblemType.RULE_VIOLATED, "[0].unitId",
                grassroots.id().toString());
        assertRefused(List.of(new TargetRow(KY_ANH.id(), "HT-HS", 2L)), ProblemType.RULE_VIOLATED, "[0].unitCode",
                "is not the code of unit");
    }

    @Test
    void aUnitListedTwiceOrARowWithoutUnitOrTargetIsRefused() {
        assertRefused(List.of(new TargetRow(null, "HT-KA", 1L), new TargetRow(KY_ANH.id(), null, 2L)),
                ProblemType.RULE_VIOLATED, "[1].unitId", "already listed at [0]");
        assertRefused(List.of(new TargetRow(null, " ", 1L)), ProblemType.INVALID_REQUEST, "[0].unitId",
                "names no unit");
        assertRefused(Arrays.asList(new TargetRow(null, "HT-KA", 1L), null), ProblemType.INVALID_REQUEST,
                "[1].unitId", "names no unit");
        assertRefused(List.of(new TargetRow(null, "HT-KA", -1L)), ProblemType.INVALID_REQUEST, "[0].target", "from 0");
        assertRefused(List.of(new TargetRow(null, "HT-KA", null)), ProblemType.INVALID_REQUEST, "[0].target", "from 0");
        assertRefused(List.of(new TargetRow(null, "HT-KA", TargetRows.MAX_TARGET + 1)), ProblemType.INVALID_REQUEST,
                "[0].target", "from 0");
    }

    private static void assertRefused(List<TargetRow> rows, ProblemType type, String field, String detail) {
        assertThatThrownBy(() -> TargetRows.resolve(rows, HA_TINH, DAY, CHILDREN))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.type()).isEqualTo(type);
                    assertThat(p.field()).isEqualTo(field);
                    assertThat(p.getMessage()).contains(detail);
                });
    }

    private static UnitAsOf unit(String code, OrgUnitType type) {
        return new UnitAsOf(UUID.randomUUID(), code, "Đơn vị " + code, type, null, null, null, null, null, null, null,
                0, 0, null);
    }
}
