package io.camelsms.smsway.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The body of {@code POST /remote/updateuserinfo}. The provider updates only the fields present, so a field left
 * null is not sent. {@code ipv4grant} and {@code prefixwhite} are comma-separated strings; {@code ""} clears them
 * (all addresses / all prefixes allowed).
 *
 * <p><b>Warning (from the document):</b> an {@code ipv4grant} that does not hold the address you call from bans
 * every later request of the account, including the one that would undo it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"tokenapi", "adminphone", "maxday", "maxhour", "maxmin", "sim", "ipv4grant", "prefixwhite"})
public record SmswayUserUpdate(
        @JsonProperty("tokenapi") String tokenapi,
        @JsonProperty("adminphone") String adminphone,
        @JsonProperty("maxday") Integer maxday,
        @JsonProperty("maxhour") Integer maxhour,
        @JsonProperty("maxmin") Integer maxmin,
        @JsonProperty("sim") Integer sim,
        @JsonProperty("ipv4grant") String ipv4grant,
        @JsonProperty("prefixwhite") String prefixwhite) {

    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern COUNTRY_CODE = Pattern.compile("\\d{1,3}");

    public static Builder builder() {
        return new Builder();
    }

    /** The same update carrying the API key in the body. */
    public SmswayUserUpdate withTokenapi(String key) {
        return new SmswayUserUpdate(key, adminphone, maxday, maxhour, maxmin, sim, ipv4grant, prefixwhite);
    }

    /** Whether no field is set (an update that changes nothing). */
    @JsonIgnore
    public boolean isEmpty() {
        return adminphone == null && maxday == null && maxhour == null && maxmin == null && sim == null
               && ipv4grant == null && prefixwhite == null;
    }

    /** What the provider would not take, as "field: problem" lines; empty when the update is valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        nonNegative(problems, "maxday", maxday);
        nonNegative(problems, "maxhour", maxhour);
        nonNegative(problems, "maxmin", maxmin);
        if (sim != null && sim < SmswaySendRequest.SIM_AUTO) {
            problems.add("sim: " + sim + " is not a slot (0, 1, ...) or -1 (automatic)");
        }
        items(ipv4grant).stream().filter(ip -> !IPV4.matcher(ip).matches())
                .forEach(ip -> problems.add("ipv4grant: '" + ip + "' is not an IPv4 address (a wrong address"
                                            + " locks the account out)"));
        items(prefixwhite).stream().filter(cc -> !COUNTRY_CODE.matcher(cc).matches())
                .forEach(cc -> problems.add("prefixwhite: '" + cc + "' is not a country code (1-3 digits)"));
        return problems;
    }

    private static void nonNegative(List<String> problems, String field, Integer limit) {
        if (limit != null && limit < 0) {
            problems.add(field + ": " + limit + " is negative (0 = no limit)");
        }
    }

    private static List<String> items(String commaSeparated) {
        if (commaSeparated == null) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (String item : commaSeparated.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items;
    }

    @Override
    public String toString() {
        return "SmswayUserUpdate[tokenapi=" + (tokenapi == null ? "(cookie)" : "***") + ", adminphone=" + adminphone
                + ", maxday=" + maxday + ", maxhour=" + maxhour + ", maxmin=" + maxmin + ", sim=" + sim
                + ", ipv4grant=" + ipv4grant + ", prefixwhite=" + prefixwhite + "]";
    }

    /** Set only what should change. */
    public static final class Builder {
        private String adminphone;
        private Integer maxday;
        private Integer maxhour;
        private Integer maxmin;
        private Integer sim;
        private String ipv4grant;
        private String prefixwhite;

        private Builder() {
        }

        public Builder adminphone(String v) { this.adminphone = v; return this; }
        public Builder maxday(int v) { this.maxday = v; return this; }
        public Builder maxhour(int v) { this.maxhour = v; return this; }
        public Builder maxmin(int v) { this.maxmin = v; return this; }
        public Builder sim(int v) { this.sim = v; return this; }
        /** Addresses allowed to call the API; none = all. See the warning on the class. */
        public Builder ipv4grant(List<String> v) { this.ipv4grant = CommaList.join(v); return this; }
        /** Country codes messages may go to; none = all. */
        public Builder prefixwhite(List<String> v) { this.prefixwhite = CommaList.join(v); return this; }

        public SmswayUserUpdate build() {
            return new SmswayUserUpdate(null, adminphone, maxday, maxhour, maxmin, sim, ipv4grant, prefixwhite);
        }
    }
}
