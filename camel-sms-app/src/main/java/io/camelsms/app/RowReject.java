package io.camelsms.app;

/** A row that is not sent, with the line it starts on and why. */
public record RowReject(long line, String rowId, String phone, String reason) {
}
