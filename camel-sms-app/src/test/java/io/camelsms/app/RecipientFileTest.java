package io.camelsms.app;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecipientFileTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static List<RecipientFile.Batch> readAll(Path file, int batchSize) throws Exception {
        List<RecipientFile.Batch> batches = new ArrayList<>();
        try (RecipientFile recipients = RecipientFile.open(file, null)) {
            recipients.batches(batchSize).forEachRemaining(batches::add);
        }
        return batches;
    }

    @Test
    void quotedFieldsCrLfBomAndTheFileTextLine() throws Exception {
        Path file = write("in.csv", "\uFEFF# text: Hello from the file\r\n"
                + "phone,name,text\r\n"
                + "+5521988887777,\"Silva, Ana\",\r\n"
                + "+5511912345678,Bob,\"two\r\nlines, and a comma\"\r\n"
                + "\r\n"
                + "+5511912340000,Carla,own text\r\n");

        List<RecipientFile.Batch> batches = readAll(file, 10);

        List<RecipientRow> rows = batches.get(0).rows();
        assertEquals(3, rows.size());
        assertEquals("Silva, Ana", rows.get(0).name());
        assertEquals("Hello from the file", rows.get(0).text(), "the # text: line is the text of rows without one");
        assertEquals("two\r\nlines, and a comma", rows.get(1).text());
        assertEquals("own text", rows.get(2).text());
        assertEquals(List.of(3L, 4L, 7L), rows.stream().map(RecipientRow::line).toList(),
                "the line each row starts on, counting the text line, the header and the blank line");
    }

    @Test
    void badRowsAreRejectedWithTheirLineAndReasonAndTheGoodOnesKept() throws Exception {
        Path file = write("mixed.csv", """
                phone,text,external_id
                +5521988887777,ok,cust-1
                ,no phone,cust-2
                +5521988887777,,cust-3
                +5521988887777,extra,cust-5,surprise
                +5521988887778,fine,
                """);

        RecipientFile.Batch batch = readAll(file, 100).get(0);

        assertEquals(List.of("cust-1", batch.rows().get(1).rowId()), batch.rows().stream().map(RecipientRow::rowId).toList());
        assertEquals(List.of(3L, 4L, 5L), batch.rejects().stream().map(RowReject::line).toList());
        assertEquals("phone is empty", batch.rejects().get(0).reason());
        assertTrue(batch.rejects().get(1).reason().startsWith("no text"), batch.rejects().get(1).reason());
        assertTrue(batch.rejects().get(2).reason().startsWith("4 fields but the header has 3 columns"),
                batch.rejects().get(2).reason());
        assertEquals("cust-5", batch.rejects().get(2).rowId());
    }

    @Test
    void rowIdsAreStableForTheSameContentAndChangeWithIt() throws Exception {
        String content = "phone,text\n+5521988887777,a\n+5521988887778,b\n";
        String first = readAll(write("a.csv", content), 10).get(0).rows().get(1).rowId();
        String again = readAll(write("b.csv", content), 10).get(0).rows().get(1).rowId();
        String changed = readAll(write("c.csv", content + "+5521988887779,c\n"), 10).get(0).rows().get(1).rowId();

        assertEquals(first, again, "a renamed or re-dropped file resumes with the same ids");
        assertNotEquals(first, changed);
        assertTrue(first.endsWith("-L3") && first.length() <= 40, first);
    }

    @Test
    void batchesAreCutAtTheRequestedSizeWhileStreaming() throws Exception {
        StringBuilder csv = new StringBuilder("phone,text\n");
        for (int i = 0; i < 5; i++) {
            csv.append("+552198888777").append(i).append(",m").append(i).append('\n');
        }
        try (RecipientFile recipients = RecipientFile.open(write("five.csv", csv.toString()), null)) {
            Iterator<RecipientFile.Batch> batches = recipients.batches(2);
            assertEquals(List.of(2, 2, 1), List.of(batches.next().rows().size(), batches.next().rows().size(),
                    batches.next().rows().size()));
            assertTrue(!batches.hasNext());
        }
    }

    @Test
    void aHeaderWithoutPhoneOrWithAnUnknownColumnMakesTheFileUnreadable() throws Exception {
        var unknown = assertThrows(RecipientFile.InvalidRecipientFileException.class,
                () -> RecipientFile.open(write("typo.csv", "phone,txt\n+5521988887777,hi\n"), null));
        assertTrue(unknown.getMessage().startsWith("typo.csv: unknown column(s) [txt]"), unknown.getMessage());

        var noPhone = assertThrows(RecipientFile.InvalidRecipientFileException.class,
                () -> RecipientFile.open(write("nophone.csv", "mobile,text\n1,hi\n"), null));
        assertTrue(noPhone.getMessage().contains("no 'phone' column"), noPhone.getMessage());
    }

    @Test
    void bytesThatAreNotUtf8RejectOnlyTheirRowWhereverTheyAreInIt() throws Exception {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes("phone,name,text\n+5521988887771,Ana,ok\n+5521988887772,\"Jo\n".getBytes(UTF_8));
        content.write(0xA7); // a Latin-1 '§' on the second line of a row that spans two
        content.writeBytes("o\",two lines\n+5521988887773,Eva,ok\n+5521988887774,Lu,".getBytes(UTF_8));
        content.write(0xA7); // and on the last line, which has no line break
        Path file = dir.resolve("latin.csv");
        Files.write(file, content.toByteArray());

        RecipientFile.Batch batch = readAll(file, 10).get(0);

        assertEquals(List.of(2L, 5L), batch.rows().stream().map(RecipientRow::line).toList());
        assertEquals(List.of(new RowReject(3, batch.rejects().get(0).rowId(), "+5521988887772",
                        "not valid UTF-8: byte 0xA7 at line 4, column 1 (save the file as UTF-8)"),
                new RowReject(6, batch.rejects().get(1).rowId(), "+5521988887774",
                        "not valid UTF-8: byte 0xA7 at line 6, column 19 (save the file as UTF-8)")), batch.rejects());
    }

    @Test
    void aHeaderThatIsNotUtf8MakesTheFileUnreadable() throws Exception {
        Path file = dir.resolve("header.csv");
        Files.write(file, new byte[] {'p', 'h', 'o', 'n', 'e', ',', 't', 'e', 'x', 't', (byte) 0xE9, '\n'});
        var e = assertThrows(RecipientFile.InvalidRecipientFileException.class, () -> RecipientFile.open(file, null));
        assertEquals("header.csv: the header is not valid UTF-8: byte 0xE9 at line 1, column 11 (save the file as"
                + " UTF-8)", e.getMessage());
    }

    @Test
    void aQuoteThatNeverClosesEndsTheFileWithOneRejectForTheLinesNotRead() throws Exception {
        Path file = write("quote.csv", "phone,text\n+5521988887771,ok\n+5521988887772,\"open\n+5521988887773,x\n"
                + "+5521988887774,y");

        List<RecipientFile.Batch> batches = readAll(file, 1);

        assertEquals(List.of(2L), batches.stream().flatMap(b -> b.rows().stream()).map(RecipientRow::line).toList());
        List<RowReject> rejects = batches.stream().flatMap(b -> b.rejects().stream()).toList();
        assertEquals(List.of(new RowReject(3, null, null, "unclosed quote: lines 3-5 not read (the quoted field that"
                + " starts on line 3 never closes)")), rejects);
    }

    @Test
    void aRepeatedExternalIdIsADuplicateOfItsFirstLineEvenAcrossBatches() throws Exception {
        Path file = write("dup.csv", "phone,text,external_id\n+5521988887771,a,x\n+5521988887772,b,y\n"
                + "+5521988887773,c,x\n+5521988887774,d,\n+5521988887775,e,\n");

        List<RecipientFile.Batch> batches = readAll(file, 1);

        assertEquals(List.of(2L, 3L, 5L, 6L),
                batches.stream().flatMap(b -> b.rows().stream()).map(RecipientRow::line).toList(),
                "rows without an external id are never duplicates of each other");
        assertEquals(List.of("duplicate of line 2: external_id 'x' is used on lines 2 and 4 of this file"),
                batches.stream().flatMap(b -> b.rejects().stream()).map(RowReject::reason).toList());
    }

    @Test
    void theBundledSamplesUseEachExternalIdOnce() throws Exception {
        try (var samples = Files.list(Path.of("samples"))) {
            for (Path sample : samples.filter(p -> p.toString().endsWith(".csv")).toList()) {
                List<String> duplicates = readAll(sample, 1000).stream().flatMap(b -> b.rejects().stream())
                        .map(RowReject::reason).filter(r -> r.startsWith("duplicate")).toList();
                assertEquals(List.of(), duplicates, sample.toString());
            }
        }
    }
}
