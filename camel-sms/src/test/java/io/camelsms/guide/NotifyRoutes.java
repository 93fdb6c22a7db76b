package io.camelsms.guide;

import org.apache.camel.builder.RouteBuilder;

/** The Java route of docs/use-in-your-app.md, exactly as the page shows it. */
public class NotifyRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("direct:notify")
            .setHeader("CamelSmsRecipient", header("phone"))
            .to("painel:send?defaultRegion=BR")
            .log("${header.CamelSmsAcceptedCount} accepted in campaign ${header.CamelSmsCampaignId}");

        from("painel:dlr?delay=60000")
            .log("${body.externalId} to ${body.recipient} is ${body.status}");
    }
}
