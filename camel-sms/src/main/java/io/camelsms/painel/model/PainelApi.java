package io.camelsms.painel.model;

import java.time.Duration;
import java.time.format.DateTimeFormatter;

/** Names, formats and limits of the Painel API manual ({@code GET /painel/api.ashx}), each in one place. */
public final class PainelApi {

    /** The one documented path; {@code action} selects the operation. */
    public static final String PATH = "/painel/api.ashx";

    public static final String ACTION = "action";
    public static final String LOGIN = "lgn";
    public static final String PASSWORD = "pwd";
    public static final String MSG = "msg";
    public static final String NUMBERS = "numbers";
    public static final String URL_CALLBACK = "url_callback";
    public static final String JOBDATE = "jobdate";
    public static final String JOBTIME = "jobtime";
    public static final String ID = "id";
    /** The callback's single query parameter. */
    public static final String DATA_CALLBACK = "data_callback";

    public static final String SENDSMS = "sendsms";
    public static final String GETSTATUS = "getstatus";
    public static final String GETBALANCE = "getbalance";
    public static final String HOLDSMS = "holdsms";
    public static final String RELEASESMS = "releasesms";

    /** {@code jobdate}: {@code 24/12/2013}. */
    public static final DateTimeFormatter JOBDATE_FORMAT = DateTimeFormatter.ofPattern("dd/MM/uuuu");
    /** {@code jobtime}: {@code 16:00}. */
    public static final DateTimeFormatter JOBTIME_FORMAT = DateTimeFormatter.ofPattern("HH:mm");
    /** The callback's {@code data_resposta}: {@code yyyy-MM-dd HH:mm:ss}. */
    public static final DateTimeFormatter DATA_RESPOSTA_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    /** "Esse comando só poderá ser solicitado de 1 em 1 minuto": getstatus and getbalance, per account. */
    public static final Duration QUERY_INTERVAL = Duration.ofMinutes(1);
    /**
     * Longest request URL the component builds by default. The manual names no limit; 8,000 stays under common
     * server limits for a request line (IIS's own default query-string limit is lower, 2,048: lower
     * {@code maxUrlLength} if the panel answers 404.15/414).
     */
    public static final int DEFAULT_MAX_URL_LENGTH = 8_000;
    /** A national number with area code: 2-digit DDD plus 8 or 9 digits. */
    public static final String NATIONAL_NUMBER_PATTERN = "\\d{10,11}";
    /** The plain-text answer to an action the panel does not know (not JSON). */
    public static final String INVALID_OPERATION_TEXT = "0:OPERACAO INVALIDA";
    /** {@code status} of a successful reply. */
    public static final int STATUS_SUCCESS = 1;
    /** {@code msg} of a successful send, hold or release. */
    public static final String MSG_SUCCESS = "SUCESSO";
    /** {@code msg} of a refused login, as public clients report it. */
    public static final String MSG_LOGIN_FAILED = "falha ao realizar login";
    /** The panel is Brazilian; its dates are local to the account. */
    public static final String DEFAULT_TIME_ZONE = "America/Sao_Paulo";

    private PainelApi() {
    }
}
