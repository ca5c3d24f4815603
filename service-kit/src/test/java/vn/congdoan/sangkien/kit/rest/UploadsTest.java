package vn.congdoan.sangkien.kit.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import vn.congdoan.sangkien.kit.problem.ProblemException;

class UploadsTest {

    private static final Set<String> REQUIRED = Set.of("code", "name");

    @Test
    void aCsvFileIsReadFromItsHeaderLineOnPastAByteOrderMark() throws IOException {
        BufferedReader text = Uploads.csv(utf8("\uFEFFcode,\"name\"\nHT-01,Công đoàn cơ sở Kỳ Anh\n"), REQUIRED, null);

        assertThat(text.readLine()).isEqualTo("code,\"name\"");
        assertThat(text.readLine()).isEqualTo("HT-01,Công đoàn cơ sở Kỳ Anh");
    }

    @Test
    void aHeaderWithoutARequiredColumnNamesTheHeaderAndTheColumnsAFileMayHave() {
        ProblemException refused = catchThrowableOfType(() -> Uploads.csv(utf8("code,ten\nHT-01,x\n"), REQUIRED,
                List.of("code", "name", "type")), ProblemException.class);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.field()).isEqualTo("header");
        assertThat(refused.getMessage()).contains("[name]").contains("columns: code,name,type");
    }

    @Test
    void aFirstLineTooLongToBeAHeaderIsRefusedAsSuch() {
        ProblemException refused = catchThrowableOfType(() -> Uploads.csv(utf8("x".repeat(70_000) + "\n"), REQUIRED,
                null), ProblemException.class);

        assertThat(refused.field()).isEqualTo("header");
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedAsTheBody() {
        InputStream latin1 = new ByteArrayInputStream(new byte[] { 'c', 'o', 'd', 'e', ',', 'n', 'a', 'm', 'e', '\n',
            'K', (byte) 0xFD, ' ', 'A', 'n', 'h', '\n' });
        ProblemException refused = catchThrowableOfType(() -> {
            BufferedReader text = Uploads.csv(latin1, REQUIRED, null);
            try {
                while (text.readLine() != null) {
                    // as a CSV parser reads it, to the end
                }
            } catch (IOException e) {
                throw Uploads.unreadableCsv(e);
            }
        }, ProblemException.class);

        assertThat(refused.field()).isEqualTo("body");
        assertThat(refused.getMessage()).isEqualTo("is not valid UTF-8 text");
    }

    @Test
    void anUploadThatBreaksOffIsTheClientsToSendAgain() {
        ProblemException refused = Uploads.unreadableCsv(new IOException("Connection was closed"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.getMessage()).isEqualTo("could not be read to its end: Connection was closed");
    }

    private static InputStream utf8(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
