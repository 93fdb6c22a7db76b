package io.camelsms.testing;

import java.util.Date;
import java.util.function.BiConsumer;

import org.apache.camel.builder.RouteBuilder;

/**
 * A route firing every second on the quartz component's scheduler, telling which scheduled firing ran. Outside the
 * app's package, so camel-main's scan of io.camelsms.app does not pick it up as one of the app's routes.
 */
public final class QuartzHeartbeat {

    private QuartzHeartbeat() {
    }

    /** {@code firing} gets the node's name and the firing's scheduled time (ms). */
    public static RouteBuilder route(String node, BiConsumer<String, Long> firing) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("quartz:camel-sms/heartbeat?cron=0/1+*+*+*+*+?").process(e -> firing.accept(node,
                        e.getMessage().getHeader("scheduledFireTime", Date.class).getTime()));
            }
        };
    }
}
