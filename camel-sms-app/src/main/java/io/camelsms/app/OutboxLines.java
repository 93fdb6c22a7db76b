package io.camelsms.app;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import io.camelsms.core.Json;
import io.camelsms.core.SmsEvent;

/**
 * Appends each exchange's body (a JSON line; a delivery report or reply, {@link SmsEvent}, is first written as its
 * JSON with the app's mapper, and that JSON left as the body for what follows, e.g. the forward) to
 * {@code <directory>/<prefix>-<yyyyMMdd>.jsonl}, as Camel's file
 * producer with {@code fileExist=Append} does, through one file kept open instead of an open and a close per line:
 * at thousands of delivery reports a second the opens cost more than the lines. Each line is written to the file
 * (one write, no buffer in this process) before the exchange goes on, so a line whose report the consumer then
 * records is in the file even if the process is killed right after, and the file is complete when the app exits.
 * A new day's file is opened at the first line of that day, and the previous day's closed.
 */
public final class OutboxLines implements Processor, Closeable {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private String directory;
    private String prefix;
    private LocalDate day;
    private FileChannel file;

    /** The folder the files go to, e.g. {@code data/outbox}. */
    public void setDirectory(String directory) {
        this.directory = directory;
    }

    /** The start of the files' names, e.g. {@code dlr}. */
    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        byte[] body;
        if (message.getBody() instanceof SmsEvent event) {
            // one array, where a marshal step wrote a stream cache that this line then copied out again (a quarter
            // of a painel callback's route)
            body = Json.MAPPER.writeValueAsBytes(event);
            message.setBody(body);
        } else {
            body = message.getMandatoryBody(byte[].class);
        }
        ByteBuffer line = ByteBuffer.allocate(body.length + 1).put(body).put((byte) '\n').flip();
        synchronized (this) {
            FileChannel channel = channel(LocalDate.now());
            while (line.hasRemaining()) {
                channel.write(line);
            }
        }
    }

    private FileChannel channel(LocalDate today) throws IOException {
        if (file == null || !today.equals(day)) {
            close();
            Path path = Path.of(directory).resolve(prefix + "-" + DAY.format(today) + ".jsonl");
            Files.createDirectories(path.getParent());
            file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            day = today;
        }
        return file;
    }

    @Override
    public synchronized void close() throws IOException {
        if (file != null) {
            file.close();
            file = null;
        }
    }
}
