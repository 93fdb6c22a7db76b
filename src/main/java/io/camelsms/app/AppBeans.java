package io.camelsms.app;

import java.nio.file.Path;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.camelsms.core.Json;

/** The app's beans, found by camel-main's scan of this package and named as the routes use them. */
@Configuration
public class AppBeans implements CamelConfiguration {

    /** File keys remembered: far more than the files one inbox sees. */
    private static final int REMEMBERED_FILES = 100_000;

    @BindToRegistry("fileToSms")
    public FileToSms fileToSms(@PropertyInject("sms.provider") String provider,
                               @PropertyInject(value = "sms.text", defaultValue = "") String text,
                               @PropertyInject("sms.data-dir") String dataDir) {
        return new FileToSms(provider, text, Path.of(dataDir, "outbox"));
    }

    /** The one JSON mapper of camel-sms (java.time as ISO text), for the routes' marshal steps. */
    @BindToRegistry("smsJson")
    public ObjectMapper smsJson() {
        return Json.MAPPER;
    }

    /** Files already sent (name, size, time), kept across restarts so a file is never picked up twice. */
    @BindToRegistry("sentFiles")
    public IdempotentRepository sentFiles(@PropertyInject("sms.data-dir") String dataDir) {
        return FileIdempotentRepository.fileIdempotentRepository(Path.of(dataDir, "sent-files.dat").toFile(),
                REMEMBERED_FILES);
    }
}
