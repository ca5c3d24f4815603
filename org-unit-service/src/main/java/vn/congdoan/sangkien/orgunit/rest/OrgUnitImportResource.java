package vn.congdoan.sangkien.orgunit.rest;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.kit.health.ImportMeters;
import vn.congdoan.sangkien.kit.openapi.Answers;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.kit.rest.CsvFiles;
import vn.congdoan.sangkien.kit.rest.ImportSlots;
import vn.congdoan.sangkien.kit.rest.Uploads;
import vn.congdoan.sangkien.kit.security.Caller;
import vn.congdoan.sangkien.kit.security.Hierarchy;
import vn.congdoan.sangkien.kit.security.Roles;
import vn.congdoan.sangkien.kit.security.Scope;
import vn.congdoan.sangkien.orgunit.OrgUnit;
import vn.congdoan.sangkien.orgunit.service.ImportReport;
import vn.congdoan.sangkien.orgunit.service.ImportRow;
import vn.congdoan.sangkien.orgunit.service.OrgUnitImportService;
import vn.congdoan.sangkien.orgunit.service.OrgUnitService;
import vn.congdoan.sangkien.orgunit.service.Texts;

/**
 * Bulk import of a province's lower-level units for provincial IT systems, as a JSON array or a CSV file with the
 * header {@code code,name,type,parentCode,memberCount,memberCountAsOf,validFrom,validTo,sector}. Idempotent by code:
 * sending the same file again changes nothing.
 */
@Path("/api/v1/units/import")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Provincial integration", description = "Bulk import and export for provincial IT systems")
public class OrgUnitImportResource {

    private static final Set<String> REQUIRED_COLUMNS = Set.of("code", "name", "type", "parentCode");

    private final OrgUnitImportService imports;
    private final OrgUnitService units;
    private final Caller caller;
    private final Hierarchy hierarchy;
    private final ImportSlots slots;
    private final ImportMeters meters;
    private final ObjectReader rowsReader;

    public OrgUnitImportResource(OrgUnitImportService imports, OrgUnitService units, Caller caller,
            Hierarchy hierarchy, ImportSlots slots, ImportMeters meters, ObjectMapper json) {
        this.imports = imports;
        this.units = units;
        this.caller = caller;
        this.hierarchy = hierarchy;
        this.slots = slots;
        this.meters = meters;
        this.rowsReader = json.readerForListOf(ImportRow.class);
    }

    /**
     * Provincial IT systems import into their own province; unit admins into their subtree. Checked, and the province
     * found, before the import waits for a slot: a caller the import would refuse never holds one.
     */
    private void authorize(String province) {
        caller.requireSignedIn();
        OrgUnit target = units.findByCode(province.strip())
                .filter(p -> p.type == OrgUnitType.PROVINCIAL_FEDERATION)
                .orElseThrow(() -> ProblemException.notFound(Texts.PROVINCE, province.strip()));
        Scope.require(caller, hierarchy, target.id, Roles.PROVINCE_INTEGRATION, Roles.UNIT_ADMIN);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "importUnits", summary = "Import units of one province from a JSON array (at most 50,000 rows); one result per row")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = ImportRow.class)))
    @Extension(name = Answers.ALSO, value = "401,403,404,422")
    public ImportReport importJson(@QueryParam("province") @NotBlank String province, InputStream body)
            throws IOException {
        authorize(province);
        return counted(slots.run(() -> imports.importUnits(province.strip(), readJson(body))));
    }

    /** The rows, read from the stream: the body is never held whole. */
    private List<ImportRow> readJson(InputStream body) throws IOException {
        List<ImportRow> rows;
        try {
            rows = rowsReader.readValue(body);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw Uploads.cutShort(e);
        }
        if (rows == null) {
            throw ProblemException.badRequest("body", Text.of("must be a JSON array of units",
                    "phải là một mảng JSON các đơn vị"));
        }
        return rows;
    }

    @POST
    @Consumes({ "text/csv", "application/csv" })
    @Operation(operationId = "importUnitsCsv", summary = "Import units of one province from a UTF-8 CSV file (at most 50,000 rows); one result per row")
    @RequestBody(content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    @Extension(name = Answers.ALSO, value = "401,403,404,422")
    public ImportReport importCsv(@QueryParam("province") @NotBlank String province, InputStream body)
            throws IOException {
        authorize(province);
        return counted(slots.run(() -> imports.importUnits(province.strip(),
                CsvFiles.read(body, ImportRow.class, REQUIRED_COLUMNS, null, OrgUnitImportService.MAX_ROWS,
                        rows -> ProblemException.unprocessable("rows", Text.of("At most "
                                + OrgUnitImportService.MAX_ROWS + " rows per request", "Mỗi yêu cầu nhiều nhất "
                                + OrgUnitImportService.MAX_ROWS + " dòng")).limit("max", OrgUnitImportService.MAX_ROWS)))));
    }

    private ImportReport counted(ImportReport report) {
        meters.count(report.created(), report.updated(), report.unchanged(), report.rejected());
        return report;
    }
}
