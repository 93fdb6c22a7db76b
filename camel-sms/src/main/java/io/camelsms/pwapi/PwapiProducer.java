package io.camelsms.pwapi;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

import io.camelsms.core.HttpReply;
import io.camelsms.core.HttpTransport;
import io.camelsms.core.Json;
import io.camelsms.core.MessageRules;
import io.camelsms.core.OutgoingMessages;
import io.camelsms.core.PhoneNumbers;
import io.camelsms.core.Prepared;
import io.camelsms.core.RetryPolicy;
import io.camelsms.core.SendJob;
import io.camelsms.core.SendResult;
import io.camelsms.core.SmsConfiguration;
import io.camelsms.core.SmsException;
import io.camelsms.core.SmsMessage;
import io.camelsms.core.SmsProviderException;
import io.camelsms.core.SmsText;
import io.camelsms.observability.SmsHealthChecks;
import io.camelsms.pwapi.model.PwapiMessage;
import io.camelsms.pwapi.model.PwapiRequest;
import io.camelsms.pwapi.model.PwapiResponse;
import io.camelsms.pwapi.model.PwapiReturnCode;

/** Sends with SEND_MESSAGE; PW-API returns no message id, so {@code id_extern} is the correlation key. */
public class PwapiProducer extends DefaultProducer {

    static final String PROVIDER = "pwapi";
    static final String PATH = "/sms/v_4_00/postsms.aspx";
    /** Per-message fields a caller sets through {@link SmsMessage#options()}. */
    static final String AUX_USER = "aux_user";
    static final String SEND_PROJECT = "send_project";

    private final PwapiConfiguration configuration;
    private HttpTransport transport;
    private RetryPolicy retryPolicy;
    private URI uri;
    private SmsHealthChecks.Registration healthChecks = SmsHealthChecks.Registration.NONE;

    public PwapiProducer(PwapiEndpoint endpoint) {
        super(endpoint);
        this.configuration = endpoint.getConfiguration();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        SmsConfiguration.requireOption(PROVIDER, "credential", configuration.getCredential());
        SmsConfiguration.requireOption(PROVIDER, "token", configuration.getToken());
        int batchSize = configuration.getBatchSize();
        if (batchSize < 1 || batchSize > PwapiRequest.MAX_MESSAGES) {
            throw new IllegalArgumentException("pwapi: batchSize must be 1.." + PwapiRequest.MAX_MESSAGES
                                               + " (the document's limit per request), was " + batchSize);
        }
        if (!PwapiMessage.SEND_PROJECT_VALUES.contains(configuration.getSendProject())) {
            throw new IllegalArgumentException("pwapi: sendProject must be S or N, was '"
                                               + configuration.getSendProject() + "'");
        }
        uri = URI.create(SmsConfiguration.withoutTrailingSlash(configuration.getBaseUrl()) + PATH);
        retryPolicy = configuration.retryPolicy(PROVIDER);
        transport = configuration.newTransport(PROVIDER);
        healthChecks = SmsHealthChecks.registerProducer((PwapiEndpoint) getEndpoint());
    }

    @Override
    protected void doStop() throws Exception {
        healthChecks.close();
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        List<SmsMessage> messages = OutgoingMessages.from(exchange);
        SendJob<PwapiMessage> job = new SendJob<>(PROVIDER, messages.size(), configuration);
        job.prepareAll(messages, (index, message) -> prepare(index, message, job));
        SendResult result = job.send(configuration.getBatchSize(), this::sendBatch);
        OutgoingMessages.setResult(exchange, result);
    }

    private Prepared<PwapiMessage> prepare(int index, SmsMessage message, SendJob<PwapiMessage> job) {
        MessageRules rules = new MessageRules(index);
        String mobile = null;
        try {
            mobile = PwapiMessage.mobile(PhoneNumbers.parse(message.recipient(), configuration.getDefaultRegion()));
        } catch (PhoneNumbers.InvalidPhoneNumberException e) {
            rules.invalidNumber("mobile", e.getMessage());
        }
        String externalId = message.externalId() != null ? message.externalId() : SendJob.newExternalId();
        String auxUser = message.option(AUX_USER);
        String sendProject = message.options().getOrDefault(SEND_PROJECT, configuration.getSendProject());
        rules.required("message", message.text())
                .maxTextLength("message", message.text(), PwapiMessage.MAX_MESSAGE)
                .maxLength("id_extern", externalId, PwapiMessage.MAX_ID_EXTERN)
                .maxLength("aux_user", auxUser, PwapiMessage.MAX_AUX_USER)
                .oneOf("send_project", sendProject, PwapiMessage.SEND_PROJECT_VALUES);
        SmsText text = SmsText.of(message.text());
        if (!rules.ok()) {
            job.invalid(index, mobile != null ? mobile : message.recipient(), externalId, text, rules);
            return null;
        }
        return new Prepared<>(index, mobile, externalId, text,
                new PwapiMessage(externalId, auxUser == null ? "" : auxUser, mobile, sendProject, message.text()));
    }

    private SendJob.BatchOutcome sendBatch(List<Prepared<PwapiMessage>> batch) throws Exception {
        PwapiRequest request = new PwapiRequest(configuration.getVersion(), configuration.getCredential(),
                configuration.getToken(), configuration.getOperation().function(), configuration.getPrincipalUser(),
                List.of());
        // a bulk body is written on all cores, its messages in chunks
        byte[] json;
        try {
            json = Json.writeWithArray(request, "messages", batch.stream().map(Prepared::wire).toList());
        } catch (IOException e) {
            throw new SmsException(PROVIDER, "cannot write the request as JSON: " + e.getMessage(), e);
        }
        retryPolicy.call("pwapi " + request.function() + " of " + batch.size() + " messages",
                () -> checkReturnCode(transport.send(request.function(), "POST", uri, json, "application/json",
                        Map.of())));
        return SendJob.BatchOutcome.allAccepted(null, batch);
    }

    private PwapiReturnCode checkReturnCode(HttpReply reply) {
        if (!reply.isSuccess()) {
            throw reply.unexpected("HTTP " + reply.status(), null);
        }
        String raw = reply.json(PwapiResponse.class).returncode();
        PwapiReturnCode code = PwapiReturnCode.of(raw);
        if (code == null) {
            throw reply.unexpected("returncode '" + raw + "' is not in the document", null);
        }
        if (code != PwapiReturnCode.SUCCESS) {
            throw new SmsProviderException(PROVIDER, code.code(), code.meaning(), code.failure(), reply.status());
        }
        return code;
    }
}
