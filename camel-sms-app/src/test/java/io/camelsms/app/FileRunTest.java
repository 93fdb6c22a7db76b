package io.camelsms.app;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelsms.core.RecipientResult.Outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FileRunTest {

    @TempDir
    Path outbox;

    @Test
    void aResumedRunAppendsAfterTheLastCompleteLineOfAKilledRun() throws Exception {
        // a run killed with kill -9 while its writer was flushing: the last line is cut in the middle
        Files.writeString(outbox.resolve("f.csv.results.csv"),
                "line,row_id,recipient,status,provider,campaign_id,provider_message_id,reason\r\n"
                + "2,r-1,55(21)988887777,ACCEPTED,pwapi,,,\r\n"
                + "3,r-2,55(21)98888", StandardCharsets.UTF_8);

        try (FileRun run = new FileRun("f.csv", "pwapi", outbox)) {
            run.result(3, "r-2", "55(21)988887778", Outcome.ACCEPTED_EARLIER, "pwapi", null, null, null);
        }

        assertEquals(List.of("line,row_id,recipient,status,provider,campaign_id,provider_message_id,reason",
                        "2,r-1,55(21)988887777,ACCEPTED,pwapi,,,",
                        "3,r-2,55(21)988887778,ACCEPTED_EARLIER,pwapi,,,"),
                Files.readAllLines(outbox.resolve("f.csv.results.csv")));
    }

    @Test
    void aHeaderCutInTheMiddleIsWrittenAgain() throws Exception {
        Files.writeString(outbox.resolve("f.csv.rejects.csv"), "line,row_", StandardCharsets.UTF_8);

        try (FileRun run = new FileRun("f.csv", "pwapi", outbox)) {
            run.reject(2, "r-1", "", "phone is empty");
        }

        assertEquals(List.of("line,row_id,phone,reason", "2,r-1,,phone is empty"),
                Files.readAllLines(outbox.resolve("f.csv.rejects.csv")));
    }

    @Test
    void aLargeBatchFormattedOnAllCoresIsWrittenInOrderAndCounted() throws Exception {
        List<Integer> rows = java.util.stream.IntStream.range(0, 7_321).boxed().toList();
        Path sequential = Files.createDirectories(outbox.resolve("one-by-one"));
        Path parallel = Files.createDirectories(outbox.resolve("all-cores"));
        try (FileRun run = new FileRun("f.csv", "pwapi", sequential)) {
            for (int row : rows) {
                if (row % 7 == 0) {
                    run.reject(row, "r-" + row, "bad " + row, "phone: \"bad\", " + row);
                } else {
                    run.result(row, "r-" + row, "55" + row, row % 5 == 0 ? Outcome.UNKNOWN : Outcome.ACCEPTED,
                            "pwapi", null, null, row % 5 == 0 ? "no reply" : null);
                }
            }
        }
        long[] counts = new long[3];
        try (FileRun run = new FileRun("f.csv", "pwapi", parallel)) {
            run.writeAll(rows, (row, lines) -> {
                if (row % 7 == 0) {
                    lines.reject(row, "r-" + row, "bad " + row, "phone: \"bad\", " + row);
                } else {
                    lines.result(row, "r-" + row, "55" + row, row % 5 == 0 ? Outcome.UNKNOWN : Outcome.ACCEPTED,
                            "pwapi", null, null, row % 5 == 0 ? "no reply" : null);
                }
            });
            counts[0] = run.count(Outcome.REJECTED);
            counts[1] = run.count(Outcome.UNKNOWN);
            counts[2] = run.count(Outcome.ACCEPTED);
        }
        for (String file : List.of("f.csv.results.csv", "f.csv.rejects.csv")) {
            assertEquals(Files.readString(sequential.resolve(file)), Files.readString(parallel.resolve(file)), file);
        }
        long rejected = rows.stream().filter(row -> row % 7 == 0).count();
        long unknown = rows.stream().filter(row -> row % 7 != 0 && row % 5 == 0).count();
        assertEquals(List.of(rejected, unknown, rows.size() - rejected - unknown), List.of(counts[0], counts[1],
                counts[2]));
    }
}
