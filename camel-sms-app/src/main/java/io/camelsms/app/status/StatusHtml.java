package io.camelsms.app.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The status page's HTML, numbers and chart rendered here so that it reads the same without JavaScript. Every text
 * that comes from outside (a file name, a reason) is escaped. Each number cell carries {@code data-field} (and its row
 * {@code data-file} or {@code data-provider}) so that scripts and tests can find it.
 */
final class StatusHtml {

    private static final int CHART_WIDTH = 640;
    private static final int CHART_HEIGHT = 160;
    /** Chart series: name, colour, value. */
    private static final List<Series> SERIES = List.of(
            new Series("pending", "#d08700", StatusTotals::pending),
            new Series("delivered", "#1a7f37", StatusTotals::delivered),
            new Series("failed", "#cf222e", StatusTotals::failed),
            new Series("expired", "#6e7781", StatusTotals::expired));

    private record Series(String name, String colour, ToLongFunction<StatusTotals> value) {
    }

    private StatusHtml() {
    }

    static String render(StatusReport report) {
        StringBuilder html = new StringBuilder(8192);
        html.append("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>camel-sms status</title>
                <style>
                body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1f2328; }
                table { border-collapse: collapse; margin-bottom: 1.5rem; }
                th, td { border-bottom: 1px solid #d0d7de; padding: .3rem .6rem; text-align: right; }
                th:first-child, td:first-child, td.text { text-align: left; }
                thead th { background: #f6f8fa; }
                .note { color: #59636e; }
                .legend span { margin-right: 1rem; }
                </style>
                <script src="status.js" defer></script>
                </head>
                <body>
                """);
        html.append("<main data-generated-at=\"").append(report.generatedAt()).append("\">\n");
        html.append("<h1>camel-sms status</h1>\n<p class=\"note\">As of <time>").append(report.generatedAt())
                .append("</time> (UTC). Read-only; the same numbers as <a href=\"status.json\">JSON</a>.</p>\n");
        if (!report.trackingStoreReadable()) {
            html.append("<p id=\"store-unreadable\"><strong>The tracking store cannot be read now: statuses are left"
                        + " out (&ndash;) until it can.</strong></p>\n");
        }
        files(html, report.files());
        providers(html, report.providers());
        chart(html, report.history());
        html.append("</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void files(StringBuilder html, List<StatusReport.FileStatus> files) {
        html.append("<h2>Files</h2>\n<table id=\"files\">\n<thead><tr><th>File</th><th>Provider</th><th>State</th>");
        rowHeaders(html);
        html.append("</tr></thead>\n<tbody>\n");
        if (files.isEmpty()) {
            html.append("<tr><td colspan=\"13\" class=\"text note\">No file sent since the app started.</td></tr>\n");
        }
        for (StatusReport.FileStatus file : files) {
            html.append("<tr data-file=\"").append(escape(file.name())).append("\">");
            html.append("<td>").append(escape(file.name())).append("</td><td class=\"text\">")
                    .append(escape(file.provider())).append("</td><td class=\"text\" data-field=\"state\"");
            if (file.stoppedBecause() != null) {
                html.append(" title=\"").append(escape(file.stoppedBecause())).append('"');
            }
            html.append('>').append(state(file.state())).append("</td>");
            rowCells(html, file.rows(), file.tracked());
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
        for (StatusReport.FileStatus file : files) {
            if (file.stoppedBecause() != null) {
                html.append("<p class=\"note\">").append(escape(file.name())).append(": ")
                        .append(escape(file.stoppedBecause())).append("</p>\n");
            }
        }
    }

    private static void providers(StringBuilder html, List<StatusReport.ProviderStatus> providers) {
        html.append("<h2>Providers</h2>\n<p class=\"note\">Rows: every file since the app started. Statuses: every"
                    + " message of the provider in the tracking store.</p>\n<table id=\"providers\">\n"
                    + "<thead><tr><th>Provider</th>");
        rowHeaders(html);
        html.append("</tr></thead>\n<tbody>\n");
        if (providers.isEmpty()) {
            html.append("<tr><td colspan=\"11\" class=\"text note\">Nothing sent yet.</td></tr>\n");
        }
        for (StatusReport.ProviderStatus provider : providers) {
            html.append("<tr data-provider=\"").append(escape(provider.provider())).append("\"><td>")
                    .append(escape(provider.provider())).append("</td>");
            rowCells(html, provider.rows(), provider.tracked());
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private static void rowHeaders(StringBuilder html) {
        html.append("<th>Rows read</th><th>Accepted</th><th>Sent earlier</th><th>Unknown</th><th>Rejected</th>"
                    + "<th>Tracked</th><th>Delivered</th><th>Failed</th><th>Expired</th><th>Pending</th>");
    }

    private static void rowCells(StringBuilder html, FileCounts rows, StatusTotals tracked) {
        cell(html, "read", rows.read());
        cell(html, "accepted", rows.accepted());
        cell(html, "acceptedEarlier", rows.acceptedEarlier());
        cell(html, "unknown", rows.unknown());
        cell(html, "rejected", rows.rejected());
        cell(html, "tracked", tracked == null ? null : tracked.tracked());
        cell(html, "delivered", tracked == null ? null : tracked.delivered());
        cell(html, "failed", tracked == null ? null : tracked.failed());
        cell(html, "expired", tracked == null ? null : tracked.expired());
        cell(html, "pending", tracked == null ? null : tracked.pending());
    }

    /** A number, or a dash where it is not known (the tracking store cannot be read). */
    private static void cell(StringBuilder html, String field, Long value) {
        html.append("<td data-field=\"").append(field).append("\">").append(value == null ? "&ndash;" : value)
                .append("</td>");
    }

    private static String state(FileRunSummary.State state) {
        return switch (state) {
            case IN_PROGRESS -> "in progress";
            case DONE -> "done";
            case STOPPED -> "stopped";
        };
    }

    /** One polyline per status over the samples' time span, scaled to the largest value. */
    private static void chart(StringBuilder html, List<StatusHistory.Sample> samples) {
        html.append("<h2>Statuses over time</h2>\n");
        if (samples.size() < 2) {
            html.append("<p class=\"note\">Collecting samples of the tracked statuses.</p>\n");
            return;
        }
        Instant first = samples.get(0).at();
        double span = Math.max(1, Duration.between(first, samples.get(samples.size() - 1).at()).toMillis());
        long max = 1;
        for (StatusHistory.Sample sample : samples) {
            for (Series series : SERIES) {
                max = Math.max(max, series.value().applyAsLong(sample.totals()));
            }
        }
        html.append("<svg id=\"chart\" role=\"img\" width=\"").append(CHART_WIDTH).append("\" height=\"")
                .append(CHART_HEIGHT).append("\" viewBox=\"0 0 ").append(CHART_WIDTH).append(' ').append(CHART_HEIGHT)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\">\n<title>Tracked messages by status, from ")
                .append(first).append(" to ").append(samples.get(samples.size() - 1).at()).append(" (at most ")
                .append(max).append(")</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#f6f8fa\"/>\n");
        for (Series series : SERIES) {
            html.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(series.colour())
                    .append("\" data-series=\"").append(series.name()).append("\" points=\"");
            for (StatusHistory.Sample sample : samples) {
                double x = Duration.between(first, sample.at()).toMillis() / span * (CHART_WIDTH - 1);
                double y = (CHART_HEIGHT - 1) - series.value().applyAsLong(sample.totals()) * (CHART_HEIGHT - 2.0) / max;
                html.append(String.format(java.util.Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            html.append("\"/>\n");
        }
        html.append("</svg>\n<p class=\"legend\">");
        for (Series series : SERIES) {
            html.append("<span style=\"color:").append(series.colour()).append("\">&#9632; ").append(series.name())
                    .append("</span>");
        }
        html.append("(at most ").append(max).append(" messages)</p>\n");
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
