package vn.congdoan.sangkien.orgunit.rest;

import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.congdoan.sangkien.kit.security.Caller;
import vn.congdoan.sangkien.kit.security.Hierarchy;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.kit.security.Scope;
import vn.congdoan.sangkien.orgunit.service.ImportReport;
import vn.congdoan.sangkien.orgunit.service.ImportRow;
import vn.congdoan.sangkien.orgunit.service.OrgUnitImportService;
import vn.congdoan.sangkien.orgunit.service.OrgUnitService;

/**
 * Bulk import of a province's lower-level units for provincial IT systems, as a JSON array or a CSV file with the
 * header {@code code,name,type,parentCode,memberCount,memberCountAsOf,validFrom}. Idempotent by code: sending the
 * same file again changes nothing.
 */
@Path("/api/v1/units/import")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Units")
public class OrgUnitImportResource {

    private static final Set<String> REQUIRED_COLUMNS = Set.of("code", "name", "type", "parentCode");

    private final OrgUnitImportService imports;
    private final OrgUnitService units;
    private final Caller caller;
    private final Hierarchy hierarchy;

    public OrgUnitImportResource(OrgUnitImportService imports, OrgUnitService units, Caller caller,
            Hierarchy hierarchy) {
        this.imports = imports;
        this.units = units;
        this.caller = caller;
        this.hierarchy = hierarchy;
    }

    /** Provincial IT systems import into their own province; unit admins into their subtree. */
    private void authorize(String province) {
        caller.requireSignedIn();
        units.findByCode(province.strip()).ifPresent(p -> Scope.require(caller, hierarchy, p.id,
                Roles.PROVINCE_INTEGRATION, Roles.UNIT_ADMIN));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import units of one province from a JSON array (at most 50,000 rows); one result per row")
    public ImportReport importJson(@QueryParam("province") @NotBlank String province,
            @NotNull List<ImportRow> rows) {
        authorize(province);
        return imports.importUnits(province.strip(), rows);
    }

    @POST
    @Consumes({ "text/csv", "application/csv" })
    @Operation(summary = "Import units of one province from a UTF-8 CSV file (at most 50,000 rows); one result per row")
    public ImportReport importCsv(@QueryParam("province") @NotBlank String province, byte[] body) {
        authorize(province);
        return imports.importUnits(province.strip(),
                CsvRows.read(body, ImportRow.class, REQUIRED_COLUMNS, OrgUnitImportService.MAX_ROWS));
    }
}
