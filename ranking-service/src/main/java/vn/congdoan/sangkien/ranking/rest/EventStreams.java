package vn.congdoan.sangkien.ranking.rest;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import io.smallrye.mutiny.Multi;
import io.vertx.core.http.HttpServerRequest;
import vn.congdoan.sangkien.ranking.config.RankingConfig;
import vn.congdoan.sangkien.ranking.service.StandingsBroadcast;
import vn.congdoan.sangkien.ranking.service.View;

/**
 * The Server-Sent Events of a broadcast stream: each update an event with the view's entity tag as its id (what a
 * client reconnecting sends back as Last-Event-ID) and the {@code retry:} its clients wait before reconnecting;
 * heartbeats as comment lines.
 */
@ApplicationScoped
class EventStreams {

    private final StandingsBroadcast broadcast;
    private final long reconnectDelayMillis;

    EventStreams(StandingsBroadcast broadcast, RankingConfig config) {
        this.broadcast = broadcast;
        this.reconnectDelayMillis = config.streams().reconnectDelay().toMillis();
    }

    /**
     * @param name the name of each update event
     * @see StandingsBroadcast#subscribe
     */
    Multi<OutboundSseEvent> events(String name, Object key, Supplier<View> read,
            String lastEventId, Sse sse, HttpServerRequest http) {
        String address = http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
        return broadcast.subscribe(key, read, lastEventId, address).map(push -> {
            if (push instanceof StandingsBroadcast.Update update) {
                return sse.newEventBuilder().name(name).id(update.view().etag())
                        .reconnectDelay(reconnectDelayMillis).mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(String.class, new String(update.view().body(), StandardCharsets.UTF_8)).build();
            }
            return sse.newEventBuilder().comment("keep-alive").build();
        });
    }
}
