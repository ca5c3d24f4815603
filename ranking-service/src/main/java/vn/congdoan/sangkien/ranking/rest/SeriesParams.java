package vn.congdoan.sangkien.ranking.rest;

import java.time.LocalDate;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import vn.congdoan.sangkien.ranking.service.DailySeries;

/** The period and step of a series, as a province's history and a programme's take them. */
public class SeriesParams {

    @Parameter(description = "The first day; the programme's first day when left out",
            schema = @Schema(type = SchemaType.STRING, format = "date"))
    @QueryParam("from")
    String from;

    @Parameter(description = "The last day; today when left out",
            schema = @Schema(type = SchemaType.STRING, format = "date"))
    @QueryParam("to")
    String to;

    @Parameter(description = "A point for every day, or for the last day of every week (Sunday) and the last day "
            + "asked", schema = @Schema(enumeration = { "day", "week" }, defaultValue = "day"))
    @QueryParam("step")
    String step;

    LocalDate from() {
        return Params.date("from", from);
    }

    LocalDate to() {
        return Params.date("to", to);
    }

    DailySeries.Step step() {
        return Params.step(step);
    }
}
