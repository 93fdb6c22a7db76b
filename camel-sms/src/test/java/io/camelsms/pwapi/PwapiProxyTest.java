package io.camelsms.pwapi;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.camelsms.core.SendResult;
import io.camelsms.core.SmsMessage;
import io.camelsms.testing.CountingProxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A JSON POST through a counting proxy on loopback, the proxy set on the component: once, body and all. */
class PwapiProxyTest extends PwapiTestSupport {

    @Test
    void aPostGoesThroughTheComponentsProxyOnceWithItsBody() throws Exception {
        try (CountingProxy proxy = new CountingProxy("u", "p")) {
            PwapiComponent component = context.getComponent("pwapi", PwapiComponent.class);
            component.getConfiguration().setProxyHost("127.0.0.1");
            component.getConfiguration().setProxyPort(proxy.port());
            component.getConfiguration().setProxyUsername("u");
            component.getConfiguration().setProxyPassword("p");

            SendResult result = template.requestBody("pwapi:send",
                    SmsMessage.to("+5531999999999").text("via proxy").build(), SendResult.class);

            assertEquals(1, result.acceptedCount());
            List<String> heads = proxy.heads();
            assertEquals(1, heads.size(), heads.toString());
            assertEquals(1, proxy.forwarded());
            assertTrue(heads.get(0).startsWith("POST " + SANDBOX.sandbox().baseUrl() + "/sms/v_4_00/postsms.aspx"
                                               + " HTTP/1.1"), heads.get(0));
            assertFalse(heads.get(0).toLowerCase().contains("upgrade"), heads.get(0));
            assertEquals(1, pwapi().acceptedCount());
            assertEquals("via proxy", pwapi().accepted().get(0).message());
        }
    }
}
