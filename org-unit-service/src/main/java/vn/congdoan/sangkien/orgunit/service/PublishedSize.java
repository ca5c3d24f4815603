package vn.congdoan.sangkien.orgunit.service;

import java.nio.charset.StandardCharsets;

import vn.congdoan.sangkien.events.EventJson;
import vn.congdoan.sangkien.events.ProgrammeState;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;

/**
 * Whether a programme's state still fits in the one record that publishes it on {@code programmes.v1}. It carries the
 * targets set nationally (those below travel one record each on {@code unit-targets.v1}), each about 60 bytes of it,
 * so Kafka's default limit of a megabyte holds some 16,000 of them over all phases, far more than there are units at
 * that level. A state that does not fit would be parked in the outbox, and with it every later change of the
 * programme: a change that would not fit is refused instead, before it is written.
 */
final class PublishedSize {

    /** What a record carries besides its value: key, CloudEvents headers, batch framing; generously. */
    static final int RECORD_OVERHEAD = 4 * 1024;

    private final int maxValueBytes;

    /** @param maxRequestSize the producer's {@code max.request.size} */
    PublishedSize(int maxRequestSize) {
        this.maxValueBytes = maxRequestSize - RECORD_OVERHEAD;
    }

    /** @throws ProblemException 422 naming {@code body} when the state would not fit */
    void check(ProgrammeState state) {
        int bytes = EventJson.write(state).getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxValueBytes) {
            long targets = state.phases().stream().mapToLong(p -> p.targets().size()).sum();
            throw ProblemException.unprocessable("body", Text.of("With these targets programme " + state.code()
                    + " would hold " + targets + " targets over its phases, " + bytes + " bytes, more than the "
                    + maxValueBytes + " that the event publishing it may carry; nothing was changed",
                    "Với các chỉ tiêu này chương trình " + state.code() + " sẽ có " + targets + " chỉ tiêu qua các "
                            + "giai đoạn, " + bytes + " byte, vượt quá " + maxValueBytes + " byte mà sự kiện công bố "
                            + "nó được phép mang; không có gì bị thay đổi")).limit("maxBytes", maxValueBytes);
        }
    }
}
