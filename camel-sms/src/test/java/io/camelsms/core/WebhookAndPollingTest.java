package io.camelsms.core;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import io.camelsms.testing.LogCapture;
import io.camelsms.testing.PlatformHttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared webhook and polling bases, through a minimal component, over real HTTP. */
class WebhookAndPollingTest extends CamelTestSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static final List<InboundMessage> PROVIDER_EVENTS = new CopyOnWriteArrayList<>();
    private String baseUrl;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        baseUrl = PlatformHttp.addServer(context);
        context.addComponent("hook", new HookComponent());
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("hook:inbound?webhookAllowUnauthenticated=true").routeId("open").to("mock:open");
                from("hook:rotating?webhookSecret=new-s3cr3t&webhookPreviousSecret=old-s3cr3t"
                     + "&webhookPreviousSecretValidUntil=2999-01-01T00:00:00Z").routeId("rotating").to("mock:rotating");
                from("hook:rotated?webhookSecret=new-s3cr3t&webhookPreviousSecret=old-s3cr3t"
                     + "&webhookPreviousSecretValidUntil=2020-01-01T00:00:00Z").routeId("rotated").to("mock:rotated");
                from("hook:guarded?webhookSecret=s3cr3t&maxRequestSize=200").routeId("guarded")
                        .choice().when(simple("${body.text} == 'boom'")).throwException(new IllegalStateException("boom"))
                        .end().to("mock:guarded");
                from("hook:dedup?webhookAllowUnauthenticated=true").routeId("dedup").to("mock:dedup");
                from("hook:poll?delay=50&initialDelay=0").routeId("poll")
                        .choice().when(simple("${body.text} == 'fail-once' && ${header.failed} == null"))
                        .process(e -> {
                            if (FAILED_ONCE.add(e.getMessage().getHeader(SmsHeaders.EVENT_ID, String.class))) {
                                throw new IllegalStateException("first attempt fails");
                            }
                        }).end().to("mock:poll");
            }
        };
    }

    static final java.util.Set<String> FAILED_ONCE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .header("X-Internal-Token", "from-the-caller").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCallBecomesOneEventAndIsAnsweredAfterTheRoute() throws Exception {
        MockEndpoint open = getMockEndpoint("mock:open");
        open.expectedMessageCount(1);

        HttpResponse<String> response = get("/sms/hook/inbound?from=%2B5521988887777&text=Sim%2C+quero");

        assertEquals(200, response.statusCode());
        assertEquals("ok", response.body());
        open.assertIsSatisfied();
        InboundMessage received = open.getExchanges().get(0).getMessage().getBody(InboundMessage.class);
        assertEquals("Sim, quero", received.text());
        assertEquals(received.eventId(), open.getExchanges().get(0).getMessage().getHeader(SmsHeaders.EVENT_ID));
        assertFalse(response.headers().map().containsKey("x-internal-token"), "request headers are not echoed");
        assertFalse(response.headers().map().containsKey("from"), "query parameters are not echoed");
    }

    @Test
    void aMalformedCallGets400AndReachesNoRoute() throws Exception {
        HttpResponse<String> response = get("/sms/hook/inbound?from=%2B5521988887777");
        assertEquals(400, response.statusCode());
        assertEquals("malformed: query parameter 'text' is missing", response.body());
        assertEquals(0, getMockEndpoint("mock:open").getReceivedCounter());
    }

    @Test
    void theSharedSecretIsRequiredAsQueryParameterOrPathSegment() throws Exception {
        MockEndpoint guarded = getMockEndpoint("mock:guarded");

        assertEquals(401, get("/sms/hook/guarded?from=1&text=hi").statusCode());
        assertEquals(401, get("/sms/hook/guarded?from=1&text=hi&secret=wrong").statusCode());
        assertEquals(401, get("/sms/hook/guarded/wrong?from=1&text=hi").statusCode());
        assertEquals(0, guarded.getReceivedCounter());

        assertEquals(200, get("/sms/hook/guarded?from=1&text=hi&secret=s3cr3t").statusCode());
        assertEquals(200, get("/sms/hook/guarded/s3cr3t?from=1&text=hi").statusCode());
        assertEquals(2, guarded.getReceivedCounter());
        assertNull(guarded.getExchanges().get(0).getMessage().getHeader("secret"));
    }

    @Test
    void aWebhookWithoutSecretDoesNotStartUnlessTheUserOptedOut() throws Exception {
        Exception refused = assertThrows(Exception.class, () -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("hook:unguarded").routeId("unguarded").to("mock:unguarded");
            }
        }));
        String reason = rootCause(refused).getMessage();
        assertTrue(reason.contains("webhook /sms/hook/unguarded needs a shared secret: set option webhookSecret"),
                reason);
        assertTrue(reason.contains("webhookAllowUnauthenticated=true"), reason);

        try (LogCapture logs = LogCapture.everything()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("hook:optedout?webhookAllowUnauthenticated=true").routeId("optedout").to("mock:optedout");
                }
            });
            assertEquals(1, logs.infoAndAbove().stream()
                    .filter(line -> line.contains("webhook /sms/hook/optedout accepts calls WITHOUT a secret")).count());
        }
        assertEquals(200, get("/sms/hook/optedout?from=1&text=hi").statusCode());
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Test
    void duringARotationTheOldSecretIsAcceptedUntilItsExpiry() throws Exception {
        assertEquals(200, get("/sms/hook/rotating/new-s3cr3t?from=1&text=hi").statusCode());
        assertEquals(200, get("/sms/hook/rotating/old-s3cr3t?from=1&text=hi").statusCode());
        assertEquals(200, get("/sms/hook/rotating?from=1&text=hi&secret=old-s3cr3t").statusCode());
        assertEquals(401, get("/sms/hook/rotating/older?from=1&text=hi").statusCode());
        assertEquals(3, getMockEndpoint("mock:rotating").getReceivedCounter());

        assertEquals(200, get("/sms/hook/rotated/new-s3cr3t?from=1&text=hi").statusCode());
        assertEquals(401, get("/sms/hook/rotated/old-s3cr3t?from=1&text=hi").statusCode(), "grace period over");
        assertEquals(1, getMockEndpoint("mock:rotated").getReceivedCounter());
    }

    @Test
    void aPreviousSecretWithoutExpiryIsRefusedAtStart() {
        Exception refused = assertThrows(Exception.class, () -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("hook:forever?webhookSecret=new-s3cr3t&webhookPreviousSecret=old-s3cr3t").to("mock:forever");
            }
        }));
        String reason = rootCause(refused).getMessage();
        assertTrue(reason.contains("'webhookPreviousSecretValidUntil' is required with 'webhookPreviousSecret'"),
                reason);
        assertFalse(reason.contains("s3cr3t"), reason);
    }

    @Test
    void aRouteFailureIsAnswered500SoTheProviderRetries() throws Exception {
        HttpResponse<String> response = get("/sms/hook/guarded/s3cr3t?from=1&text=boom");
        assertEquals(500, response.statusCode());
    }

    @Test
    void tooLargeCallsGet413() throws Exception {
        assertEquals(413, get("/sms/hook/guarded/s3cr3t?from=1&text=" + "x".repeat(300)).statusCode());
        assertEquals(0, getMockEndpoint("mock:guarded").getReceivedCounter());
    }

    @Test
    void anEventTheLedgerAlreadyEmittedIsAcknowledgedButNotRoutedAgain() throws Exception {
        assertEquals(200, get("/sms/hook/dedup?from=1&text=same").statusCode());
        HttpResponse<String> again = get("/sms/hook/dedup?from=1&text=same");
        assertEquals(200, again.statusCode());
        assertEquals("ok", again.body());
        assertEquals(200, get("/sms/hook/dedup?from=1&text=other").statusCode());
        assertEquals(2, getMockEndpoint("mock:dedup").getReceivedCounter());
    }

    @Test
    void pollingEmitsEachEventOnceAndAFailedOneAgain() throws Exception {
        MockEndpoint poll = getMockEndpoint("mock:poll");
        InboundMessage a = new InboundMessage("hook", "1", null, "+1", "first", null, Instant.EPOCH, null);
        InboundMessage b = new InboundMessage("hook", "2", null, "+1", "fail-once", null, Instant.EPOCH, null);
        PROVIDER_EVENTS.add(a);
        PROVIDER_EVENTS.add(b);

        poll.expectedBodiesReceived(a, b);
        poll.assertIsSatisfied(5000);
        Thread.sleep(300); // several more polls see both events again
        assertEquals(2, poll.getReceivedCounter(), "each event emitted once; the failed one once it succeeded");
        assertTrue(FAILED_ONCE.contains(b.eventId()));
    }

    /** A component whose inbound/guarded webhooks take GET ?from=&text=, and whose poll reads PROVIDER_EVENTS. */
    static final class HookComponent extends DefaultComponent {
        @Override
        protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
            HookEndpoint endpoint = new HookEndpoint(uri, this, remaining);
            setProperties(endpoint, parameters);
            return endpoint;
        }
    }

    static final class HookConfiguration extends SmsConsumerConfiguration {
    }

    static final class HookEndpoint extends SmsEndpoint {

        /** The test's own memory of emitted event ids, as a component that remembers them itself keeps one. */
        private final IdempotentRepository emitted = MemoryIdempotentRepository.memoryIdempotentRepository(1_000);
        private final HookConfiguration configuration = new HookConfiguration();
        private final String operation;

        HookEndpoint(String uri, HookComponent component, String operation) {
            super(uri, component);
            this.operation = operation;
        }

        public void setWebhookSecret(String secret) {
            configuration.setWebhookSecret(secret);
        }

        public void setWebhookPreviousSecret(String secret) {
            configuration.setWebhookPreviousSecret(secret);
        }

        public void setWebhookPreviousSecretValidUntil(String until) {
            configuration.setWebhookPreviousSecretValidUntil(until);
        }

        public void setWebhookAllowUnauthenticated(boolean allow) {
            configuration.setWebhookAllowUnauthenticated(allow);
        }

        public void setMaxRequestSize(int size) {
            configuration.setMaxRequestSize(size);
        }

        @Override
        protected SmsConsumerConfiguration consumerConfiguration() {
            return configuration;
        }

        @Override
        protected String operationName() {
            return operation;
        }

        @Override
        @SuppressWarnings("unchecked")
        protected <E> EventLedger<E> webhookLedger() {
            return "dedup".equals(operation)
                    ? (EventLedger<E>) new EmittedEventLedger<InboundMessage>(emitted, InboundMessage::eventId)
                    : EventLedger.everything();
        }

        @Override
        protected WebhookProtocol<?> webhookProtocol() {
            return "poll".equals(operation) ? null : new WebhookProtocol<InboundMessage>() {
                @Override
                public List<String> methods() {
                    return List.of("GET");
                }

                @Override
                public List<InboundMessage> parse(WebhookRequest request) {
                    return List.of(new InboundMessage("hook", null, null, request.requiredParam("from"),
                            request.requiredParam("text"), null, null, null));
                }

                @Override
                public void toExchange(InboundMessage event, Exchange exchange) {
                    SmsEvents.put(exchange, event);
                }

                @Override
                public WebhookReply reply(List<Handled<InboundMessage>> handled) {
                    return WebhookProtocol.okUnlessFailed(handled);
                }
            };
        }

        @Override
        public Producer createProducer() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Consumer createConsumer(Processor processor) throws Exception {
            if (!"poll".equals(operation)) {
                return createWebhookConsumer(processor);
            }
            SmsPollingConsumer<InboundMessage> consumer = new SmsPollingConsumer<>(this, processor, emitted) {
                @Override
                protected List<InboundMessage> fetch() {
                    return List.copyOf(PROVIDER_EVENTS);
                }

                @Override
                protected String eventId(InboundMessage event) {
                    return event.eventId();
                }

                @Override
                protected void toExchange(InboundMessage event, Exchange exchange) {
                    SmsEvents.put(exchange, event);
                }
            };
            configureConsumer(consumer);
            return consumer;
        }
    }
}
