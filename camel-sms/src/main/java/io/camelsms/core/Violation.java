package io.camelsms.core;

/**
 * One rule a message breaks, said so a person can find and fix it.
 *
 * @param index   the message's position in the body (0-based)
 * @param field   the provider's name for the field (e.g. {@code id_extern})
 * @param problem what is wrong, with the limit (e.g. {@code "41 characters, at most 40"})
 */
public record Violation(int index, String field, String problem) {

    @Override
    public String toString() {
        return "message[" + index + "]." + field + ": " + problem;
    }
}
