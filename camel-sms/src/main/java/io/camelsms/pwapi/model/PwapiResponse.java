package io.camelsms.pwapi.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Every PW-API 4.0 reply: {@code {"returncode": "000"}}. */
public record PwapiResponse(@JsonProperty("returncode") String returncode) {
}
