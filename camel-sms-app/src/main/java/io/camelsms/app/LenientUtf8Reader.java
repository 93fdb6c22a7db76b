package io.camelsms.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HexFormat;

/**
 * Decodes UTF-8 without ever failing: a byte sequence that is not UTF-8 becomes U+FFFD and is remembered with its
 * line and column, so the reader of the file can reject exactly the rows that hold one and send the others. Lines
 * are counted as commons-csv counts them (CR, LF and CRLF each end a line), so both agree on line numbers.
 */
final class LenientUtf8Reader extends Reader {

    private static final int BUFFER = 16 * 1024;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER).flip();
    private final CharBuffer chars = CharBuffer.allocate(BUFFER).flip();
    /** Faults not yet claimed by a row, oldest first; the caller claims them as it reads on, so few are kept. */
    private final ArrayDeque<Fault> faults = new ArrayDeque<>();
    private boolean endOfInput;
    /** The decoder was flushed: nothing more to decode (decoding again would be an error). */
    private boolean flushed;
    private long line = 1;
    private long column;
    private boolean afterCr;

    /** A byte sequence that is not UTF-8, where it starts (line and column 1-based, column in characters). */
    record Fault(long line, long column, String bytes) {
        String describe() {
            return "not valid UTF-8: byte " + bytes + " at line " + line + ", column " + column
                   + " (save the file as UTF-8)";
        }
    }

    LenientUtf8Reader(InputStream in) {
        this.in = in;
    }

    /**
     * The first fault on lines {@code first..last}, if any; faults before {@code first} (lines that were no row, such
     * as comments) are dropped, so the queue only holds what the CSV parser has read ahead.
     */
    Fault claimFault(long first, long last) {
        Fault found = null;
        while (!faults.isEmpty() && faults.peekFirst().line() <= last) {
            Fault fault = faults.pollFirst();
            if (found == null && fault.line() >= first) {
                found = fault;
            }
        }
        return found;
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!chars.hasRemaining() && !fill()) {
            return -1;
        }
        int n = Math.min(length, chars.remaining());
        chars.get(target, offset, n);
        return n;
    }

    /** Decodes the next chunk into {@link #chars}; false at the end of the input. */
    private boolean fill() throws IOException {
        if (flushed) {
            return false;
        }
        chars.clear();
        int counted = 0;
        while (chars.position() == 0) {
            CoderResult result = decoder.decode(bytes, chars, endOfInput);
            if (result.isUnderflow()) {
                if (endOfInput) {
                    decoder.flush(chars);
                    flushed = true;
                    break;
                }
                readBytes();
            } else if (result.isOverflow()) {
                break;
            } else if (chars.hasRemaining()) {
                counted = countLines(counted, chars.position());
                byte[] bad = new byte[result.length()];
                bytes.get(bad);
                faults.addLast(new Fault(line, column + 1, "0x" + HexFormat.of().withUpperCase().formatHex(bad)));
                chars.put('\uFFFD');
            } else {
                break; // no room for the replacement: the next fill meets the same bytes first
            }
        }
        countLines(counted, chars.position());
        chars.flip();
        return chars.hasRemaining();
    }

    private void readBytes() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    /** Advances line and column over {@code chars[from..to)}; returns {@code to}. */
    private int countLines(int from, int to) {
        char[] array = chars.array();
        for (int i = from; i < to; i++) {
            char c = array[i];
            if (c == '\r' || (c == '\n' && !afterCr)) {
                line++;
                column = 0;
            } else if (c != '\n') {
                column++;
            }
            afterCr = c == '\r';
        }
        return to;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
