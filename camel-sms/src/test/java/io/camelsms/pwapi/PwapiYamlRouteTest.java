package io.camelsms.pwapi;

import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PwapiYamlRouteTest extends PwapiTestSupport {

    @Test
    void aYamlRouteUsingPwapiSendLoadsAndSends() throws Exception {
        String yaml = """
                - route:
                    id: yaml-pwapi
                    from:
                      uri: direct:notify
                      steps:
                        - setHeader:
                            name: CamelSmsRecipient
                            simple: "${header.phone}"
                        - to:
                            uri: pwapi:send
                            parameters:
                              defaultRegion: BR
                              sendProject: S
                """;
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("notify.yaml", yaml));

        template.sendBodyAndHeader("direct:notify", "Your code is 1234", "phone", "(21) 98888-7777");

        assertEquals(1, pwapi().acceptedCount());
        assertEquals("55(21)988887777", pwapi().accepted().get(0).mobile());
        assertEquals("S", pwapi().accepted().get(0).sendProject());
        assertEquals("Your code is 1234", pwapi().accepted().get(0).message());
    }

    @Test
    void aYamlRouteBuildsTheMessageFromJsonWithTheTypeConverter() throws Exception {
        String yaml = """
                - route:
                    id: yaml-json-pwapi
                    from:
                      uri: direct:json
                      steps:
                        - unmarshal:
                            json: {}
                        - convertBodyTo:
                            type: io.camelsms.core.SmsMessage
                        - to:
                            uri: pwapi:send
                            parameters:
                              defaultRegion: BR
                """;
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("json.yaml", yaml));

        template.sendBody("direct:json", "{\"phone\": \"+55 21 98888-7777\", \"text\": \"Hi\", \"external_id\": \"order-7\"}");

        assertEquals(1, pwapi().acceptedCount());
        assertEquals("55(21)988887777", pwapi().accepted().get(0).mobile());
        assertEquals("Hi", pwapi().accepted().get(0).message());
    }
}
