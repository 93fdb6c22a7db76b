package io.camelsms.router;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.camelsms.painel.PainelComponent;
import io.camelsms.pwapi.PwapiComponent;
import io.camelsms.sandbox.PainelSimulator;
import io.camelsms.sandbox.PwapiSimulator;
import io.camelsms.sandbox.Sandbox;
import io.camelsms.sandbox.SmsCloudsSimulator;
import io.camelsms.sandbox.SmsWaySimulator;
import io.camelsms.sandbox.WebcomSimulator;
import io.camelsms.smsclouds.SmscloudsComponent;
import io.camelsms.smsway.SmswayComponent;
import io.camelsms.testing.SandboxExtension;
import io.camelsms.webcom.WebcomComponent;

/**
 * A CamelContext whose five provider components talk to one sandbox on a free loopback port, and whose sms component
 * routes by {@link #RULES}.
 */
abstract class RouterTestSupport extends CamelTestSupport {

    static final String RULES = "BR: painel, pwapi; MX, US: smsclouds; IT: smsway; RU, KZ, BY: webcom";

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension();

    static Sandbox sandbox() {
        return SANDBOX.sandbox();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        String baseUrl = sandbox().baseUrl();
        var pwapi = context.getComponent("pwapi", PwapiComponent.class).getConfiguration();
        pwapi.setBaseUrl(baseUrl);
        pwapi.setCredential(PwapiSimulator.DEFAULT_CREDENTIAL);
        pwapi.setToken(PwapiSimulator.DEFAULT_TOKEN);
        pwapi.setRetryDelay(10);
        var painel = context.getComponent("painel", PainelComponent.class).getConfiguration();
        painel.setBaseUrl(baseUrl);
        painel.setLogin(PainelSimulator.DEFAULT_LOGIN);
        painel.setPassword(PainelSimulator.DEFAULT_PASSWORD);
        painel.setDefaultRegion("BR");
        painel.setRetryDelay(10);
        var smsclouds = context.getComponent("smsclouds", SmscloudsComponent.class).getConfiguration();
        smsclouds.setBaseUrl(baseUrl);
        smsclouds.setToken(SmsCloudsSimulator.DEFAULT_TOKEN);
        smsclouds.setCountry(1);
        smsclouds.setRetryDelay(10);
        var smsway = context.getComponent("smsway", SmswayComponent.class).getConfiguration();
        smsway.setBaseUrl(baseUrl);
        smsway.setTokenapi(SmsWaySimulator.DEFAULT_TOKENAPI);
        smsway.setRetryDelay(10);
        var webcom = context.getComponent("webcom", WebcomComponent.class).getConfiguration();
        webcom.setBaseUrl(baseUrl);
        webcom.setLogin(WebcomSimulator.DEFAULT_LOGIN);
        webcom.setPassword(WebcomSimulator.DEFAULT_PASSWORD);
        webcom.setSender("Shop");
        webcom.setRetryDelay(10);
        context.getComponent("sms", SmsRouterComponent.class).getConfiguration().setRules(RULES);
        return context;
    }

    /** A loopback URL where nothing listens: connecting is refused, so no byte of a request leaves. */
    static String nothingListening() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    static Set<String> pwapiMobiles() {
        return sandbox().pwapi().accepted().stream().map(PwapiSimulator.Accepted::mobile).collect(Collectors.toSet());
    }

    static List<String> painelNumbers() {
        return sandbox().painel().campaigns().stream().flatMap(c -> c.messages().stream())
                .map(PainelSimulator.Sms::number).toList();
    }

    static List<String> smscloudsNumbers() {
        return sandbox().smsclouds().campaigns().stream().flatMap(c -> c.messages().stream())
                .map(SmsCloudsSimulator.Sms::cellphone).toList();
    }

    static List<String> smswayNumbers() {
        return sandbox().smsway().messages().stream().map(SmsWaySimulator.Message::recipient).toList();
    }

    static List<String> webcomNumbers() {
        return sandbox().webcom().accepted().stream().map(WebcomSimulator.Accepted::phone).toList();
    }
}
