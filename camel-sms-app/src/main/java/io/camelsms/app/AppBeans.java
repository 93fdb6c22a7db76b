package io.camelsms.app;

import java.nio.file.Path;

import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.camelsms.app.status.StatusPage;
import io.camelsms.app.status.StatusRoutes;
import io.camelsms.core.Json;

/** The app's beans, found by camel-main's scan of this package and named as the routes use them. */
@Configuration
public class AppBeans implements CamelConfiguration {

    @BindToRegistry("fileToSms")
    public FileToSms fileToSms(@PropertyInject("sms.provider") String provider,
                               @PropertyInject(value = "sms.text", defaultValue = "") String text,
                               @PropertyInject("sms.data-dir") String dataDir) {
        return new FileToSms(provider, text, Path.of(dataDir));
    }

    /**
     * The operator's status page, fed by the file route's runs. Its routes ({@link StatusRoutes}) are found by the
     * same package scan.
     */
    @BindToRegistry("statusPage")
    public StatusPage statusPage(@BeanInject("fileToSms") FileToSms fileToSms) {
        return new StatusPage(fileToSms.recentRuns());
    }

    /** The one JSON mapper of camel-sms (java.time as ISO text), for the routes' marshal steps. */
    @BindToRegistry("smsJson")
    public ObjectMapper smsJson() {
        return Json.MAPPER;
    }
}
