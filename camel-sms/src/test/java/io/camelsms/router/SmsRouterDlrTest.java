package io.camelsms.router;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsHeaders;
import io.camelsms.core.SmsMessage;
import io.camelsms.tracking.JdbcTrackingStore;
import io.camelsms.webcom.WebcomComponent;
import io.camelsms.webcom.WebcomDlrMode;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** sms:dlr merges the delivery reports of every provider the rules use, each once, from the provider that took it. */
class SmsRouterDlrTest extends RouterTestSupport {

    private static final String ROUTED = "MX: smsclouds; IT: smsway; RU: webcom; BR: pwapi";

    @TempDir
    static Path data;

    @BindToRegistry("trackingStore")
    private final JdbcTrackingStore store = JdbcTrackingStore.embeddedH2(data);

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getComponent("webcom", WebcomComponent.class).getConfiguration().setDlrMode(WebcomDlrMode.poll);
        context.getComponent("sms", SmsRouterComponent.class).getConfiguration().setRules(ROUTED);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("sms:dlr?delay=50&initialDelay=0").routeId("reports").autoStartup(false)
                        .to("mock:reports");
            }
        };
    }

    @Test
    void eachReportArrivesOnceFromTheProviderThatTookTheMessage() throws Exception {
        SendResult sent = template.requestBody("sms:send", List.of(
                SmsMessage.to("+525512345678").text("Hola").externalId("mx-1").build(),
                SmsMessage.to("+393331234567").text("Ciao").externalId("it-1").build(),
                SmsMessage.to("+79612242243").text("Privet").externalId("ru-1").build(),
                SmsMessage.to("+5521988887777").text("Olá").externalId("br-1").build()), SendResult.class);
        assertEquals(4, sent.acceptedCount(), sent.toString());
        sandbox().clock().advance(Duration.ofMinutes(5)); // every provider has delivered by now

        MockEndpoint reports = getMockEndpoint("mock:reports");
        reports.expectedMessageCount(3);
        context.getRouteController().startRoute("reports");
        reports.assertIsSatisfied();
        List<Exchange> received = new ArrayList<>(reports.getReceivedExchanges());
        // a later message's report comes after more polls of every provider: none repeated an earlier report
        reports.reset();
        reports.expectedMessageCount(1);
        template.requestBody("sms:send", SmsMessage.to("+525512345679").text("Hola").externalId("mx-2").build());
        sandbox().clock().advance(Duration.ofMinutes(5));
        reports.assertIsSatisfied();
        assertEquals("mx-2", reports.getReceivedExchanges().get(0).getMessage().getBody(DeliveryReport.class)
                .externalId());
        List<Exchange> all = new ArrayList<>(received);
        all.addAll(reports.getReceivedExchanges());
        context.getRouteController().stopRoute("reports");

        Map<String, String> providerByExternalId = all.stream()
                .map(e -> e.getMessage().getBody(DeliveryReport.class))
                .collect(Collectors.toMap(DeliveryReport::externalId, DeliveryReport::provider));
        assertEquals(Map.of("mx-1", "smsclouds", "it-1", "smsway", "ru-1", "webcom", "mx-2", "smsclouds"),
                providerByExternalId);
        assertEquals(4, all.size(), "each report exactly once");
        all.forEach(e -> {
            DeliveryReport report = e.getMessage().getBody(DeliveryReport.class);
            assertEquals(report.provider(), e.getMessage().getHeader(SmsHeaders.PROVIDER));
        });
    }
}
