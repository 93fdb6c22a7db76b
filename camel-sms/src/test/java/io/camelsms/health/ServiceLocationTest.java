package io.camelsms.health;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.EndpointServiceRegistry;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every component tells Camel's endpoint service registry (the {@code service} console, JMX) where it talks: the
 * provider's base URL without the user info or query a user may have written into it, and no credential anywhere.
 */
class ServiceLocationTest {

    private static final String SECRET = "S3cret-Qw7";
    private static final String USER = "someone-Lg4";
    private static final String URL_SECRET = "Url-S3cret-Pz2";
    /** A base URL that carries credentials the way a careless configuration might. */
    private static final String BASE = "http://" + USER + ":" + URL_SECRET + "@127.0.0.1:9/gw?key=" + URL_SECRET;

    private final CamelContext context = new DefaultCamelContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void eachComponentShowsItsProviderUrlWithoutCredentials() throws Exception {
        String base = "baseUrl=RAW(" + BASE + ")";
        List<String> uris = List.of(
                "pwapi:send?credential=" + SECRET + "&token=" + SECRET + "&" + base,
                "webcom:send?login=" + USER + "&password=" + SECRET + "&" + base,
                "painel:balance?login=" + USER + "&password=" + SECRET + "&" + base,
                "smsway:userinfo?tokenapi=" + SECRET + "&" + base,
                "smsclouds:send?token=" + SECRET + "&" + base);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (int i = 0; i < uris.size(); i++) {
                    from("direct:in" + i).to(uris.get(i));
                }
            }
        });
        context.start();

        Map<String, EndpointServiceRegistry.EndpointService> byComponent = new TreeMap<>();
        context.getCamelContextExtension().getEndpointServiceRegistry().listAllEndpointServices()
                .forEach(service -> byComponent.put(service.getComponent(), service));

        assertEquals(List.of("painel", "pwapi", "smsclouds", "smsway", "webcom"), List.copyOf(byComponent.keySet()));
        byComponent.forEach((component, service) -> {
            assertEquals("http://127.0.0.1:9/gw", service.getServiceUrl(), component);
            assertEquals("http", service.getServiceProtocol(), component);
            assertEquals(component, service.getServiceMetadata().get("provider"));
            String shown = service.getServiceUrl() + " " + service.getServiceMetadata();
            for (String secret : List.of(SECRET, USER, URL_SECRET)) {
                assertFalse(shown.contains(secret), () -> component + " shows a credential: " + shown);
            }
            // the endpoint URI as the service console prints it: Camel masks the credential options
            String printed = URISupport.sanitizeUri(service.getEndpointUri());
            assertFalse(printed.contains(SECRET), () -> component + " prints a credential: " + printed);
        });
    }
}
