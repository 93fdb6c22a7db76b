package io.camelsms.app.status;

/** A recipient file being sent, as the status page sees it: its counts so far, read from another thread. */
public interface RunningFile {

    FileRunSummary summary();
}
