package io.camelsms.observability;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.DeliveryStatus;
import io.camelsms.core.InboundMessage;
import io.camelsms.core.RecipientResult;
import io.camelsms.core.SmsProviderException;
import io.camelsms.tracking.TrackingStore;

/**
 * The {@link SmsObserver} of one provider account, what the send path, the HTTP transport, retries, trackers and
 * consumers call: one call per event, nothing computed when nothing listens.
 */
public final class AccountObserver {

    /** Tells nobody. */
    public static final AccountObserver NONE = new AccountObserver(SmsObserver.NONE, "none", "none");

    private final SmsObserver observer;
    private final String provider;
    private final String account;

    public AccountObserver(SmsObserver observer, String provider, String account) {
        this.observer = observer;
        this.provider = provider;
        this.account = account;
    }

    /** Whether anything listens. */
    public boolean listening() {
        return observer != SmsObserver.NONE;
    }

    public void sent(List<RecipientResult> results, RejectReason[] reasons, int batches) {
        if (listening()) {
            observer.sent(provider, account, SendSummary.of(results, reasons, batches));
        }
    }

    public void retried() {
        observer.retried(provider, account);
    }

    public void providerError(SmsProviderException e) {
        if (listening()) {
            observer.providerError(provider, account, errorCode(e));
        }
    }

    public void providerCall(String operation, long nanos) {
        observer.providerCall(provider, account, operation, nanos);
    }

    /** An event a consumer routed: a delivery report or a reply is counted, anything else (a keyword call) not. */
    public void routed(Object event) {
        if (event instanceof DeliveryReport report) {
            observer.deliveryReport(provider, account, report.status());
        } else if (event instanceof InboundMessage) {
            observer.replyReceived(provider, account);
        }
    }

    public void becameFinal(DeliveryStatus status, Duration sinceAccepted) {
        observer.becameFinal(provider, account, status, sinceAccepted.isNegative() ? Duration.ZERO : sinceAccepted);
    }

    public void webhookRefused(int status) {
        observer.webhookRefused(provider, account, status);
    }

    public void circuitBreaker(Supplier<String> state) {
        observer.circuitBreaker(provider, account, state);
    }

    public void tracking(TrackingStore store) {
        if (store != null) {
            observer.tracking(provider, account, store);
        }
    }

    /**
     * The {@code code} tag of a failure: the provider's documented code, else the HTTP status, else what the I/O
     * failure means ({@code refused_try_later}, {@code unknown}). Bounded: never a message text.
     */
    static String errorCode(SmsProviderException e) {
        if (e.getProviderCode() != null && e.getProviderCode().matches("[A-Za-z0-9_.-]{1,32}")) {
            return e.getProviderCode();
        }
        if (e.getHttpStatus() > 0) {
            return "http_" + e.getHttpStatus();
        }
        return e.getFailure().name().toLowerCase(java.util.Locale.ROOT);
    }
}
