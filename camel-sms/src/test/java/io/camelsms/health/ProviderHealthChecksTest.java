package io.camelsms.health;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.util.ObjectHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.camelsms.observability.SmsHealthChecks;
import io.camelsms.painel.model.PainelApi;
import io.camelsms.sandbox.PainelSimulator;
import io.camelsms.sandbox.Sandbox;
import io.camelsms.sandbox.SmsCloudsSimulator;
import io.camelsms.sandbox.SmsWaySimulator;
import io.camelsms.sandbox.WebcomSimulator;
import io.camelsms.testing.SandboxExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each provider's account check over real HTTP against the sandbox, as camel-health invokes it: DOWN with the
 * provider's own message on wrong credentials, UP with the balance (or what the API has instead) on right ones,
 * asked once however often it is probed, and never a credential in what it shows.
 */
class ProviderHealthChecksTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    private static final int PROBES = 100;
    private static final String WRONG_LOGIN = "wrong-login-Kq7f";
    private static final String WRONG_SECRET = "wrong-secret-Zx93Lp";

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    private Sandbox sandbox() {
        return SANDBOX.sandbox();
    }

    private String base() {
        return "baseUrl=" + sandbox().baseUrl();
    }

    /** A context whose routes send to {@code uris}, with Camel's producer checks switched on (they are off by default). */
    private void start(String... uris) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (int i = 0; i < uris.length; i++) {
                    from("direct:in" + i).to(uris[i]);
                }
            }
        });
        context.start();
        HealthCheckHelper.getHealthCheckRepository(context, SmsHealthChecks.PRODUCERS).setEnabled(true);
    }

    /** The readiness results of camel-sms's checks of {@code scheme}, as /observe/health gets them. */
    private List<HealthCheck.Result> probe(String scheme) {
        // "full": at its default exposure Camel answers only the first check when all are UP
        return HealthCheckHelper.invokeReadiness(context, "full").stream()
                .filter(r -> r.getCheck().getId().startsWith("camel-sms-" + scheme + "-")).toList();
    }

    private HealthCheck.Result probeOne(String scheme) {
        List<HealthCheck.Result> results = probe(scheme);
        assertEquals(1, results.size(), () -> "one check per account, got " + results);
        return results.get(0);
    }

    /** 100 more probes, the way Kubernetes would over a few minutes; returns the last. */
    private HealthCheck.Result probeMany(String scheme) {
        return IntStream.range(0, PROBES).mapToObj(i -> probeOne(scheme)).reduce((a, b) -> b).orElseThrow();
    }

    /** A loopback port nothing listens on. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void assertNoSecret(HealthCheck.Result result, String... secrets) {
        String shown = result.getCheck().getId() + " " + result.getMessage().orElse("") + " " + result.getDetails()
                       + " " + result.getError().map(Throwable::toString).orElse("");
        for (String secret : secrets) {
            assertFalse(shown.contains(secret), () -> "a credential in the health result: " + shown);
        }
    }

    private static void assertDown(HealthCheck.Result result, String providerMessage) {
        assertEquals(HealthCheck.State.DOWN, result.getState(), result::toString);
        String message = result.getMessage().orElse("");
        assertTrue(message.contains(providerMessage), () -> "the provider's message in: " + message);
        assertEquals("REFUSED", result.getDetails().get("failure"));
    }

    // ---- webcom: balance.php

    @Test
    void webcomDownOnWrongCredentialsWithThePlatformsMessage() throws Exception {
        start("webcom:balance?login=" + WRONG_LOGIN + "&password=" + WRONG_SECRET + "&" + base());
        HealthCheck.Result result = probeOne("webcom");
        assertDown(result, "Incorrect login or password");
        assertNoSecret(result, WRONG_LOGIN, WRONG_SECRET);
    }

    @Test
    void webcomUpWithTheBalanceOneCheckPerAccountAskedOnceFor100Probes() throws Exception {
        sandbox().webcom().balance(new BigDecimal("1234.50"), "BRL", List.of());
        String account = "login=" + WebcomSimulator.DEFAULT_LOGIN + "&password=" + WebcomSimulator.DEFAULT_PASSWORD;
        start("webcom:send?" + account + "&" + base(), "webcom:balance?" + account + "&" + base());

        HealthCheck.Result result = probeMany("webcom");

        assertEquals(HealthCheck.State.UP, result.getState(), result::toString);
        assertEquals("1234.50", result.getDetails().get("balance"));
        assertEquals("BRL", result.getDetails().get("currency"));
        assertEquals(1, sandbox().webcom().requestCount(WebcomSimulator.BALANCE_PATH));
        assertNoSecret(result, WebcomSimulator.DEFAULT_LOGIN, WebcomSimulator.DEFAULT_PASSWORD);
    }

    @Test
    void webcomDownWhenThePlatformIsUnreachableAskedOnceWithoutRetries() throws Exception {
        int closedPort = closedPort();
        start("webcom:balance?token=" + WRONG_SECRET + "&baseUrl=http://127.0.0.1:" + closedPort);

        HealthCheck.Result result = probeOne("webcom");

        assertEquals(HealthCheck.State.DOWN, result.getState(), result::toString);
        assertEquals("REFUSED_TRY_LATER", result.getDetails().get("failure"), result::toString);
        assertTrue(result.getMessage().orElse("").startsWith("webcom: "), result::toString);
        assertNoSecret(result, WRONG_SECRET);
    }

    // ---- painel: getbalance

    @Test
    void painelDownOnWrongCredentialsWithThePanelsMessage() throws Exception {
        start("painel:balance?login=" + WRONG_LOGIN + "&password=" + WRONG_SECRET + "&" + base());
        HealthCheck.Result result = probeOne("painel");
        assertDown(result, PainelApi.MSG_LOGIN_FAILED);
        assertNoSecret(result, WRONG_LOGIN, WRONG_SECRET);
    }

    @Test
    void painelUpWithTheBalanceAskedOnceFor100Probes() throws Exception {
        start("painel:balance?login=" + PainelSimulator.DEFAULT_LOGIN + "&password="
              + PainelSimulator.DEFAULT_PASSWORD + "&" + base());

        HealthCheck.Result result = probeMany("painel");

        assertEquals(HealthCheck.State.UP, result.getState(), result::toString);
        assertEquals(0, PainelSimulator.DEFAULT_BALANCE.compareTo(new BigDecimal((String) result.getDetails()
                .get("balance"))));
        assertEquals(1, sandbox().painel().requestCount(PainelApi.GETBALANCE));
        assertNoSecret(result, PainelSimulator.DEFAULT_LOGIN, PainelSimulator.DEFAULT_PASSWORD);
    }

    @Test
    void painelRefusesAnIntervalShorterThanItsOnceAMinuteRule() {
        Exception e = assertThrows(Exception.class,
                () -> start("painel:balance?login=a&password=b&healthCheckInterval=59000&" + base()));
        String message = ObjectHelper.getException(IllegalArgumentException.class, e).getMessage();
        assertTrue(message.contains("healthCheckInterval must be at least 60000"), message);
    }

    // ---- smsway: userinfo

    @Test
    void smswayDownOnAWrongKeyWithTheDocumentedCode() throws Exception {
        start("smsway:userinfo?tokenapi=" + WRONG_SECRET + "&" + base());
        HealthCheck.Result result = probeOne("smsway");
        assertDown(result, "Apikey is not valid");
        assertEquals("-21", result.getDetails().get("provider.code"));
        assertNoSecret(result, WRONG_SECRET);
    }

    @Test
    void smswayUpWithTheQuotasAskedOnceFor100Probes() throws Exception {
        sandbox().smsway().quotas(5, 100, 1000);
        start("smsway:send?tokenapi=" + SmsWaySimulator.DEFAULT_TOKENAPI + "&" + base());

        HealthCheck.Result result = probeMany("smsway");

        assertEquals(HealthCheck.State.UP, result.getState(), result::toString);
        assertEquals(5, result.getDetails().get("quota.perMinute"));
        assertEquals(100, result.getDetails().get("quota.perHour"));
        assertEquals(1000, result.getDetails().get("quota.perDay"));
        assertEquals(1, sandbox().smsway().requestCount(SmsWaySimulator.PREFIX + "userinfo"));
        assertNoSecret(result, SmsWaySimulator.DEFAULT_TOKENAPI);
    }

    // ---- smsclouds: user

    @Test
    void smscloudsDownOnAWrongTokenWithTheApisMessage() throws Exception {
        start("smsclouds:send?token=" + WRONG_SECRET + "&" + base());
        HealthCheck.Result result = probeOne("smsclouds");
        assertDown(result, "Unauthenticated.");
        assertNoSecret(result, WRONG_SECRET);
    }

    @Test
    void smscloudsUpWithTheCreditAskedOnceFor100Probes() throws Exception {
        start("smsclouds:send?token=" + SmsCloudsSimulator.DEFAULT_TOKEN + "&" + base());

        HealthCheck.Result result = probeMany("smsclouds");

        assertEquals(HealthCheck.State.UP, result.getState(), result::toString);
        assertEquals(SmsCloudsSimulator.DEFAULT_BALANCE, result.getDetails().get("credit"));
        assertEquals(1, sandbox().smsclouds().requestCount("/api/v1/user"));
        assertNoSecret(result, SmsCloudsSimulator.DEFAULT_TOKEN);
    }

    // ---- pwapi: reachability only

    @Test
    void pwapiUpOnAConnectSayingTheCredentialIsNotCheckedAndNothingIsSent() throws Exception {
        start("pwapi:send?credential=" + WRONG_SECRET + "&token=" + WRONG_LOGIN + "&" + base());

        HealthCheck.Result result = probeMany("pwapi");

        assertEquals(HealthCheck.State.UP, result.getState(), result::toString);
        assertEquals("tcp", result.getDetails().get("reachability"));
        assertEquals(false, result.getDetails().get("credentialChecked"));
        assertTrue(result.getMessage().orElse("").contains("reachable only"));
        assertEquals(0, sandbox().pwapi().requestCount(), "a connect only: no request, no message");
        assertNoSecret(result, WRONG_SECRET, WRONG_LOGIN);
    }

    @Test
    void pwapiDownWhenNothingListens() throws Exception {
        int closedPort = closedPort();
        start("pwapi:send?credential=" + WRONG_SECRET + "&token=" + WRONG_LOGIN
              + "&baseUrl=http://127.0.0.1:" + closedPort);

        HealthCheck.Result result = probeOne("pwapi");

        assertEquals(HealthCheck.State.DOWN, result.getState(), result::toString);
        assertTrue(result.getMessage().orElse("").contains("cannot reach 127.0.0.1:" + closedPort),
                result::toString);
        assertNoSecret(result, WRONG_SECRET, WRONG_LOGIN);
    }

    // ---- switched off

    @Test
    void noCheckWhenTheComponentSwitchesProducerChecksOff() throws Exception {
        context.getComponent("webcom", HealthCheckComponent.class).setHealthCheckProducerEnabled(false);
        start("webcom:balance?token=" + WRONG_SECRET + "&" + base());
        assertEquals(List.of(), probe("webcom"));
        assertEquals(0, sandbox().webcom().requestCount());
    }
}
