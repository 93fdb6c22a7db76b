package io.camelsms.app;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.core.DeliveryReport;
import io.camelsms.core.DeliveryStatus;
import io.camelsms.core.Json;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Report lines through one open file: each line whole, in the day's file, and nothing lost across a reopen. */
class OutboxLinesTest {

    @TempDir
    Path outbox;

    private final CamelContext context = new DefaultCamelContext();

    private OutboxLines lines() {
        OutboxLines lines = new OutboxLines();
        lines.setDirectory(outbox.toString());
        lines.setPrefix("dlr");
        return lines;
    }

    private Exchange line(String json) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(json.getBytes(StandardCharsets.UTF_8));
        return exchange;
    }

    @Test
    void aReportIsWrittenAsItsJsonWhichStaysTheBodyForWhatFollows() throws Exception {
        DeliveryReport report = new DeliveryReport("painel", null, "1001", "21988887777", "cust-1",
                DeliveryStatus.DELIVERED, "sucesso", Instant.parse("2026-12-24T19:00:05Z"), null);
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(report);
        OutboxLines lines = lines();
        lines.process(exchange);
        lines.close();

        String json = Json.MAPPER.writeValueAsString(report);
        Path file = outbox.resolve("dlr-" + DateTimeFormatter.BASIC_ISO_DATE.format(LocalDate.now()) + ".jsonl");
        assertEquals(List.of(json), Files.readAllLines(file));
        assertEquals(json, new String(exchange.getMessage().getBody(byte[].class), StandardCharsets.UTF_8));
        assertEquals("cust-1", Json.MAPPER.readTree(json).path("externalId").asText());
    }

    @Test
    void concurrentLinesAreEachWrittenWholeToTheDaysFileAndAReopenAppends() throws Exception {
        OutboxLines lines = lines();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            done.add(writers.submit(() -> {
                for (int i = 0; i < 250; i++) {
                    lines.process(line("{\"writer\":" + writer + ",\"line\":" + i + "}"));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        writers.shutdown();
        lines.close();
        OutboxLines reopened = lines();
        reopened.process(line("{\"after\":\"restart\"}"));
        reopened.close();

        Path file = outbox.resolve("dlr-" + DateTimeFormatter.BASIC_ISO_DATE.format(LocalDate.now()) + ".jsonl");
        List<String> written = Files.readAllLines(file);
        assertEquals(1_001, written.size());
        assertEquals(1_000, written.stream().filter(l -> l.matches("\\{\"writer\":\\d,\"line\":\\d+}")).distinct()
                .count(), "every line whole and once");
        assertEquals("{\"after\":\"restart\"}", written.get(1_000));
    }
}
