package io.camelsms.webcom.model;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** A body that is only the credentials: {@code POST /json/balance.php}. */
public record WebcomCredentialsRequest(@JsonUnwrapped WebcomAuth auth) {

    @Override
    public String toString() {
        return "WebcomCredentialsRequest[" + auth + "]";
    }
}
