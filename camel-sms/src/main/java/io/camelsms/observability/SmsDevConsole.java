package io.camelsms.observability;

import java.time.Instant;
import java.util.Map;

import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

import io.camelsms.sandbox.Sandbox;
import io.camelsms.tracking.TrackingStore.OpenMessages;

/**
 * The {@code sms} dev console (Camel's console SPI: camel-main's {@code /q/dev/sms}, Camel JBang's
 * {@code camel get}): per provider account the messages sent, rejected (by reason class) and unknown, segments,
 * batches, retries, provider errors by code, delivery reports by status, replies, refused webhook calls and the
 * open messages; the last errors; the sandbox when one runs in the context. Works without Micrometer: the counts
 * are the context's {@link SmsStats}. Accounts are tracking labels; no credential is ever shown.
 */
@DevConsole(group = "camel", name = "sms", displayName = "SMS",
            description = "camel-sms: sends, reports, replies and errors per provider account")
public class SmsDevConsole extends AbstractDevConsole {

    public SmsDevConsole() {
        super("camel", "sms", "SMS", "camel-sms: sends, reports, replies and errors per provider account");
    }

    private SmsObservability observability() {
        return SmsObservability.of(getCamelContext());
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder text = new StringBuilder();
        SmsObservability observability = observability();
        text.append("camel-sms (metrics ").append(observability.recordsMetrics() ? "on Micrometer" : "off")
                .append(")\n");
        Map<SmsStats.AccountKey, SmsStats.AccountStats> accounts = observability.stats().accounts();
        if (accounts.isEmpty()) {
            text.append("\nNo send, report or reply yet.\n");
        }
        accounts.forEach((key, stats) -> {
            text.append('\n').append(key.provider()).append(" (account ").append(key.account()).append(")\n");
            text.append("    messages: accepted ").append(stats.accepted())
                    .append(", accepted earlier ").append(stats.acceptedEarlier())
                    .append(", rejected ").append(total(stats.rejected())).append(' ').append(stats.rejected())
                    .append(", unknown ").append(total(stats.unknown())).append(' ').append(stats.unknown()).append('\n');
            text.append("    segments ").append(stats.segments()).append(", batches ").append(stats.batches())
                    .append(", retries ").append(stats.retries()).append(", provider errors ")
                    .append(stats.providerErrors()).append('\n');
            text.append("    delivery reports ").append(stats.reports()).append(", replies ").append(stats.replies())
                    .append(", webhook calls refused ").append(stats.webhookRefused()).append('\n');
            if (stats.circuitBreaker() != null) {
                text.append("    sms: router circuit breaker ").append(stats.circuitBreaker()).append('\n');
            }
            if (stats.open() != null) {
                OpenMessages open = stats.open().current();
                text.append("    open messages ").append(open.count());
                if (open.oldestAccepted() != null) {
                    text.append(", oldest accepted ").append(open.oldestAccepted());
                }
                text.append('\n');
            }
        });
        if (!observability.stats().lastErrors().isEmpty()) {
            text.append("\nLast errors, newest first:\n");
            observability.stats().lastErrors().forEach(error -> text.append("    ").append(error.at()).append(' ')
                    .append(error.provider()).append(' ').append(error.account()).append(": ").append(error.kind())
                    .append(' ').append(error.code()).append('\n'));
        }
        Sandbox.State sandbox = sandboxState();
        if (sandbox != null) {
            text.append("\nSandbox at ").append(sandbox.baseUrl()).append(", sandbox time ").append(sandbox.clock())
                    .append(sandbox.autopilot() ? " (autopilot)" : "").append(", requests ")
                    .append(sandbox.requests()).append('\n');
        }
        return text.toString();
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        SmsObservability observability = observability();
        JsonObject root = new JsonObject();
        root.put("metrics", observability.recordsMetrics());
        JsonArray accounts = new JsonArray();
        observability.stats().accounts().forEach((key, stats) -> {
            JsonObject account = new JsonObject();
            account.put("provider", key.provider());
            account.put("account", key.account());
            account.put("accepted", stats.accepted());
            account.put("acceptedEarlier", stats.acceptedEarlier());
            account.put("rejected", new JsonObject(stats.rejected()));
            account.put("unknown", new JsonObject(stats.unknown()));
            account.put("segments", stats.segments());
            account.put("batches", stats.batches());
            account.put("retries", stats.retries());
            account.put("providerErrors", new JsonObject(stats.providerErrors()));
            account.put("deliveryReports", new JsonObject(stats.reports()));
            account.put("replies", stats.replies());
            account.put("webhookRefused", new JsonObject(stats.webhookRefused()));
            if (stats.circuitBreaker() != null) {
                account.put("circuitBreaker", stats.circuitBreaker());
            }
            if (stats.open() != null) {
                OpenMessages open = stats.open().current();
                JsonObject openJson = new JsonObject();
                openJson.put("count", open.count());
                openJson.put("oldestAccepted", text(open.oldestAccepted()));
                account.put("open", openJson);
            }
            accounts.add(account);
        });
        root.put("accounts", accounts);
        JsonArray errors = new JsonArray();
        observability.stats().lastErrors().forEach(error -> {
            JsonObject json = new JsonObject();
            json.put("at", text(error.at()));
            json.put("provider", error.provider());
            json.put("account", error.account());
            json.put("kind", error.kind());
            json.put("code", error.code());
            errors.add(json);
        });
        root.put("lastErrors", errors);
        Sandbox.State sandbox = sandboxState();
        if (sandbox != null) {
            JsonObject json = new JsonObject();
            json.put("baseUrl", sandbox.baseUrl());
            json.put("clock", text(sandbox.clock()));
            json.put("autopilot", sandbox.autopilot());
            json.put("requests", new JsonObject(sandbox.requests()));
            root.put("sandbox", json);
        }
        return root;
    }

    /** The state of the sandbox bound in the context's registry, or null when none is. */
    private Sandbox.State sandboxState() {
        var sandboxes = getCamelContext().getRegistry().findByType(Sandbox.class);
        return sandboxes.isEmpty() ? null : sandboxes.iterator().next().state();
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
