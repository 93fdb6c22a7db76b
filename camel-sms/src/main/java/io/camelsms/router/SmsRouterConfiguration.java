package io.camelsms.router;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/** Options of {@code sms:} endpoints; set on the component to apply to every endpoint. */
@UriParams
public class SmsRouterConfiguration implements Cloneable {

    @UriPath(description = "The operation to perform.")
    @Metadata(required = true)
    private SmsRouterOperation operation;
    @UriParam(label = "common", description = "The routing table: rules separated by ';' or new lines, each 'matchers: providers'."
            + " Matchers: ISO 3166 regions of the number (BR, MX), number prefixes in E.164 with the plus sign, or"
            + " default. Providers: schemes in failover order (painel, pwapi), or reject. E.g. 'BR: painel, pwapi; MX, US: smsclouds;"
            + " IT: smsway; RU, KZ, BY: webcom; default: reject'. The first matching rule wins; a number no rule"
            + " matches is rejected with the reason.")
    @Metadata(required = true)
    private String rules;
    @UriParam(label = "producer", description = "Region (ISO 3166, e.g. BR) for numbers written without a leading plus"
            + " and country code. Empty: such numbers are rejected. Messages go to the provider in E.164.")
    private String defaultRegion;
    @UriParam(label = "producer,circuitbreaker", defaultValue = "true", description = "Keep a circuit breaker per"
            + " provider account: while it is open the provider is skipped (its batches go to the next provider of"
            + " the rule, or are rejected as not sent).")
    private boolean circuitBreakerEnabled = true;
    @UriParam(label = "producer,circuitbreaker", defaultValue = "50", description = "Percentage of failed sends"
            + " (refused for now, or unknown outcome) among the last circuitBreakerSlidingWindowSize at which the"
            + " breaker opens.")
    private float circuitBreakerFailureRateThreshold = 50;
    @UriParam(label = "producer,circuitbreaker", defaultValue = "10", description = "How many of the latest sends to"
            + " a provider the failure rate is computed over.")
    private int circuitBreakerSlidingWindowSize = 10;
    @UriParam(label = "producer,circuitbreaker", defaultValue = "5", description = "Sends to a provider before the"
            + " failure rate counts (with 3 and a threshold of 100, three failed sends in a row open the breaker).")
    private int circuitBreakerMinimumNumberOfCalls = 5;
    @UriParam(label = "producer,circuitbreaker", defaultValue = "60000", javaType = "java.time.Duration",
              description = "How long an open breaker skips the provider, in milliseconds, before it lets trial sends"
                            + " through (half-open).")
    private long circuitBreakerWaitDurationInOpenState = 60_000;
    @UriParam(label = "producer,circuitbreaker", defaultValue = "1", description = "Trial sends a half-open breaker"
            + " lets through; when they succeed it closes, when they fail it opens again.")
    private int circuitBreakerPermittedNumberOfCallsInHalfOpenState = 1;

    @UriParam(label = "consumer", javaType = "java.time.Duration", description = "sms:dlr: the delay option passed"
            + " on to each provider's dlr consumer (milliseconds between polls); empty: each provider consumer's default. Other provider options (webcom's dlrMode ...) are set on its component.")
    private Long delay;
    @UriParam(label = "consumer", javaType = "java.time.Duration", description = "sms:dlr: the initialDelay option of"
            + " each provider's dlr consumer (milliseconds before the first poll); empty: the provider consumer's"
            + " default.")
    private Long initialDelay;

    public SmsRouterConfiguration copy() {
        try {
            return (SmsRouterConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Resilience4j's configuration of the breakers these options describe. */
    CircuitBreakerConfig circuitBreakerConfig() {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(circuitBreakerSlidingWindowSize)
                .minimumNumberOfCalls(circuitBreakerMinimumNumberOfCalls)
                .failureRateThreshold(circuitBreakerFailureRateThreshold)
                .waitDurationInOpenState(Duration.ofMillis(circuitBreakerWaitDurationInOpenState))
                .permittedNumberOfCallsInHalfOpenState(circuitBreakerPermittedNumberOfCallsInHalfOpenState)
                // a breaker goes half-open when its wait is over, not at the next send: its state tells the truth
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build();
    }

    /** Identifies breakers with these options, so endpoints with the same options share one per account. */
    String circuitBreakerKey() {
        return circuitBreakerSlidingWindowSize + "/" + circuitBreakerMinimumNumberOfCalls + "/"
                + circuitBreakerFailureRateThreshold + "/" + circuitBreakerWaitDurationInOpenState + "/"
                + circuitBreakerPermittedNumberOfCallsInHalfOpenState;
    }

    /** The scheduler options passed on to each provider's dlr endpoint, as a query string (empty: none). */
    String providerPollOptions() {
        StringBuilder query = new StringBuilder();
        if (delay != null) {
            query.append("delay=").append(delay);
        }
        if (initialDelay != null) {
            query.append(query.isEmpty() ? "" : "&").append("initialDelay=").append(initialDelay);
        }
        return query.toString();
    }

    public Long getDelay() {
        return delay;
    }

    public void setDelay(Long delay) {
        this.delay = delay;
    }

    public Long getInitialDelay() {
        return initialDelay;
    }

    public void setInitialDelay(Long initialDelay) {
        this.initialDelay = initialDelay;
    }

    public SmsRouterOperation getOperation() {
        return operation;
    }

    public void setOperation(SmsRouterOperation operation) {
        this.operation = operation;
    }

    public String getRules() {
        return rules;
    }

    public void setRules(String rules) {
        this.rules = rules;
    }

    public String getDefaultRegion() {
        return defaultRegion;
    }

    public void setDefaultRegion(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    public boolean isCircuitBreakerEnabled() {
        return circuitBreakerEnabled;
    }

    public void setCircuitBreakerEnabled(boolean circuitBreakerEnabled) {
        this.circuitBreakerEnabled = circuitBreakerEnabled;
    }

    public float getCircuitBreakerFailureRateThreshold() {
        return circuitBreakerFailureRateThreshold;
    }

    public void setCircuitBreakerFailureRateThreshold(float circuitBreakerFailureRateThreshold) {
        this.circuitBreakerFailureRateThreshold = circuitBreakerFailureRateThreshold;
    }

    public int getCircuitBreakerSlidingWindowSize() {
        return circuitBreakerSlidingWindowSize;
    }

    public void setCircuitBreakerSlidingWindowSize(int circuitBreakerSlidingWindowSize) {
        this.circuitBreakerSlidingWindowSize = circuitBreakerSlidingWindowSize;
    }

    public int getCircuitBreakerMinimumNumberOfCalls() {
        return circuitBreakerMinimumNumberOfCalls;
    }

    public void setCircuitBreakerMinimumNumberOfCalls(int circuitBreakerMinimumNumberOfCalls) {
        this.circuitBreakerMinimumNumberOfCalls = circuitBreakerMinimumNumberOfCalls;
    }

    public long getCircuitBreakerWaitDurationInOpenState() {
        return circuitBreakerWaitDurationInOpenState;
    }

    public void setCircuitBreakerWaitDurationInOpenState(long circuitBreakerWaitDurationInOpenState) {
        this.circuitBreakerWaitDurationInOpenState = circuitBreakerWaitDurationInOpenState;
    }

    public int getCircuitBreakerPermittedNumberOfCallsInHalfOpenState() {
        return circuitBreakerPermittedNumberOfCallsInHalfOpenState;
    }

    public void setCircuitBreakerPermittedNumberOfCallsInHalfOpenState(int permitted) {
        this.circuitBreakerPermittedNumberOfCallsInHalfOpenState = permitted;
    }
}
