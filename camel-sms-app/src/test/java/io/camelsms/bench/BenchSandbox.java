package io.camelsms.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import io.camelsms.sandbox.Sandbox;

/**
 * The sandbox for the benchmark, in its own JVM so that what it holds (each request's parsed JSON tree, the last
 * raw bodies it remembers, smsclouds campaigns) never counts in the heap the benchmark measures. Fault injection is
 * off (a fresh sandbox has none) and pwapi keeps only a count of what it accepted.
 * <p>
 * Protocol on stdin/stdout, one line each: it prints {@code READY <baseUrl>} once started; {@code reset} answers
 * {@code OK} (fresh state, keepMessages off again); {@code count} answers {@code <pwapi accepted> <smsclouds
 * accepted> <pwapi requests>}; {@code quit} or end of input stops it.
 */
public final class BenchSandbox {

    private BenchSandbox() {
    }

    public static void main(String[] args) throws Exception {
        try (Sandbox sandbox = Sandbox.start(0)) {
            forBenchmark(sandbox);
            System.out.println("READY " + sandbox.baseUrl());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                switch (line.strip()) {
                    case "reset" -> {
                        sandbox.reset(); // also turns keepMessages back on: off again below
                        forBenchmark(sandbox);
                        System.out.println("OK");
                    }
                    case "count" -> System.out.println(sandbox.pwapi().acceptedCount() + " "
                            + sandbox.smsclouds().recipientsAccepted() + " " + sandbox.pwapi().requestCount());
                    case "quit" -> {
                        return;
                    }
                    default -> System.out.println("ERR unknown command " + line);
                }
                System.out.flush();
            }
        }
    }

    private static void forBenchmark(Sandbox sandbox) {
        sandbox.pwapi().keepMessages(false);
    }
}
