package io.camelsms.sandbox;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Faults one simulator injects on request: a fault for the next N calls, a fault for a fraction of calls, and
 * added latency. Thread-safe; {@link #clear()} returns to normal service.
 */
public final class FaultPlan {

    private Fault nextFault;
    private int nextCount;
    private int okBeforeNext;
    private Fault randomFault;
    private double fraction;
    private SplittableRandom random = new SplittableRandom(42);
    private Duration latency = Duration.ZERO;

    /** Answers {@code fault} to the next {@code calls} calls, then serves normally. */
    public synchronized FaultPlan failNext(int calls, Fault fault) {
        this.nextFault = fault;
        this.nextCount = calls;
        this.okBeforeNext = 0;
        return this;
    }

    /** Like {@link #failNext} but serves {@code okCalls} calls normally first (a fault mid-way through a send). */
    public synchronized FaultPlan failAfter(int okCalls, int calls, Fault fault) {
        failNext(calls, fault);
        this.okBeforeNext = okCalls;
        return this;
    }

    /** Answers {@code fault} to about {@code fraction} of the calls (seeded, so a run is repeatable). */
    public synchronized FaultPlan failFraction(double fraction, Fault fault) {
        this.fraction = fraction;
        this.randomFault = fault;
        this.random = new SplittableRandom(42);
        return this;
    }

    /** Delays every reply by {@code delay}. */
    public synchronized FaultPlan latency(Duration delay) {
        this.latency = delay;
        return this;
    }

    public synchronized void clear() {
        nextFault = null;
        nextCount = 0;
        okBeforeNext = 0;
        randomFault = null;
        fraction = 0;
        latency = Duration.ZERO;
    }

    synchronized Duration latency() {
        return latency;
    }

    /** The fault for this call, or null to serve normally. */
    synchronized Fault draw() {
        if (okBeforeNext > 0) {
            okBeforeNext--;
            return null;
        }
        if (nextCount > 0) {
            nextCount--;
            return nextFault;
        }
        if (randomFault != null && random.nextDouble() < fraction) {
            return randomFault;
        }
        return null;
    }
}
