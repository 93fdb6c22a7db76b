package io.camelsms.painel;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.HttpReply;
import io.camelsms.core.HttpTransport;
import io.camelsms.core.RetryPolicy;
import io.camelsms.core.SmsConfiguration;
import io.camelsms.core.SecretMasking;
import io.camelsms.core.SmsProviderException;
import io.camelsms.painel.model.PainelApi;
import io.camelsms.painel.model.PainelResponse;
import io.camelsms.painel.model.PainelReturnCode;
import io.camelsms.painel.model.PainelStatusLine;
import io.camelsms.painel.model.PainelStatusText;

/**
 * The wire of every painel action, shared by the producer and the {@code dlr} consumer: one
 * {@code GET {baseUrl}/painel/api.ashx?action=...&lgn=...&pwd=...}, its reply checked, and the once-a-minute slot
 * of getstatus/getbalance. The query string carries the credentials, so it is never logged (the transport logs
 * host and path only) and never quoted in an error.
 */
final class PainelClient {

    /** A URL shorter than this cannot hold even the fixed parameters and one number. */
    static final int MIN_URL_LENGTH = 256;
    /** Time formats seen for getstatus's queued/delivered columns; the manual does not say which the panel uses. */
    private static final List<DateTimeFormatter> STATUS_TIME_FORMATS = List.of(
            DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm:ss"), DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm"),
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss"), DateTimeFormatter.ISO_LOCAL_DATE_TIME);

    private final PainelEndpoint endpoint;
    private final PainelConfiguration configuration;
    private final HttpTransport transport;
    private final RetryPolicy retryPolicy;
    private final String apiUrl;
    private final ZoneId accountZone;
    /** The once-a-minute limiter's key for this account (never printed). */
    private final String rateLimitAccount;
    /** The once-a-minute guard: this JVM's, or the cluster's when the tracking store is shared by nodes. */
    private final PainelRateLimiter rateLimiter;

    /** One getstatus answer: the lines as parsed, one report per line, and the panel's msg. */
    record CampaignStatus(String campaignId, List<PainelStatusLine> lines, List<DeliveryReport> reports, String msg) {
    }

    /** @throws IllegalArgumentException naming the option that is missing or out of range */
    PainelClient(PainelEndpoint endpoint) {
        this.endpoint = endpoint;
        this.configuration = endpoint.getConfiguration();
        SmsConfiguration.requireOption(PainelProducer.PROVIDER, "login", configuration.getLogin());
        SmsConfiguration.requireOption(PainelProducer.PROVIDER, "password", configuration.getPassword());
        String baseUrl = configuration.getBaseUrl();
        if (baseUrl == null || !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
            throw new IllegalArgumentException("painel: baseUrl must start with http:// or https://, was '"
                                               + baseUrl + "'");
        }
        apiUrl = SmsConfiguration.withoutTrailingSlash(baseUrl) + PainelApi.PATH;
        accountZone = ZoneId.of(configuration.getTimeZone());
        if (configuration.getMaxUrlLength() < MIN_URL_LENGTH) {
            throw new IllegalArgumentException("painel: maxUrlLength must be at least " + MIN_URL_LENGTH + ", was "
                                               + configuration.getMaxUrlLength());
        }
        long maxWait = configuration.getRateLimitMaxWait();
        if (maxWait < 0 || maxWait > PainelApi.QUERY_INTERVAL.toMillis()) {
            throw new IllegalArgumentException("painel: rateLimitMaxWait must be 0.."
                                               + PainelApi.QUERY_INTERVAL.toMillis() + " ms, was " + maxWait);
        }
        rateLimitAccount = baseUrl + '\u0000' + configuration.getLogin();
        rateLimiter = PainelRateLimiter.of(configuration.getTrackingStore());
        retryPolicy = configuration.retryPolicy(PainelProducer.PROVIDER);
        transport = configuration.newTransport(PainelProducer.PROVIDER);
    }

    /** One getbalance answer: the amount and the panel's msg. */
    record Balance(BigDecimal amount, String msg) {
    }

    ZoneId accountZone() {
        return accountZone;
    }

    // ---- the once-a-minute slot of getstatus and getbalance ----------------------------------------------------

    private Clock clock() {
        return endpoint.getComponent().clock();
    }

    /** Now on the clock of the once-a-minute guard. */
    Instant now() {
        return clock().instant();
    }

    /** Takes the slot, waiting up to rateLimitMaxWait; else fails with {@link PainelRateLimitException}. */
    void takeQuerySlot(String action) throws InterruptedException {
        rateLimiter.acquire(rateLimitAccount, action, clock(),
                Duration.ofMillis(configuration.getRateLimitMaxWait()));
    }

    /** Takes the slot if it is free now; never waits, never fails. */
    boolean tryTakeQuerySlot(String action) {
        return rateLimiter.tryAcquire(rateLimitAccount, action, clock().instant());
    }

    /** Whether the slot is free now, without taking it. */
    boolean querySlotFree(String action) {
        return rateLimiter.isFree(rateLimitAccount, action, clock().instant());
    }

    /** getstatus/getbalance after the slot was taken: one attempt, no retry (a retry would break the limit). */
    PainelResponse callInSlot(String action, String url) {
        try {
            return call(action, URI.create(url));
        } catch (SmsProviderException e) { // not through the retry policy, which counts the others
            retryPolicy.observer().providerError(e);
            throw e;
        } finally {
            rateLimiter.finished(rateLimitAccount, action, clock().instant());
        }
    }

