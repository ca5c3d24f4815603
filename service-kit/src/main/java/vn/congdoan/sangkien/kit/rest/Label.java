package vn.congdoan.sangkien.kit.rest;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import vn.congdoan.sangkien.kit.problem.Text;

/** A value of the API as clients show it: "Y tế" for {@code HEALTHCARE}. */
@Schema(description = "A value of the API with what to show for it")
public record Label(@Schema(example = "HEALTHCARE") String value, @Schema(example = "Y tế") String vi,
        @Schema(example = "Healthcare") String en) {

    /** Every constant of an enum with its label, in the enum's order. */
    public static <E extends Enum<E>> List<Label> of(Class<E> type, Function<E, Text> label) {
        return Arrays.stream(type.getEnumConstants())
                .map(e -> new Label(e.name(), label.apply(e).vi(), label.apply(e).en())).toList();
    }
}
