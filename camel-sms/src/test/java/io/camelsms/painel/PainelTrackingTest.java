package io.camelsms.painel;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.DeliveryStatus;
import io.camelsms.core.InboundMessage;
import io.camelsms.core.RecipientResult;
import io.camelsms.core.RecipientResult.Outcome;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsEvent;
import io.camelsms.core.SmsHeaders;
import io.camelsms.core.SmsConfiguration;
import io.camelsms.core.SmsMessage;
import io.camelsms.sandbox.PainelSimulator;
import io.camelsms.sandbox.SandboxClock;
import io.camelsms.testing.LogCapture;
import io.camelsms.testing.PlatformHttp;
import io.camelsms.tracking.DeliveryTracker;
import io.camelsms.tracking.JdbcTrackingStore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * painel:dlr and painel:callback over a real H2 tracking store, against the sandbox over HTTP. Two clocks, both
 * frozen and moved by the test: the sandbox's (statuses progress) and the once-a-minute guard's (when a poll may
 * call getstatus), so no real minute passes and a test decides what each poll sees.
 */
class PainelTrackingTest extends PainelTestSupport {

    /** The tracking store's label of the sandbox's account (a digest, never the login itself). */
    private static final String ACCOUNT = SmsConfiguration.accountLabel(PainelSimulator.DEFAULT_LOGIN);

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration MINUTE = Duration.ofSeconds(61);
    private static final String DLR = "painel:dlr?delay=20&initialDelay=0";

    @TempDir
    Path data;
    private JdbcTrackingStore store;
    /** The once-a-minute guard's clock. */
    private final SandboxClock guardClock = new SandboxClock();
    private String serverUrl;
    private static final String SECRET = "cb-s3cr3t";
    /** Every event a route was given, failed or not: which consumer ("poll"/"push") and the event. */
    private final List<Seen> attempts = new CopyOnWriteArrayList<>();
    /** The events a route completed. */
    private final List<Seen> routed = new CopyOnWriteArrayList<>();
    /** externalId/rawStatus of reports the route refuses the first time. */
    private final Set<String> failOnce = ConcurrentHashMap.newKeySet();

    record Seen(String by, SmsEvent event) {
        DeliveryReport report() {
            return (DeliveryReport) event;
        }

        /** e.g. {@code poll order-1 aguardando envio}. */
        String line() {
            return event instanceof DeliveryReport r ? by + " " + r.externalId() + " " + r.rawStatus()
                    : by + " " + event;
        }
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        serverUrl = PlatformHttp.addServer(context);
        store = newStore();
        context.getRegistry().bind("trackingStore", store);
        context.getComponent("painel", PainelComponent.class).clock(guardClock);
        return context;
    }

    /** The store each test starts with: the embedded H2 default here, PostgreSQL in the subclass. */
    protected JdbcTrackingStore newStore() throws Exception {
        return JdbcTrackingStore.embeddedH2(data);
    }

    @BeforeEach
    void freezeClocks() {
        SANDBOX.sandbox().clock().freeze();
        guardClock.freeze();
    }

    @AfterEach
    void closeStore() {
        context.stop(); // no poll may run on a closed store
        store.stop();
    }