    /** getstatus of one campaign after its slot was taken. */
    CampaignStatus statusInSlot(String campaignId) {
        PainelResponse response = callInSlot(PainelApi.GETSTATUS, idUrl(PainelApi.GETSTATUS, campaignId));
        List<PainelStatusLine> lines;
        try {
            lines = PainelStatusLine.parseAll(response.dataText());
        } catch (IllegalArgumentException e) {
            throw new SmsProviderException(PainelProducer.PROVIDER, null, "getstatus data is not the documented"
                    + " ;-separated, quoted lines of " + PainelStatusLine.COLUMNS + " fields: " + e.getMessage(),
                    SmsProviderException.Failure.UNKNOWN, 200, e);
        }
        return new CampaignStatus(campaignId, lines, lines.stream().map(line -> report(campaignId, line)).toList(),
                response.msg());
    }

    /** getbalance after its slot was taken. */
    Balance balanceInSlot() {
        PainelResponse response = callInSlot(PainelApi.GETBALANCE, actionUrl(PainelApi.GETBALANCE).toString());
        return new Balance(balanceOf(response), response.msg());
    }

    private static BigDecimal balanceOf(PainelResponse response) {
        if (response.data() != null && response.data().isNumber()) {
            return response.data().decimalValue();
        }
        String text = response.dataText();
        try {
            // a decimal comma, as Brazilian systems write it, is accepted too
            return new BigDecimal(text.strip().replace(',', '.'));
        } catch (RuntimeException e) {
            throw new SmsProviderException(PainelProducer.PROVIDER, null, "getbalance data '" + text
                    + "' is not a number", SmsProviderException.Failure.UNKNOWN, 200, e);
        }
    }

    private DeliveryReport report(String campaignId, PainelStatusLine line) {
        Instant delivered = statusTime(line.deliveredAt());
        Instant statusAt = delivered != null ? delivered : statusTime(line.queuedAt());
        return new DeliveryReport(PainelProducer.PROVIDER, blankToNull(line.messageId()), campaignId,
                PainelNumbers.asRecorded(line.mobile(), configuration.getDefaultRegion()), null,
                PainelStatusText.statusOf(line.status()), PainelStatusText.canonical(line.status()), statusAt,
                line.carrier().isBlank() ? null : "carrier " + line.carrier().strip());
    }

    private Instant statusTime(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        for (DateTimeFormatter format : STATUS_TIME_FORMATS) {
            try {
                return LocalDateTime.parse(raw.strip(), format).atZone(accountZone).toInstant();
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        return null;
    }

    // ---- wire ---------------------------------------------------------------------------------------------------

    StringBuilder actionUrl(String action) {
        StringBuilder url = new StringBuilder(apiUrl).append('?').append(PainelApi.ACTION).append('=').append(action);
        param(url, PainelApi.LOGIN, encode(configuration.getLogin()));
        param(url, PainelApi.PASSWORD, encode(configuration.getPassword()));
        return url;
    }

    String idUrl(String action, String id) {
        return param(actionUrl(action), PainelApi.ID, id).toString();
    }

    static StringBuilder param(StringBuilder url, String name, String encodedValue) {
        return url.append('&').append(name).append('=').append(encodedValue);
    }

    /** Percent-encoding with spaces as {@code %20}, as the manual writes them ({@code Feliz%20Natal}). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** sendsms, holdsms, releasesms: retried only when surely not acted on (e.g. connection refused). */
    PainelResponse callWithRetries(String action, String what, URI uri) throws Exception {
        return retryPolicy.call(what, () -> call(action, uri));
    }

    private PainelResponse call(String action, URI uri) {
        return check(transport.get(action, uri, Map.of()));
    }

    private PainelResponse check(HttpReply reply) {
        if (!reply.isSuccess()) {
            throw unexpected(reply, "HTTP " + reply.status());
        }
        String text = reply.text().strip();
        if (text.equals(PainelApi.INVALID_OPERATION_TEXT)) {
            throw new SmsProviderException(PainelProducer.PROVIDER, PainelReturnCode.INVALID_OPERATION.code(),
                    PainelReturnCode.INVALID_OPERATION.meaning(), PainelReturnCode.INVALID_OPERATION.failure(),
                    reply.status());
        }
        if (!text.startsWith("{")) {
            throw unexpected(reply, "not the documented JSON");
        }
        PainelResponse response;
        try {
            response = reply.json(PainelResponse.class);
        } catch (SmsProviderException e) {
            throw unexpected(reply, "not the documented JSON");
        }
        if (!response.succeeded()) {
            String msg = response.msg() == null || response.msg().isBlank() ? "(no msg)" : response.msg();
            throw new SmsProviderException(PainelProducer.PROVIDER, String.valueOf(response.status()),
                    PainelReturnCode.REFUSED.meaning() + ": " + withoutCredentials(msg),
                    PainelReturnCode.REFUSED.failure(), reply.status());
        }
        return response;
    }

    /** Like {@link HttpReply#unexpected}, but never quotes a body that echoes the credentials or webhook secret. */
    private SmsProviderException unexpected(HttpReply reply, String what) {
        String body = reply.text();
        if (!withoutCredentials(body).equals(body)) {
            return new SmsProviderException(PainelProducer.PROVIDER, null, "unexpected reply, " + what
                    + " (body not shown: it repeats the credentials)", HttpReply.failureOf(reply.status()),
                    reply.status());
        }
        return reply.unexpected(what, null);
    }

    /**
     * The text with the login, the password and the webhook secrets masked: the panel echoes the request (its
     * {@code url_callback} carries the webhook secret) in some errors.
     */
    private String withoutCredentials(String text) {
        return SecretMasking.mask(text, configuration.getLogin(), configuration.getPassword(),
                configuration.getWebhookSecret(), configuration.getWebhookPreviousSecret());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
