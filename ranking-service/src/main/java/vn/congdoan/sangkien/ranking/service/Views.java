package vn.congdoan.sangkien.ranking.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.congdoan.sangkien.ranking.config.RankingConfig;
import vn.congdoan.sangkien.ranking.repository.Revision;

/**
 * Answers computed once per revision of the standings' inputs and day, then served from memory: a read costs one
 * lookup of the revision, whatever the number of initiatives. The standings, a province's row, the programme summary
 * and the groupings all come from here, each with its entity tag and its change time.
 */
@ApplicationScoped
public class Views {

    /** The revision is part of the key: a view computed while the revision moved on is never served as newer. */
    private record Key(Object request, LocalDate today, long revision) {
    }

    /**
     * How many bytes of views are kept at most, all together: a share of the service's heap, whatever each weighs (a
     * two-year history weighs many national standings).
     */
    private static final long CACHE_BYTES = 16L << 20;
    /** How long a view nobody asks for is kept. */
    private static final Duration CACHE_IDLE = Duration.ofMinutes(10);

    private final Revision revision;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration settle;
    private final RevisionCache<Key, View> views = new RevisionCache<>(CACHE_BYTES,
            (key, view) -> view.body().length + 64, CACHE_IDLE);

    public Views(Revision revision, ObjectMapper json, Clock clock, RankingConfig config) {
        this.revision = revision;
        this.json = json;
        this.clock = clock;
        // a read sees a change up to twice the revision's maximum age late; a second more covers the commit
        this.settle = Duration.ofSeconds(2).plus(config.revisionMaxAge().multipliedBy(2));
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /**
     * The view of {@code request}, from memory when nothing changed since it was computed.
     *
     * @param request a value (a record): equal requests share their view
     * @param compute what to send, as JSON; empty when there is nothing, which is not kept
     */
    public Optional<View> get(Object request, Supplier<Optional<?>> compute) {
        return render(request, () -> compute.get().map(this::write));
    }

    /**
     * As {@link #get}, computed every time and not kept: for views that are cheap to compute again and rarely asked
     * twice (a day past of thousands of rows), which would otherwise outlive the young generation, crowd out the
     * views asked again and again, and leave the old generation to a full collection once they are dropped.
     */
    public Optional<View> once(Supplier<Optional<?>> compute) {
        Revision.Current current = revision.current();
        return compute.get().map(this::write).map(body -> view(body, today(), current));
    }

    /**
     * As {@link #get}, for a body rendered by the caller (the HTML of a widget).
     *
     * @param render the body; empty when there is nothing, which is not kept
     */
    public Optional<View> render(Object request, Supplier<Optional<byte[]>> render) {
        Revision.Current current = revision.current();
        views.moveTo(current.revision());
        LocalDate today = today();
        Key key = new Key(request, today, current.revision());
        View view = views.get(key);
        if (view != null) {
            return Optional.of(view);
        }
        Optional<byte[]> rendered = render.get();
        if (rendered.isEmpty()) {
            return Optional.empty();
        }
        view = view(rendered.get(), today, current);
        views.put(key, view);
        return Optional.of(view);
    }

    private View view(byte[] body, LocalDate today, Revision.Current current) {
        Instant startOfDay = today.atStartOfDay(clock.getZone()).toInstant();
        return new View(body, View.etagOf(body), current.changedAt().isAfter(startOfDay) ? current.changedAt()
                : startOfDay);
    }

    /**
     * The view of {@code request} from memory, when the revision is known without asking the database and it was
     * computed for it: a read that never blocks. Empty when {@link #get} must be called from a worker thread.
     */
    public Optional<View> cached(Object request) {
        Revision.Current current = revision.known();
        if (current == null || current.revision() != views.revision()) {
            return Optional.empty();
        }
        return Optional.ofNullable(views.get(new Key(request, today(), current.revision())));
    }

    /**
     * The Last-Modified of a view: the second it changed in, once that second is over by more than the time a read
     * may take to see a later change. Until then there is none, because a client holding that second could not be
     * told apart from one that missed a change later in the same second (RFC 9110, 8.8.2.2); ETags serve meanwhile.
     */
    public Optional<Instant> lastModified(View view) {
        Instant second = view.changedAt().truncatedTo(ChronoUnit.SECONDS);
        return clock.instant().isBefore(second.plus(settle)) ? Optional.empty() : Optional.of(second);
    }

    /**
     * Whether nothing changed after the second of {@code since} (an If-Modified-Since, in whole seconds), compared
     * with the true change time; never while the view has no Last-Modified yet.
     */
    public boolean unchangedSince(View view, Instant since) {
        return lastModified(view).isPresent() && view.changedAt().isBefore(since.plusSeconds(1));
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write " + value.getClass().getSimpleName(), e);
        }
    }
}
