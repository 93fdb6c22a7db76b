package io.camelsms.smsway.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * The reply of {@code GET /remote/userinfo}: the account's settings.
 *
 * @param res            1 success, 0 fails (or an authentication code)
 * @param mobilephone    the device's phone number
 * @param sim            the sim slot used to send (dual-sim devices); -1 = automatic
 * @param localeiso2     the device's locale (it, en, de, ...)
 * @param mobiletimezone the device's time zone, -12..+12
 * @param servertimezone the server's time zone, -12..+12
 * @param adminphone     the admin phone number
 * @param maxday         messages allowed per day; 0 = no limit
 * @param maxhour        messages allowed per hour; 0 = no limit
 * @param maxmin         messages allowed per minute; 0 = no limit
 * @param ipv4grant      addresses allowed to call the API; empty = all
 * @param prefixwhite    country codes messages may go to; empty = all
 */
public record SmswayUserInfo(
        @JsonProperty("res") Integer res,
        @JsonProperty("mobilephone") String mobilephone,
        @JsonProperty("sim") Integer sim,
        @JsonProperty("localeiso2") String localeiso2,
        @JsonProperty("mobiletimezone") Integer mobiletimezone,
        @JsonProperty("servertimezone") Integer servertimezone,
        @JsonProperty("adminphone") String adminphone,
        @JsonProperty("maxday") Integer maxday,
        @JsonProperty("maxhour") Integer maxhour,
        @JsonProperty("maxmin") Integer maxmin,
        @JsonProperty("ipv4grant") @JsonDeserialize(using = CommaList.class) List<String> ipv4grant,
        @JsonProperty("prefixwhite") @JsonDeserialize(using = CommaList.class) List<String> prefixwhite) {

    public SmswayUserInfo {
        ipv4grant = ipv4grant == null ? List.of() : List.copyOf(ipv4grant);
        prefixwhite = prefixwhite == null ? List.of() : List.copyOf(prefixwhite);
    }
}