    @Test
    void eachChangeOfEachMessageIsReportedOnceRotatingThroughOpenCampaignsOneAMinute() throws Exception {
        poll(DLR);
        SendResult sent = send(
                SmsMessage.to("+55 31 99999-9999").text("Oi").externalId("order-1").build(),
                SmsMessage.to("31999990000").text("Oi").externalId("order-2").build(),
                SmsMessage.to("21988887777").text("Tchau").externalId("order-3").build());
        String first = sent.batchIds().get(0);
        String second = sent.batchIds().get(1);

        // minute 1: the first campaign, both messages still queued at the panel
        awaitRouted(2);
        assertEquals(List.of(first), statusQueries(), "one getstatus within the minute");
        DeliveryReport queued = routed.get(0).report();
        assertEquals(DeliveryStatus.QUEUED, queued.status());
        assertEquals("order-1", queued.externalId(), "the caller's id, from the store");
        assertEquals(first, queued.campaignId());
        assertEquals("31999999999", queued.recipient(), "as send recorded it");

        // minute 2: the campaign not checked yet; minute 3: the first one again
        nextMinute();
        awaitRouted(3);
        nextMinute();
        awaitRouted(5);
        assertEquals(List.of(first, second, first), statusQueries());

        // everything is final: no campaign is open, nothing more is asked or reported
        nextMinute();
        Thread.sleep(200);
        assertEquals(List.of(first, second, first), statusQueries());
        assertEquals(List.of("poll order-1 aguardando envio", "poll order-2 aguardando envio", "poll order-3 sucesso",
                "poll order-1 sucesso", "poll order-2 nao cadastrado"), lines(routed));
        assertEquals(List.of(DeliveryStatus.QUEUED, DeliveryStatus.QUEUED, DeliveryStatus.DELIVERED,
                DeliveryStatus.DELIVERED, DeliveryStatus.FAILED), routed.stream().map(s -> s.report().status()).toList());
        assertEquals(5, routed.stream().map(s -> s.event().eventId()).distinct().count());
        assertEquals(List.of(), store.openCampaigns("painel", ACCOUNT));
    }

    @Test
    void aChangeTheRouteFailedComesAgainWithTheNextAllowedPollThenNever() throws Exception {
        failOnce.add("f-1/aguardando envio");
        try (LogCapture logs = LogCapture.everything()) {
            poll(DLR);
            String campaign = send(SmsMessage.to("31999999999").text("Oi").externalId("f-1").build())
                    .batchIds().get(0);
            template.sendBodyAndHeader("painel:hold", null, SmsHeaders.CAMPAIGN_ID, campaign); // stays queued

            await(() -> attempts.size() == 1);
            assertEquals(List.of(), routed);
            nextMinute();
            awaitRouted(1);
            nextMinute(); // asked again: still queued, so nothing to report
            await(() -> statusQueries().size() == 3);
            template.sendBodyAndHeader("painel:release", null, SmsHeaders.CAMPAIGN_ID, campaign);
            nextMinute();
            awaitRouted(2);

            assertEquals(List.of("poll f-1 aguardando envio", "poll f-1 aguardando envio", "poll f-1 sucesso"),
                    lines(attempts));
            assertEquals(List.of("poll f-1 aguardando envio", "poll f-1 sucesso"), lines(routed));
            // dozens of polls found the minute taken: none of them failed
            assertTrue(logs.lines().stream().noneMatch(l -> l.contains("once a minute")), logs.lines()::toString);
        }
    }

    @Test
    void aRestartedContextRepeatsNothingAndLosesNothing() throws Exception {
        poll(DLR);
        String campaign = send(SmsMessage.to("31999999999").text("Oi").externalId("r-1").build()).batchIds().get(0);
        template.sendBodyAndHeader("painel:hold", null, SmsHeaders.CAMPAIGN_ID, campaign);
        awaitRouted(1);
        context.stop();

        // a new process: new context, new component, same store
        CamelContext restarted = new DefaultCamelContext();
        PainelComponent component = restarted.getComponent("painel", PainelComponent.class);
        toSandbox(component);
        component.clock(guardClock);
        restarted.getRegistry().bind("trackingStore", store);
        restarted.addRoutes(route(DLR, "poll"));
        try {
            restarted.start();
            nextMinute(); // the panel still says queued: already reported before the restart
            await(() -> statusQueries().size() == 2);
            restarted.createProducerTemplate().sendBodyAndHeader("painel:release", null, SmsHeaders.CAMPAIGN_ID,
                    campaign);
            nextMinute();
            awaitRouted(2);
        } finally {
            restarted.stop();
        }
        assertEquals(List.of("poll r-1 aguardando envio", "poll r-1 sucesso"), lines(routed));
    }

