package io.camelsms.app.status;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What comes from outside (a file's name, a run's reason) cannot change the page, and shows no phone number. */
class StatusHtmlTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void aFileNameIsTextNeverMarkup() {
        String name = "<img src=x onerror=alert(1)>\"'&.csv";
        StatusReport report = new StatusReport(T0, true, List.of(new StatusReport.FileStatus(name, "smsway",
                FileRunSummary.State.STOPPED, T0, T0, new FileCounts(1, 0, 0, 0, 1), StatusTotals.NONE,
                "sending stopped at line 2: <b>refused</b>")), List.of(), List.of());

        String html = StatusHtml.render(report);

        assertFalse(html.contains("<img") || html.contains("<b>"), html);
        assertTrue(html.contains("<tr data-file=\"&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;.csv\">"), html);
        assertTrue(html.contains("&lt;b&gt;refused&lt;/b&gt;"), html);
    }

    @Test
    void aPhoneNumberInAReasonKeepsItsLastTwoDigitsOnly() {
        assertEquals("sending stopped at line 7: smsway code -5: number ••••••••••67 not allowed",
                StatusPage.maskPhoneNumbers("sending stopped at line 7: smsway code -5: number +39 380 111 1167"
                                            + " not allowed"));
        assertEquals("sending stopped at line 1200: HTTP 503", StatusPage.maskPhoneNumbers(
                "sending stopped at line 1200: HTTP 503"));
    }
}
