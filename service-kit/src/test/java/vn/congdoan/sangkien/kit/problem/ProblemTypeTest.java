package vn.congdoan.sangkien.kit.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class ProblemTypeTest {

    @Test
    void docsProblemsListsEveryTypeWithItsStatusAndTitles() throws IOException {
        String table = Files.readString(Path.of("../docs/problems.md"));
        List<String> documented = new ArrayList<>();
        Matcher row = Pattern.compile("(?m)^\\| `(urn:sangkien:problem:[a-z-]+)` \\| (\\d+) \\| ([^|]+) / ([^|]+) \\|")
                .matcher(table);
        while (row.find()) {
            documented.add(row.group(1) + " " + row.group(2) + " " + row.group(3).strip() + " / " + row.group(4).strip());
        }
        List<String> types = new ArrayList<>();
        for (ProblemType type : ProblemType.values()) {
            types.add(type.uri() + " " + type.status() + " " + type.title().vi() + " / " + type.title().en());
        }
        assertThat(documented).containsExactlyElementsOf(types);
    }

    @Test
    void theLanguageIsTheFirstOfVietnameseAndEnglishTheClientAccepts() {
        assertThat(Text.vietnamese("vi-VN,vi;q=0.9,en;q=0.8")).isTrue();
        assertThat(Text.vietnamese("fr-FR, vi;q=0.5")).isTrue();
        assertThat(Text.vietnamese("en-US,vi;q=0.9")).isFalse();
        assertThat(Text.vietnamese("vi;q=0, en")).isFalse();
        assertThat(Text.vietnamese("*")).isFalse();
        assertThat(Text.vietnamese((String) null)).isFalse();
        assertThat(Text.vietnamese("not a language;;q=x")).isFalse();
        assertThat(Text.vietnamese(List.of(Locale.forLanguageTag("vi")))).isTrue();
    }
}
