package io.camelsms.smsclouds.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Every documented error: {@code {"error":{"information":"...","status_code":422}}}. */
public record ErrorBody(@JsonProperty("error") Detail error) {

    public record Detail(
            @JsonProperty("information") String information,
            @JsonProperty("status_code") Integer statusCode) {
    }

    public static ErrorBody of(String information, int statusCode) {
        return new ErrorBody(new Detail(information, statusCode));
    }
}
