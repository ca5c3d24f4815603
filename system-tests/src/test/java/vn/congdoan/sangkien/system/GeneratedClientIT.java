package vn.congdoan.sangkien.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.congdoan.sangkien.client.orgunit.api.UnitAdminsAndReviewersApi;
import vn.congdoan.sangkien.client.orgunit.model.CreateOrgUnitRequest;
import vn.congdoan.sangkien.client.orgunit.model.OrgUnitType;
import vn.congdoan.sangkien.client.orgunit.model.OrgUnitView;
import vn.congdoan.sangkien.client.ranking.api.DashboardsApi;
import vn.congdoan.sangkien.client.ranking.model.StandingRow;
import vn.congdoan.sangkien.client.submission.ApiException;
import vn.congdoan.sangkien.client.submission.ApiResponse;
import vn.congdoan.sangkien.client.submission.api.MembersApi;
import vn.congdoan.sangkien.client.submission.model.AuthorDto;
import vn.congdoan.sangkien.client.submission.model.CreateInitiativeRequest;
import vn.congdoan.sangkien.client.submission.model.InitiativeField;
import vn.congdoan.sangkien.client.submission.model.InitiativePage;
import vn.congdoan.sangkien.client.submission.model.InitiativeStatus;
import vn.congdoan.sangkien.client.submission.model.InitiativeView;
import vn.congdoan.sangkien.localstack.DevTokens;
import vn.congdoan.sangkien.system.SystemUnderTest.Service;

/**
 * A client app written against the OpenAPI documents alone: every call goes through the Java clients that the build
 * generates from them (module api-clients), so that a document that does not say what its service does fails here.
 */
class GeneratedClientIT {

    private static final String PROGRAMME = "1-trieu-sang-kien";
    private static final String PROVINCE = "42";

    private static SystemUnderTest system;

    @BeforeAll
    static void start() throws Exception {
        system = SystemUnderTest.start(Dirs.fresh("generated-client"));
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aClientGeneratedFromTheDocumentsCreatesAUnitSubmitsPagesAndReadsTheStandings() throws Exception {
        var orgUnits = new vn.congdoan.sangkien.client.orgunit.ApiClient();
        orgUnits.updateBaseUri(system.url(Service.ORG_UNIT));
        orgUnits.setRequestInterceptor(r -> r.header("Authorization", Population.ADMIN));
        OrgUnitView unit = new UnitAdminsAndReviewersApi(orgUnits).createUnit(new CreateOrgUnitRequest()
                .code("GC-" + PROVINCE).name("Công đoàn cơ sở Nhà máy Thép Hà Tĩnh").type(OrgUnitType.GRASSROOTS)
                .parentId(UUID.fromString(DevTokens.unitId(PROVINCE))).memberCount(320));
        assertThat(unit.getId()).isNotNull();

        String member = "gc-m-1";
        var submissions = new vn.congdoan.sangkien.client.submission.ApiClient();
        submissions.updateBaseUri(system.url(Service.SUBMISSION));
        submissions.setRequestInterceptor(r -> r.header("Authorization",
                Api.bearer(member, unit.getId().toString(), "MEMBER")));
        MembersApi members = new MembersApi(submissions);

        // submission-service learns of the new unit from its event: until then it refuses the unit (422)
        String key = UUID.randomUUID().toString();
        CreateInitiativeRequest first = initiative(unit.getId(), member, "Tự động hoá cân định lượng", true);
        AtomicReference<ApiResponse<InitiativeView>> created = new AtomicReference<>();
        Awaitility.await("submission-service knows the unit").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300)).ignoreException(ApiException.class)
                .until(() -> {
                    created.set(members.createInitiativeWithHttpInfo(first, key));
                    return true;
                });
        InitiativeView submitted = created.get().getData();
        assertThat(created.get().getStatusCode()).isEqualTo(201);
        assertThat(created.get().getHeaders().get("location")).singleElement().asString()
                .endsWith("/api/v1/initiatives/" + submitted.getId());
        assertThat(submitted.getStatus()).isEqualTo(InitiativeStatus.SUBMITTED);

        // a retry with the same key, as after a lost answer, gets the same initiative and makes no second one
        assertThat(members.createInitiative(first, key).getId()).isEqualTo(submitted.getId());

        UUID second = members.createInitiative(initiative(unit.getId(), member, "Giảm hao hụt phôi thép", true),
                null).getId();
        UUID draft = members.createInitiative(initiative(unit.getId(), member, "Bản nháp: tái dùng nước làm mát",
                false), null).getId();

        List<UUID> mine = pages(cursor -> members.myInitiatives(cursor, 2, null));
        assertThat(mine).containsExactlyInAnyOrder(submitted.getId(), second, draft);

        List<UUID> listed = pages(cursor -> members.listInitiatives(null, cursor, null, null, 1, PROGRAMME, PROVINCE,
                List.of(InitiativeStatus.SUBMITTED), null, null, null));
        assertThat(listed).containsExactlyInAnyOrder(submitted.getId(), second);

        var ranking = new vn.congdoan.sangkien.client.ranking.ApiClient();
        ranking.updateBaseUri(system.url(Service.RANKING));
        DashboardsApi dashboards = new DashboardsApi(ranking);
        UUID province = UUID.fromString(DevTokens.unitId(PROVINCE));
        Awaitility.await("the standings count both submissions").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> dashboards.standings(null, null, null, PROGRAMME, null, null, null, null).stream()
                        .filter(row -> province.equals(row.getProvinceId())).map(StandingRow::getSubmissions)
                        .findFirst().orElse(0L), count -> count == 2);
    }

    /** Every id of a list, following its nextCursor from the first page until there is none. */
    private static List<UUID> pages(Page next) throws ApiException {
        List<UUID> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            InitiativePage page = next.read(cursor);
            page.getItems().forEach(item -> ids.add(item.getId()));
            cursor = page.getNextCursor();
            assertThat(++pages).as("pages").isLessThan(10);
        } while (cursor != null);
        assertThat(pages).as("more than one page").isGreaterThan(1);
        return ids;
    }

    /** A page of a list, read with the client. */
    private interface Page {
        InitiativePage read(String cursor) throws ApiException;
    }

    private static CreateInitiativeRequest initiative(UUID unit, String member, String title, boolean submit) {
        return new CreateInitiativeRequest().programmeCode(PROGRAMME).title(title)
                .problem("Cân thủ công làm hao hụt 5 % nguyên liệu").solution("Lắp cân định lượng tự động")
                .expectedBenefit("Tiết kiệm 200 triệu đồng mỗi năm").field(InitiativeField.PRODUCTION_TECHNICAL)
                .unitId(unit).addAuthorsItem(new AuthorDto().memberId(member).displayName("Nguyễn Thị Lan"))
                .submit(submit);
    }
}
