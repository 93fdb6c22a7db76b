package io.camelsms.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.camelsms.sandbox.Sandbox;

/**
 * One sandbox per test class on a free loopback port, reset before each test:
 * {@code @RegisterExtension static final SandboxExtension SANDBOX = new SandboxExtension();}
 */
public final class SandboxExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private Sandbox sandbox;

    public Sandbox sandbox() {
        return sandbox;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        sandbox = Sandbox.start(0);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        sandbox.reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        sandbox.close();
    }
}