    @Test
    void aMessageWithoutFinalStatusExpiresOnceAndIsNoLongerPolled() throws Exception {
        poll(DLR + "&trackingMaxAge=1");
        String campaign = send(SmsMessage.to("31999999999").text("Oi").externalId("e-1").build()).batchIds().get(0);
        template.sendBodyAndHeader("painel:hold", null, SmsHeaders.CAMPAIGN_ID, campaign);

        await(() -> routed.stream().anyMatch(s -> s.report().status() == DeliveryStatus.EXPIRED));
        int queries = statusQueries().size();
        template.sendBodyAndHeader("painel:release", null, SmsHeaders.CAMPAIGN_ID, campaign);
        nextMinute();
        Thread.sleep(200);

        DeliveryReport expired = routed.get(routed.size() - 1).report();
        assertEquals(DeliveryStatus.EXPIRED, expired.status());
        assertEquals(DeliveryTracker.TRACKING_EXPIRED, expired.rawStatus());
        assertEquals("e-1", expired.externalId());
        assertEquals(campaign, expired.campaignId());
        assertEquals(1, routed.stream().filter(s -> s.report().status() == DeliveryStatus.EXPIRED).count());
        assertTrue(queries <= 1, "at most the one getstatus before it expired");
        assertEquals(queries, statusQueries().size(), "an expired campaign is not asked about again");
        assertEquals(List.of(), store.openCampaigns("painel", ACCOUNT));
    }

    @Test
    void pushedAndPolledChangesAreEachReportedOnce() throws Exception {
        poll(DLR);
        context.addRoutes(route("painel:callback?webhookSecret=" + SECRET, "push"));
        failOnce.add("p-1/sucesso"); // the first push of it fails: the poll must bring it
        String callback = serverUrl + "/sms/painel/callback/" + SECRET;
        send(SmsMessage.to("31999999999").text("Oi").externalId("p-1").option("url_callback", callback).build(),
                SmsMessage.to("31988887777").text("Oi").externalId("p-2").option("url_callback", callback).build());
        awaitRouted(2);

        // the panel delivers and pushes both; the poll may not ask yet
        SANDBOX.sandbox().clock().advance(MINUTE);
        painel().tick();
        awaitRouted(3);
        List<PainelSimulator.Push> pushes = painel().pushes();
        assertEquals(List.of(500, 200), pushes.stream().map(PainelSimulator.Push::status).toList());

        // the next poll sees both delivered: only the change the push could not hand over is news
        guardClock.advance(MINUTE);
        awaitRouted(4);
        // the panel calls again with both: acknowledged, not routed
        for (PainelSimulator.Push push : pushes) {
            assertEquals(200, get(push.url()).statusCode());
        }
        nextMinute();
        Thread.sleep(200);

        assertEquals(List.of("poll p-1 aguardando envio", "poll p-2 aguardando envio", "push p-2 sucesso",
                "poll p-1 sucesso"), lines(routed));
        assertEquals(2, statusQueries().size(), "both final after the second getstatus: not asked again");
    }

    @Test
    void aReplyCarriesTheExternalIdOfTheMessageItAnswersAndIsRoutedOnce() throws Exception {
        context.addRoutes(route("painel:callback?webhookSecret=" + SECRET, "push"));
        String callback = serverUrl + "/sms/painel/callback/" + SECRET;
        String campaign = send(
                SmsMessage.to("31999999999").text("Quer?").externalId("q-1").option("url_callback", callback).build(),
                SmsMessage.to("31988887777").text("Quer?").externalId("q-2").option("url_callback", callback).build())
                .batchIds().get(0);

        PainelSimulator.Push reply = painel().reply(campaign, "31988887777", "SIM");
        assertEquals(200, reply.status());
        awaitRouted(1);
        InboundMessage answer = assertInstanceOf(InboundMessage.class, routed.get(0).event());
        assertEquals("q-2", answer.externalId());
        assertEquals(campaign, answer.campaignId());
        assertEquals("31988887777", answer.from());
        assertEquals("SIM", answer.text());

        assertEquals(200, get(reply.url()).statusCode()); // the same call again: acknowledged only
        // the number written with the country code is the same handset as the one send recorded
        String withCountryCode = campaign + ";5531999999999;NAO;2026-12-24 16:00:05;aguardando envio;";
        assertEquals(200, get(URI.create(callback + "?data_callback="
                + URLEncoder.encode(withCountryCode, StandardCharsets.UTF_8))).statusCode());
        awaitRouted(2);
        InboundMessage second = assertInstanceOf(InboundMessage.class, routed.get(1).event());
        assertEquals("q-1", second.externalId());
        assertEquals("31999999999", second.from());
    }

