package io.camelsms.smsclouds;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.DeliveryStatus;
import io.camelsms.core.InboundMessage;
import io.camelsms.sandbox.SmsCloudsSimulator;
import io.camelsms.sandbox.WebhookPush;
import io.camelsms.testing.PlatformHttp;
import io.camelsms.tracking.DeliveryTracker;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * On the embedded H2 default: the dlr test of the base class, expiry after trackingMaxAge, and replies (pushed and
 * polled) tied to the message they answer and emitted once.
 */
class SmscloudsDeliveryTrackingH2Test extends SmscloudsDeliveryTrackingTestBase {

    @TempDir
    static Path directory;
    private static JdbcDataSource dataSource;
    private static final String WEBHOOK_SECRET = "mo-s3cr3t";
    private String baseUrl;

    @BeforeAll
    static void createDatabase() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + directory.resolve("tracking") + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        baseUrl = PlatformHttp.addServer(context);
        return context;
    }

    @Test
    void aMessageWithoutAFinalStatusExpiresOnceAfterTrackingMaxAge() throws Exception {
        String campaignId = sendThree().batchIds().get(0);
        SANDBOX.sandbox().clock().advance(SmsCloudsSimulator.INSERTING_FOR); // in progress, and it stays so
        context.addRoutes(dlrRoute(DLR + "&trackingMaxAge=300"));

        await(() -> routed.stream().filter(r -> r.status() == DeliveryStatus.EXPIRED).count() >= 3,
                "every message expired");
        await(() -> store.openCampaigns("smsclouds", trackingAccount()).isEmpty(), "the campaign left the poll set");
        int polls = statusPolls(campaignId).size();
        SANDBOX.sandbox().clock().advance(SmsCloudsSimulator.SENDING_FOR); // too late: tracking gave up on them
        Thread.sleep(300); // several poll intervals

        Map<String, List<DeliveryReport>> byMessage = routed.stream()
                .collect(Collectors.groupingBy(DeliveryReport::externalId));
        assertEquals(3, byMessage.size());
        byMessage.forEach((id, reports) -> {
            DeliveryReport last = reports.get(reports.size() - 1);
            assertEquals(DeliveryStatus.EXPIRED, last.status(), id);
            assertEquals(DeliveryTracker.TRACKING_EXPIRED, last.rawStatus());
            assertEquals(campaignId, last.campaignId());
            assertEquals(1, reports.stream().filter(r -> r.status() == DeliveryStatus.EXPIRED).count(), id);
        });
        assertEquals(polls, statusPolls(campaignId).size(), "an expired campaign is not asked about again");
    }

    private String trackingAccount() {
        return context.getComponent("smsclouds", SmscloudsComponent.class).getConfiguration().trackingAccount();
    }

    @Test
    void aReplyPushedAndPolledIsEmittedOnceWithTheOriginalMessagesIdAndCampaign() throws Exception {
        smsclouds().moWebhook(baseUrl + "/sms/smsclouds/inbound/" + WEBHOOK_SECRET);
        String campaignId = sendThree().batchIds().get(0);
        SANDBOX.sandbox().clock().advance(SmsCloudsSimulator.INSERTING_FOR.plus(SmsCloudsSimulator.SENDING_FOR));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("smsclouds:inbound?webhookSecret=" + WEBHOOK_SECRET).routeId("push").to("mock:replies");
                from("smsclouds:responses?delay=50&initialDelay=0").routeId("poll").autoStartup(false)
                        .to("mock:replies");
            }
        });
        MockEndpoint replies = getMockEndpoint("mock:replies");

        WebhookPush.Answer answer = smsclouds().mo("4498987281", "SI");
        assertEquals(200, answer.status());
        assertEquals("ok", answer.body());
        assertEquals(1, replies.getReceivedCounter());
        InboundMessage pushed = replies.getExchanges().get(0).getMessage().getBody(InboundMessage.class);
        SmsCloudsSimulator.Mo mo = smsclouds().mos().get(0);
        assertEquals("order-1", pushed.externalId(), "the caller's id of the message it answers");
        assertEquals(campaignId, pushed.campaignId());
        assertEquals(String.valueOf(mo.messageId()), pushed.providerMessageId());
        assertEquals("4498987281", pushed.from());

        // the push lacks the campaign: one look-up by message id found it
        assertEquals(1, requestsTo("/api/v3/responses").size());

        // the platform pushes the same MO again: acknowledged, not routed again, and no provider call
        WebhookPush.Answer again = WebhookPush.get(pushUrl(mo));
        assertEquals(200, again.status());
        assertEquals("ok", again.body());
        assertEquals(1, replies.getReceivedCounter());
        assertEquals(1, requestsTo("/api/v3/responses").size(), "a reply already emitted costs no provider call");

        // a reply that only the poll sees, then the poll over both
        smsclouds().moWebhook(null);
        smsclouds().mo("4498987283", "NO");
        int before = requestsTo("/api/v3/responses").size();
        context.getRouteController().startRoute("poll");
        await(() -> replies.getReceivedCounter() >= 2, "the polled reply");
        await(() -> requestsTo("/api/v3/responses").size() >= before + 4, "more polls");

        assertEquals(2, replies.getReceivedCounter(), "each reply once, whether pushed or polled");
        InboundMessage polled = replies.getExchanges().get(1).getMessage().getBody(InboundMessage.class);
        assertEquals("order-3", polled.externalId());
        assertEquals(campaignId, polled.campaignId());
        assertEquals("NO", polled.text());
        assertEquals(smsclouds().mos().get(1).receivedId(),
                replies.getExchanges().get(1).getMessage().getHeader(SmscloudsConstants.RECEIVED_ID));
    }

    @Test
    void aPolledReplyAlreadyEmittedCostsNoProviderCallInTheNextWindows() throws Exception {
        smsclouds().documentedResults(true); // each MO needs the campaign's message list for its number
        String campaignId = sendThree().batchIds().get(0);
        SANDBOX.sandbox().clock().advance(SmsCloudsSimulator.INSERTING_FOR.plus(SmsCloudsSimulator.SENDING_FOR));
        smsclouds().mo("4498987281", "SI");
        smsclouds().mo("4498987283", "NO");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("smsclouds:responses?delay=50&initialDelay=0").routeId("poll").to("mock:replies");
            }
        });
        MockEndpoint replies = getMockEndpoint("mock:replies");
        await(() -> replies.getReceivedCounter() >= 2, "both replies");
        int polls = requestsTo("/api/v3/responses").size();
        await(() -> requestsTo("/api/v3/responses").size() >= polls + 4, "more polls, each listing both replies");

        assertEquals(2, replies.getReceivedCounter());
        assertEquals(List.of("order-1", "order-3"), replies.getExchanges().stream()
                .map(e -> e.getMessage().getBody(InboundMessage.class).externalId()).toList());
        assertEquals(2, requestsTo(SmscloudsProducer.campaignMessagesPath(campaignId)).size(),
                "one message-list look-up per reply, none for a reply already emitted");
    }

    @Test
    void keywordRequestsAreAnsweredEveryTimeAlsoWithATrackingStore() throws Exception {
        SANDBOX.sandbox().clock().freeze();
        smsclouds().keywordWebhook(baseUrl + "/sms/smsclouds/keyword/" + WEBHOOK_SECRET);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("smsclouds:keyword?webhookSecret=" + WEBHOOK_SECRET).to("mock:keyword").setBody(constant("Tu saldo es 10"));
            }
        });

        WebhookPush.Answer first = smsclouds().keywordRequest("4498987281", "saldo", "saldo");
        WebhookPush.Answer same = smsclouds().keywordRequest("4498987281", "saldo", "saldo");

        assertEquals("Tu saldo es 10", first.body());
        assertEquals("Tu saldo es 10", same.body(), "the same request again still gets its answer");
        assertEquals(2, getMockEndpoint("mock:keyword").getReceivedCounter());
    }

    private URI pushUrl(SmsCloudsSimulator.Mo mo) {
        String date = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .format(mo.receivedAt().atZone(ZoneId.of("America/Mexico_City")));
        return URI.create(baseUrl + "/sms/smsclouds/inbound/" + WEBHOOK_SECRET + "?cellphone=" + mo.cellphone() + "&date="
                          + URLEncoder.encode(date, StandardCharsets.UTF_8) + "&message_id=" + mo.messageId()
                          + "&response=" + mo.response());
    }
}
