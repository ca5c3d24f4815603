package vn.congdoan.sangkien.kit.tracing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * The W3C trace context of a change, carried from the request that made it through its outbox row and its Kafka
 * record's {@value #HEADER} header to the consumers that apply it, so that one trace shows a submission from the POST
 * to the standings. With tracing off (no exporter configured) there is no current span: nothing is written or sent.
 */
public final class TraceContext {

    /** The header, and the outbox column's content: {@code 00-<trace id>-<span id>-<flags>}. */
    public static final String HEADER = "traceparent";

    private static final TextMapGetter<String> TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(HEADER);
        }

        @Override
        public String get(String carrier, String key) {
            return HEADER.equals(key) ? carrier : null;
        }
    };

    private TraceContext() {
    }

    /** The trace context of the span current on this thread, or null when none is recorded. */
    public static String current() {
        String[] traceparent = new String[1];
        W3CTraceContextPropagator.getInstance().inject(Context.current(), traceparent, (carrier, key, value) -> {
            if (HEADER.equals(key)) {
                carrier[0] = value;
            }
        });
        return traceparent[0];
    }

    /**
     * Starts a span for each record that carries a trace context, a child of the span that wrote it: the consumer
     * ends them once the batch is applied ({@link #end}).
     */
    public static List<Span> consuming(Tracer tracer, String group, List<ConsumerRecord<String, String>> records) {
        List<Span> spans = new ArrayList<>();
        if (tracer == null) {
            return spans;
        }
        for (ConsumerRecord<String, String> record : records) {
            Header header = record.headers().lastHeader(HEADER);
            if (header == null) {
                continue;
            }
            Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(),
                    new String(header.value(), StandardCharsets.UTF_8), TRACEPARENT);
            if (!Span.fromContext(parent).getSpanContext().isValid()) {
                continue;
            }
            spans.add(tracer.spanBuilder(record.topic() + " process").setParent(parent)
                    .setSpanKind(SpanKind.CONSUMER)
                    .setAttribute("messaging.system", "kafka")
                    .setAttribute("messaging.destination.name", record.topic())
                    .setAttribute("messaging.consumer.group.name", group)
                    .setAttribute("messaging.kafka.message.key", String.valueOf(record.key()))
                    .setAttribute("messaging.kafka.offset", record.offset())
                    .startSpan());
        }
        return spans;
    }

    /** Ends the spans of a batch: applied, or failed with {@code failure}. */
    public static void end(List<Span> spans, Throwable failure) {
        for (Span span : spans) {
            if (failure != null) {
                span.recordException(failure).setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
            }
            span.end();
        }
    }
}