    @Test
    void aMessageSentWithoutAnExternalIdGetsAGeneratedOneThatItsReportsCarry() throws Exception {
        poll(DLR);
        SendResult sent = send(SmsMessage.to("31999999999").text("Oi").build());
        String generated = sent.recipients().get(0).externalId();
        assertTrue(generated.matches("cs-[0-9a-f]{32}"), generated);
        awaitRouted(1);
        assertEquals(generated, routed.get(0).report().externalId());
    }

    @Test
    void aNumberRepeatedWithTheSameTextInOneCampaignIsSentOnceAndTheCopyRejectedNamingTheFirst() {
        SendResult sent = send(
                SmsMessage.to("31999999999").text("Oi").externalId("d-1").build(),
                SmsMessage.to("31988887777").text("Oi").externalId("d-2").build(),
                SmsMessage.to("+55 31 99999-9999").text("Oi").externalId("d-3").build(),
                SmsMessage.to("31999999999").text("Tchau").externalId("d-4").build());

        assertEquals(List.of(Outcome.ACCEPTED, Outcome.ACCEPTED, Outcome.REJECTED, Outcome.ACCEPTED),
                sent.recipients().stream().map(RecipientResult::outcome).toList());
        assertEquals("duplicate of message 0 (external id 'd-1'): the panel reports statuses by campaign and number,"
                     + " so it could not tell the two apart (allowDuplicateRecipients=true sends both)",
                sent.recipients().get(2).reason());
        assertEquals(List.of(List.of("31999999999", "31988887777"), List.of("31999999999")),
                sent.batchIds().stream().map(id -> painel().campaign(id).messages().stream()
                        .map(PainelSimulator.Sms::number).toList()).toList(), "what the panel received");
        assertEquals(3, store.openMessages("painel", ACCOUNT, 10).size());
    }

    @Test
    void withAllowDuplicateRecipientsEveryCopyIsSentAndEachGetsEveryStatusOfItsOwn() throws Exception {
        poll(DLR);
        SendResult sent = template.requestBody("painel:send?allowDuplicateRecipients=true", List.of(
                SmsMessage.to("31999999999").text("Oi").externalId("c-1").build(),
                SmsMessage.to("31999999999").text("Oi").externalId("c-2").build(),
                SmsMessage.to("31999999999").text("Oi").externalId("c-3").build()), SendResult.class);
        assertEquals(3, sent.accepted().size());
        assertEquals(3, painel().campaign(sent.batchIds().get(0)).messages().size(), "three SMS to one number");

        awaitRouted(3);
        nextMinute();
        awaitRouted(6);
        nextMinute();
        Thread.sleep(200);

        assertEquals(List.of("poll c-1 aguardando envio", "poll c-2 aguardando envio", "poll c-3 aguardando envio",
                "poll c-1 sucesso", "poll c-2 sucesso", "poll c-3 sucesso"), lines(routed));
        assertEquals(List.of(), store.openCampaigns("painel", ACCOUNT), "no copy stays open");
        assertEquals(2, statusQueries().size(), "nothing open after the second getstatus");
    }

