package io.camelsms.router;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import io.camelsms.core.InboundMessage;
import io.camelsms.core.SmsHeaders;
import io.camelsms.core.SmsMessage;
import io.camelsms.sandbox.SmsCloudsSimulator;
import io.camelsms.sandbox.WebhookPush;
import io.camelsms.smsclouds.SmscloudsComponent;
import io.camelsms.testing.PlatformHttp;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** sms:inbound: the replies pushed by the providers the rules use, through each one's own webhook consumer. */
class SmsRouterInboundTest extends RouterTestSupport {

    private static final String SECRET = "mo-s3cret";
    private String baseUrl;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        baseUrl = PlatformHttp.addServer(context);
        context.getComponent("smsclouds", SmscloudsComponent.class).getConfiguration().setWebhookSecret(SECRET);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("sms:inbound").routeId("replies").to("mock:replies");
            }
        };
    }

    @Test
    void aReplyPushedBySmscloudsArrivesOnTheMergedStreamWithItsProvider() throws Exception {
        sandbox().smsclouds().moWebhook(baseUrl + "/sms/smsclouds/inbound/" + SECRET);
        sandbox().clock().freeze();
        template.requestBody("sms:send", SmsMessage.to("+524498987282").text("Responde SI").build());
        sandbox().clock().advance(SmsCloudsSimulator.INSERTING_FOR.plus(SmsCloudsSimulator.SENDING_FOR));
        MockEndpoint replies = getMockEndpoint("mock:replies");
        replies.expectedMessageCount(1);

        WebhookPush.Answer answer = sandbox().smsclouds().mo("4498987282", "Si");

        assertEquals(200, answer.status());
        replies.assertIsSatisfied();
        InboundMessage reply = replies.getExchanges().get(0).getMessage().getBody(InboundMessage.class);
        assertEquals("smsclouds", reply.provider());
        assertEquals("Si", reply.text());
        assertEquals("smsclouds", replies.getExchanges().get(0).getMessage().getHeader(SmsHeaders.PROVIDER));
    }
}
