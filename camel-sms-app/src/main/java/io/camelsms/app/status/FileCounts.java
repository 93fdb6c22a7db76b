package io.camelsms.app.status;

/**
 * Where a file's rows went, as its results and rejects files say: every row read is in exactly one of accepted,
 * acceptedEarlier (sent by an earlier run, not again), unknown (may have reached the provider) and rejected.
 */
public record FileCounts(long read, long accepted, long acceptedEarlier, long unknown, long rejected) {

    public static final FileCounts NONE = new FileCounts(0, 0, 0, 0, 0);

    public FileCounts plus(FileCounts other) {
        return new FileCounts(read + other.read, accepted + other.accepted, acceptedEarlier + other.acceptedEarlier,
                unknown + other.unknown, rejected + other.rejected);
    }
}