    @Test
    void aFinalStatusNeverMovesAgainWhetherALateOrForgedReportComesByPushOrByPoll() throws Exception {
        poll(DLR);
        context.addRoutes(route("painel:callback?webhookSecret=" + SECRET, "push"));
        // the panel will report 31999990000 "nao cadastrado" (failed) and 31988887777 delivered
        String campaign = send(SmsMessage.to("31999990000").text("Oi").externalId("l-1").build(),
                SmsMessage.to("31988887777").text("Oi").externalId("l-2").build()).batchIds().get(0);
        awaitRouted(2);
        try (LogCapture logs = LogCapture.everything()) {
            // a push says l-1 was delivered; the panel's own status, failed, comes later by the poll
            assertEquals(200, callback(campaign + ";31999990000;;2026-12-24 16:00:05;sucesso;").statusCode());
            awaitRouted(3);
            nextMinute();
            awaitRouted(4);
            // a forged push says l-2, delivered, failed
            assertEquals(200, callback(campaign + ";31988887777;;2026-12-24 16:00:06;nao cadastrado;").statusCode());
            nextMinute();
            Thread.sleep(200);

            assertEquals(List.of("poll l-1 aguardando envio", "poll l-2 aguardando envio", "push l-1 sucesso",
                    "poll l-2 sucesso"), lines(routed));
            long l1 = store.findByCampaignAndRecipient("painel", ACCOUNT, campaign,
                    "31999990000").get(0).id();
            long l2 = store.findByCampaignAndRecipient("painel", ACCOUNT, campaign,
                    "31988887777").get(0).id();
            assertTrue(logs.lines().stream().anyMatch(l -> l.contains("FAILED (nao cadastrado) for message " + l1
                    + " (external id l-1) ignored")), logs.lines()::toString);
            assertTrue(logs.lines().stream().anyMatch(l -> l.contains("FAILED (nao cadastrado) for message " + l2
                    + " (external id l-2) ignored")), logs.lines()::toString);
        }
        assertEquals(List.of(DeliveryStatus.DELIVERED, DeliveryStatus.DELIVERED), List.of("31999990000", "31988887777")
                .stream().map(n -> store.findByCampaignAndRecipient("painel", ACCOUNT, campaign,
                        n).get(0).status()).toList());
    }

    @Test
    void anotherAccountsConsumerNeitherReportsNorExpiresThisAccountsMessages() throws Exception {
        painel().account("other-login", "other-password");
        template.requestBody("painel:send?login=other-login&password=other-password",
                SmsMessage.to("31999999999").text("Oi").externalId("a-1").build());
        painel().account(PainelSimulator.DEFAULT_LOGIN, PainelSimulator.DEFAULT_PASSWORD);
        poll(DLR + "&trackingMaxAge=1");
        SmsMessage mine = SmsMessage.to("31988887777").text("Oi").externalId("a-2").build();
        String campaign = send(mine).batchIds().get(0);
        template.sendBodyAndHeader("painel:hold", null, SmsHeaders.CAMPAIGN_ID, campaign);

        await(() -> routed.stream().anyMatch(s -> s.report().status() == DeliveryStatus.EXPIRED));
        Thread.sleep(200);
        assertEquals(List.of("a-2"), routed.stream().map(s -> s.report().externalId()).distinct().toList(),
                "only this account's message");
        assertEquals(1, store.openMessages("painel", SmsConfiguration.accountLabel("other-login"), 10).size(), "the other account's stays open");
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private HttpResponse<String> callback(String dataCallback) throws Exception {
        return get(URI.create(serverUrl + "/sms/painel/callback/" + SECRET + "?data_callback="
                + URLEncoder.encode(dataCallback, StandardCharsets.UTF_8)));
    }

    private void poll(String uri) throws Exception {
        context.addRoutes(route(uri, "poll"));
    }

    private RouteBuilder route(String uri, String by) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).process(e -> {
                    SmsEvent event = e.getMessage().getBody(SmsEvent.class);
                    attempts.add(new Seen(by, event));
                    if (event instanceof DeliveryReport r && failOnce.remove(r.externalId() + "/" + r.rawStatus())) {
                        throw new IllegalStateException("downstream refused " + r.rawStatus());
                    }
                    routed.add(new Seen(by, event));
                });
            }
        };
    }

    private SendResult send(SmsMessage... messages) {
        return template.requestBody("painel:send", List.of(messages), SendResult.class);
    }

    /** A minute passes for the panel and for the once-a-minute guard. */
    private void nextMinute() {
        SANDBOX.sandbox().clock().advance(MINUTE);
        guardClock.advance(MINUTE);
    }

    /** The campaign ids getstatus was asked about, in order. */
    private List<String> statusQueries() {
        return painel().lastRequests().stream().filter(q -> q.startsWith("action=getstatus&"))
                .map(q -> q.substring(q.lastIndexOf("&id=") + 4)).toList();
    }

    private static List<String> lines(List<Seen> seen) {
        return seen.stream().map(Seen::line).toList();
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void awaitRouted(int count) throws InterruptedException {
        await(() -> routed.size() >= count);
        Thread.sleep(50); // a report too many would come in the same poll
        assertEquals(count, routed.size(), () -> lines(routed).toString());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not reached within 10 s");
            Thread.sleep(10);
        }
    }
}
