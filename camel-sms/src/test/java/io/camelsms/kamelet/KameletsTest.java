package io.camelsms.kamelet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.SendResult;
import io.camelsms.sandbox.PainelSimulator;
import io.camelsms.sandbox.WebcomSimulator;
import io.camelsms.testing.SandboxExtension;
import io.camelsms.tracking.JdbcTrackingStore;
import io.camelsms.webcom.WebcomComponent;
import io.camelsms.webcom.WebcomConfiguration;
import io.camelsms.webcom.WebcomDlrMode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Kamelets the jar ships (classpath:kamelets), loaded by camel-kamelet from YAML routes against the sandbox. */
class KameletsTest extends CamelTestSupport {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    @TempDir
    static Path data;

    private final List<DeliveryReport> reports = new CopyOnWriteArrayList<>();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry().bind("trackingStore", JdbcTrackingStore.embeddedH2(data.resolve("tracking")));
        // the source's webcom:dlr polls with the component's own account, as camel.component.webcom.* would set it
        WebcomConfiguration webcom = context.getComponent("webcom", WebcomComponent.class).getConfiguration();
        webcom.setBaseUrl(SANDBOX.sandbox().baseUrl());
        webcom.setLogin(WebcomSimulator.DEFAULT_LOGIN);
        webcom.setPassword(WebcomSimulator.DEFAULT_PASSWORD);
        webcom.setDlrMode(WebcomDlrMode.poll);
        context.getRegistry().bind("reports", (org.apache.camel.Processor) e ->
                reports.add(e.getMessage().getBody(DeliveryReport.class)));
        return context;
    }

    private void loadRoutes(String yaml) throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("kamelets-test.yaml", yaml));
    }

    @Test
    void painelSinkSendsATextWithItsRecipientHeaderAndAJsonObject() throws Exception {
        loadRoutes("""
                - route:
                    from:
                      uri: direct:notify
                      steps:
                        - to:
                            uri: kamelet:painel-sink
                            parameters:
                              login: %s
                              password: %s
                              defaultRegion: BR
                              baseUrl: %s
                """.formatted(PainelSimulator.DEFAULT_LOGIN, PainelSimulator.DEFAULT_PASSWORD,
                SANDBOX.sandbox().baseUrl()));

        SendResult text = template.requestBodyAndHeader("direct:notify", "Seu pedido saiu", "CamelSmsRecipient",
                "(21) 98888-7777", SendResult.class);
        SendResult json = template.requestBody("direct:notify",
                "{\"phone\": \"21988887778\", \"text\": \"Pedido entregue\", \"externalId\": \"order-9\"}",
                SendResult.class);

        assertEquals(1, text.acceptedCount(), text.toString());
        assertEquals(1, json.acceptedCount(), json.toString());
        assertEquals("order-9", json.recipients().get(0).externalId());
        List<String> sent = SANDBOX.sandbox().painel().lastRequests();
        assertTrue(sent.get(0).contains("msg=Seu+pedido+saiu") || sent.get(0).contains("msg=Seu%20pedido%20saiu"),
                sent.get(0));
        assertTrue(sent.get(1).contains("21988887778"), sent.get(1));
    }

    @Test
    void webcomSinkAndTheDeliveryReportSource() throws Exception {
        loadRoutes("""
                - route:
                    from:
                      uri: direct:notify
                      steps:
                        - to:
                            uri: kamelet:webcom-sink
                            parameters:
                              login: %s
                              password: %s
                              sender: CamelSMS
                              baseUrl: %s
                - route:
                    from:
                      uri: kamelet:sms-delivery-report-source
                      parameters:
                        provider: webcom
                        delay: 100
                      steps:
                        - process:
                            ref: reports
                """.formatted(WebcomSimulator.DEFAULT_LOGIN, WebcomSimulator.DEFAULT_PASSWORD,
                SANDBOX.sandbox().baseUrl()));

        SendResult sent = template.requestBodyAndHeader("direct:notify", "Privet", "CamelSmsRecipient",
                "+79161234567", SendResult.class);
        assertEquals(1, sent.acceptedCount(), sent.toString());

        SANDBOX.sandbox().clock().advance(Duration.ofHours(1));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (reports.stream().noneMatch(r -> r.status().isFinal()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(reports.stream().anyMatch(r -> r.status().isFinal()
                && sent.recipients().get(0).externalId().equals(r.externalId())), "reports: " + reports);
    }
}
