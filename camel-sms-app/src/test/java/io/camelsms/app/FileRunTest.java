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
}
