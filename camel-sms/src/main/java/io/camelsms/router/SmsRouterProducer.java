package io.camelsms.router;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelsms.core.OutgoingMessages;
import io.camelsms.core.Phone;
import io.camelsms.core.PhoneNumbers;
import io.camelsms.core.RecipientResult;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsConfiguration;
import io.camelsms.core.SmsMessage;
import io.camelsms.core.SmsProviderException;
import io.camelsms.core.SmsValidationException;
import io.camelsms.observability.AccountHealthEndpoint;
import io.camelsms.tracking.TrackingStore;

/**
 * {@code sms:send}: routes each message by its number, sends each group through the {@code <scheme>:send} producers
 * of its rule's providers (which validate, batch, retry and track as they always do), and answers one
 * {@link SendResult} in the body's order with the provider of each message.
 * <p>
 * A group's messages that a provider surely did not act on ({@link RecipientResult#refusedByProvider()}: connection
 * refused, a documented refusal) go to the next provider of the rule, and so do all of them while its circuit breaker
 * is open. Messages whose outcome is unknown (the provider may have acted) stay with it: they are reported, never
 * sent to another provider. With tracking stores, an external id a provider already accepted, or may have, is sent
 * to that provider only (which reports it accepted earlier, or unknown, without sending it again).
 */
public class SmsRouterProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(SmsRouterProducer.class);
    static final String SCHEME = "sms";

    private final SmsRouterEndpoint endpoint;
    private final SmsRouterConfiguration configuration;
    private RoutingRules rules;
    /** Each provider the rules name, in the order they first appear. */
    private final Map<String, ProviderRoute> providers = new LinkedHashMap<>();

    /** One provider the router sends through: its producer, its tracking store and account, its breaker. */
    private record ProviderRoute(String name, Producer producer, TrackingStore store, CircuitBreaker breaker) {
    }

    /** A routable message: its place in the body, the message with its number in E.164, its providers in order. */
    private record Routed(int index, SmsMessage message, List<String> providers) {
    }

    public SmsRouterProducer(SmsRouterEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.configuration = endpoint.getConfiguration();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        rules = endpoint.routingRules();
        for (String name : rules.providers()) {
            Endpoint target;
            try {
                target = getEndpoint().getCamelContext().getEndpoint(name + ":send");
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("sms: the rules send to '" + name + "', but " + name
                        + ":send cannot be created (" + e.getMessage() + ")", e);
            }
            Producer producer = target.createProducer();
            ServiceHelper.startService(producer);
            SmsConfiguration options = target instanceof AccountHealthEndpoint account
                    ? account.getConfiguration() : null;
            String account = options == null ? SmsConfiguration.DEFAULT_ACCOUNT : options.trackingAccount();
            CircuitBreaker breaker = configuration.isCircuitBreakerEnabled()
                    ? endpoint.getComponent().circuitBreaker(name, account, configuration) : null;
            providers.put(name, new ProviderRoute(name, producer,
                    options == null ? null : options.activeTrackingStore(), breaker));
        }
    }

    @Override
    protected void doStop() throws Exception {
        providers.values().forEach(route -> ServiceHelper.stopService(route.producer()));
        providers.clear();
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        List<SmsMessage> messages = OutgoingMessages.from(exchange);
        RecipientResult[] results = new RecipientResult[messages.size()];
        List<Routed> routed = route(messages, exchange.getMessage().getHeader(SmsRouterHeaders.FORCE_PROVIDER,
                String.class), results);
        Map<List<String>, List<Routed>> groups = new LinkedHashMap<>();
        for (Routed message : pinnedToEarlierProvider(routed)) {
            groups.computeIfAbsent(message.providers(), providers -> new ArrayList<>()).add(message);
        }
        List<String> batchIds = new ArrayList<>();
        List<String> failovers = new ArrayList<>();
        SmsProviderException lastRefusal = null;
        for (Map.Entry<List<String>, List<Routed>> group : groups.entrySet()) {
            SmsProviderException refusal = sendGroup(group.getKey(), group.getValue(), exchange, results, batchIds,
                    failovers);
            lastRefusal = refusal != null ? refusal : lastRefusal;
        }
        Map<String, Object> details = failovers.isEmpty() ? null : Map.of("failovers", failovers);
        SendResult result = new SendResult(SCHEME, batchIds, Arrays.asList(results), details);
        if (result.recipients().stream().anyMatch(Objects::isNull)) {
            throw new IllegalStateException("sms: a message of the send has no outcome"); // a bug, never a send twice
        }
        throwWhenEveryMessageWasRefused(result, lastRefusal);
        OutgoingMessages.setResult(exchange, result);
    }

    /**
     * Finds each message's providers: the forced one, or its rule's; rejects (into {@code results}) numbers that
     * cannot be parsed, that no rule sends anywhere, and second uses of an external id within the send.
     */
    private List<Routed> route(List<SmsMessage> messages, String forced, RecipientResult[] results) {
        List<Routed> routed = new ArrayList<>(messages.size());
        Map<String, Integer> firstUse = new HashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            SmsMessage message = messages.get(i);
            Phone phone;
            try {
                phone = PhoneNumbers.parse(message.recipient(), configuration.getDefaultRegion());
            } catch (PhoneNumbers.InvalidPhoneNumberException e) {
                results[i] = rejected(i, message, message.recipient(), e.getMessage());
                continue;
            }
            Integer earlier = message.externalId() == null ? null : firstUse.putIfAbsent(message.externalId(), i);
            if (earlier != null) {
                results[i] = rejected(i, message, phone.e164(), "external id '" + message.externalId()
                        + "' is also message " + earlier + " of this send; an external id names one message");
                continue;
            }
            List<String> chain;
            if (forced != null) {
                if (!providers.containsKey(forced)) {
                    results[i] = rejected(i, message, phone.e164(), "header " + SmsRouterHeaders.FORCE_PROVIDER
                            + " names '" + forced + "', which no routing rule uses (" + providers.keySet() + ")");
                    continue;
                }
                chain = List.of(forced);
            } else {
                RoutingRules.Rule rule = rules.match(phone).orElse(null);
                if (rule == null || rule.rejects()) {
                    results[i] = rejected(i, message, phone.e164(), (rule == null
                            ? "no routing rule matches " : "routing rule '" + rule.text() + "' rejects ")
                            + phone.e164() + " (region " + PhoneNumbers.regionOf(phone) + "); not sent");
                    continue;
                }
                chain = rule.providers();
            }
            routed.add(new Routed(i, message.toBuilder().recipient(phone.e164()).build(), chain));
        }
        return routed;
    }

    private static RecipientResult rejected(int index, SmsMessage message, String recipient, String reason) {
        return RecipientResult.rejected(index, recipient, message.externalId(), reason, null);
    }

    /**
     * With tracking stores: a message whose external id a provider accepted earlier, or may have (unknown outcome,
     * in flight), goes to that provider only, whatever its rule says now, so no id reaches a second provider. That
     * provider's own check then reports it accepted earlier, in conflict, or unknown, without sending it.
     */
    private List<Routed> pinnedToEarlierProvider(List<Routed> routed) {
        List<String> ids = routed.stream().map(r -> r.message().externalId()).filter(Objects::nonNull).toList();
        if (ids.isEmpty()) {
            return routed;
        }
        Map<String, String> earlierProvider = new HashMap<>();
        for (ProviderRoute provider : providers.values()) {
            if (provider.store() != null) {
                provider.store().earlierContent(provider.name(), ids).keySet()
                        .forEach(id -> earlierProvider.putIfAbsent(id, provider.name()));
                provider.store().unknownExternalIds(provider.name(), ids).keySet()
                        .forEach(id -> earlierProvider.putIfAbsent(id, provider.name()));
            }
        }
        if (earlierProvider.isEmpty()) {
            return routed;
        }
        List<Routed> pinned = new ArrayList<>(routed.size());
        for (Routed message : routed) {
            String provider = message.message().externalId() == null ? null
                    : earlierProvider.get(message.message().externalId());
            pinned.add(provider == null ? message : new Routed(message.index(), message.message(), List.of(provider)));
        }
        LOG.info("sms: {} messages carry external ids a provider already took (or may have); each goes to that"
                 + " provider only", earlierProvider.size());
        return pinned;
    }

    /**
     * Sends one group through its providers in order: what one surely did not act on goes to the next; the last
     * one's answer stands. Returns the last provider refusal seen (null when none).
     */
    private SmsProviderException sendGroup(List<String> chain, List<Routed> group, Exchange exchange,
                                           RecipientResult[] results, List<String> batchIds, List<String> failovers) {
        List<Routed> pending = group;
        Map<Integer, String> earlierRefusals = new HashMap<>();
        SmsProviderException lastRefusal = null;
        for (int step = 0; step < chain.size() && !pending.isEmpty(); step++) {
            ProviderRoute provider = providers.get(chain.get(step));
            boolean last = step == chain.size() - 1;
            List<Routed> refused = new ArrayList<>();
            if (provider.breaker() != null && !provider.breaker().tryAcquirePermission()) {
                for (Routed message : pending) {
                    RecipientResult notSent = rejected(message.index(), message.message(),
                            message.message().recipient(), provider.name() + ": not tried, its circuit breaker is open")
                            .withFailure(SmsProviderException.Failure.REFUSED_TRY_LATER);
                    settle(message, notSent, provider.name(), last, refused, earlierRefusals, results);
                }
            } else {
                ProviderAnswer answer = send(provider, pending, exchange);
                lastRefusal = answer.refusal() != null ? answer.refusal() : lastRefusal;
                batchIds.addAll(answer.result().batchIds());
                for (RecipientResult r : answer.result().recipients()) {
                    settle(pending.get(r.index()), r, provider.name(), last, refused, earlierRefusals, results);
                }
            }
            if (!refused.isEmpty()) {
                String next = chain.get(step + 1);
                String summary = provider.name() + " -> " + next + ": " + refused.size() + " messages ("
                                 + earlierRefusals.get(refused.get(0).index()) + ")";
                failovers.add(summary);
                LOG.warn("sms: failing over {}", summary);
            }
            pending = refused;
        }
        return lastRefusal;
    }

    /**
     * Files one message's answer from a provider: refused (nothing sent) and not the last provider, it goes on to the
     * next with the refusal remembered; otherwise it is the message's outcome, the earlier refusals in its reason.
     */
    private static void settle(Routed message, RecipientResult answer, String provider, boolean last,
                               List<Routed> refused, Map<Integer, String> earlierRefusals, RecipientResult[] results) {
        String before = earlierRefusals.get(message.index());
        if (answer.refusedByProvider() && !last) {
            refused.add(message);
            String reason = answer.reason().startsWith(provider + ":") ? answer.reason()
                    : provider + ": " + answer.reason();
            earlierRefusals.put(message.index(), before == null ? reason : before + "; " + reason);
            return;
        }
        RecipientResult outcome = answer.routed(message.index(), provider);
        if (before != null && outcome.reason() != null) {
            outcome = outcome.withReason(before + "; then " + outcome.reason());
        }
        results[message.index()] = outcome;
    }

    /** What a provider answered a send: one result per message sent to it, and its refusal if it threw one. */
    private record ProviderAnswer(SendResult result, SmsProviderException refusal) {
    }

    /** One send of {@code batch} through the provider's own producer, and its breaker told how it went. */
    private ProviderAnswer send(ProviderRoute provider, List<Routed> batch, Exchange exchange) {
        Exchange call = exchange.copy();
        call.setException(null);
        Message in = call.getMessage();
        in.removeHeader(SmsRouterHeaders.FORCE_PROVIDER);
        in.setBody(batch.stream().map(Routed::message).toList());
        long started = System.nanoTime();
        try {
            provider.producer().process(call);
        } catch (Exception e) {
            call.setException(e);
        }
        ProviderAnswer answer = answerOf(provider.name(), batch, call);
        recordOnBreaker(provider.breaker(), answer.result(), System.nanoTime() - started);
        return answer;
    }

    private static ProviderAnswer answerOf(String provider, List<Routed> batch, Exchange call) {
        Exception failure = call.getException();
        if (failure == null) {
            return new ProviderAnswer(Objects.requireNonNull(call.getMessage().getBody(SendResult.class),
                    () -> provider + ":send answered no SendResult"), null);
        }
        if (failure instanceof SmsProviderException refusal && refusal.getSendResult() != null) {
            return new ProviderAnswer(refusal.getSendResult(), refusal);
        }
        // every message invalid for this provider: nothing left; anything else may have come after a request
        boolean nothingSent = failure instanceof SmsValidationException;
        if (!nothingSent) {
            LOG.warn("sms: {} failed unexpectedly; its messages are reported as unknown, not sent elsewhere: {}",
                     provider, failure.getMessage());
            LOG.debug("sms: the failure of {}", provider, failure);
        }
        List<RecipientResult> results = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            SmsMessage message = batch.get(i).message();
            String reason = failure.getMessage().startsWith(provider + ":") ? failure.getMessage()
                    : provider + ": " + failure.getMessage();
            results.add(nothingSent
                    ? RecipientResult.rejected(i, message.recipient(), message.externalId(), reason, null)
                    : RecipientResult.unknown(i, message.recipient(), message.externalId(), reason
                            + " [outcome unknown: the provider may have acted]", null)
                            .withFailure(SmsProviderException.Failure.UNKNOWN));
        }
        return new ProviderAnswer(new SendResult(provider, null, results, null), null);
    }

    /**
     * A send counts against the provider when nothing was accepted and a request failed for now or without an answer;
     * a documented refusal is an answer (the provider is up); a send that made no request leaves the breaker alone.
     */
    private static void recordOnBreaker(CircuitBreaker breaker, SendResult result, long nanos) {
        if (breaker == null) {
            return;
        }
        boolean accepted = result.recipients().stream().anyMatch(RecipientResult::accepted);
        boolean unavailable = result.recipients().stream().anyMatch(r -> r.failure() != null
                && r.failure() != SmsProviderException.Failure.REFUSED);
        boolean answered = result.recipients().stream().anyMatch(r -> r.failure() != null);
        if (accepted || answered && !unavailable) {
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        } else if (unavailable) {
            breaker.onError(nanos, TimeUnit.NANOSECONDS, new ProviderUnavailableException(result.provider()));
        } else {
            breaker.releasePermission();
        }
    }

    /** What the breaker records for a failed send (the messages' reasons say the rest). */
    private static final class ProviderUnavailableException extends RuntimeException {
        ProviderUnavailableException(String provider) {
            super(provider + " refused for now or did not answer", null, false, false);
        }
    }

    /**
     * Like every camel-sms producer, the send throws only when nothing may have been sent and something was refused
     * by a provider (so a redelivery cannot send twice); the exception carries the whole result.
     */
    private static void throwWhenEveryMessageWasRefused(SendResult result, SmsProviderException lastRefusal) {
        boolean anyTaken = result.recipients().stream().anyMatch(r -> r.outcome() != RecipientResult.Outcome.REJECTED);
        RecipientResult firstRefused = result.recipients().stream().filter(RecipientResult::refusedByProvider)
                .findFirst().orElse(null);
        if (anyTaken || firstRefused == null) {
            return;
        }
        SmsProviderException.Failure failure = lastRefusal != null ? lastRefusal.getFailure()
                : SmsProviderException.Failure.REFUSED_TRY_LATER;
        SmsProviderException refusal = new SmsProviderException(SCHEME, null,
                "no provider took any message; first: " + firstRefused.reason(), failure, 0, lastRefusal);
        refusal.attachSendResult(result);
        throw refusal;
    }
}
