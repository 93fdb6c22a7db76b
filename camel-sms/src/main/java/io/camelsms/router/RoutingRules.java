package io.camelsms.router;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.PhoneNumberUtil;

import io.camelsms.core.Phone;
import io.camelsms.core.PhoneNumbers;

/**
 * The ordered routing table of the {@code sms:} component, read from one text so that it fits a properties file, an
 * environment variable, a YAML value or an endpoint URI: rules separated by {@code ;} or new lines, each
 * {@code matchers: providers}.
 * <ul>
 * <li>matchers (comma separated): an ISO 3166 region ({@code BR}, the region libphonenumber gives the whole number,
 * so {@code +7 7...} is {@code KZ} and {@code +7 9...} is {@code RU}), a number prefix in E.164 ({@code +5511}), or
 * {@code default} (matches every number);</li>
 * <li>providers (comma separated, in failover order): component schemes sent to as {@code <scheme>:send}, or
 * {@code reject} (numbers of that rule are rejected, never sent).</li>
 * </ul>
 * The first rule whose matcher matches wins. A number no rule matches is rejected with the reason.
 */
public final class RoutingRules {

    static final String DEFAULT = "default";
    static final String REJECT = "reject";
    private static final Pattern RULE_SEPARATOR = Pattern.compile("[;\\n]");
    private static final Pattern PREFIX = Pattern.compile("\\+\\d{1,15}");

    private final List<Rule> rules;
    private final String text;

    private RoutingRules(List<Rule> rules, String text) {
        this.rules = List.copyOf(rules);
        this.text = text;
    }

    /**
     * One rule: where it matches and where it sends.
     *
     * @param regions   ISO regions it matches
     * @param prefixes  E.164 prefixes it matches ({@code +5511})
     * @param matchAll  whether it is the default rule
     * @param providers schemes in failover order; empty for a rule that rejects
     * @param text      the rule as written, for reasons and logs
     */
    public record Rule(Set<String> regions, List<String> prefixes, boolean matchAll, List<String> providers,
                       String text) {

        boolean matches(String e164, String region) {
            return matchAll || regions.contains(region) || prefixes.stream().anyMatch(e164::startsWith);
        }

        public boolean rejects() {
            return providers.isEmpty();
        }
    }

    /**
     * Parses the table; a rule that cannot be read fails with the rule and what is wrong with it.
     *
     * @throws IllegalArgumentException naming the rule and the part that is wrong
     */
    public static RoutingRules parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("sms: option 'rules' is required, e.g. \"BR: painel, pwapi;"
                    + " MX, US: smsclouds; default: reject\"");
        }
        Set<String> isoRegions = PhoneNumberUtil.getInstance().getSupportedRegions();
        List<Rule> rules = new ArrayList<>();
        for (String raw : RULE_SEPARATOR.split(text)) {
            String rule = raw.strip();
            if (rule.isEmpty()) {
                continue;
            }
            int colon = rule.indexOf(':');
            if (colon < 0) {
                throw invalid(rule, "no ':' between the numbers it matches and its providers");
            }
            Set<String> regions = new LinkedHashSet<>();
            List<String> prefixes = new ArrayList<>();
            boolean matchAll = false;
            for (String matcher : items(rule.substring(0, colon))) {
                if (matcher.equalsIgnoreCase(DEFAULT)) {
                    matchAll = true;
                } else if (PREFIX.matcher(matcher).matches()) {
                    prefixes.add(matcher);
                } else if (isoRegions.contains(matcher.toUpperCase(Locale.ROOT))) {
                    regions.add(matcher.toUpperCase(Locale.ROOT));
                } else {
                    throw invalid(rule, "'" + matcher + "' is neither an ISO 3166 region (BR), a number prefix"
                            + " (+5511) nor 'default'");
                }
            }
            List<String> providers = items(rule.substring(colon + 1));
            if (!matchAll && regions.isEmpty() && prefixes.isEmpty()) {
                throw invalid(rule, "it matches no number");
            }
            if (providers.isEmpty()) {
                throw invalid(rule, "no provider (name one, or 'reject')");
            }
            if (providers.contains(REJECT)) {
                if (providers.size() > 1) {
                    throw invalid(rule, "'reject' cannot be mixed with providers");
                }
                providers = List.of();
            }
            if (providers.size() != new LinkedHashSet<>(providers).size()) {
                throw invalid(rule, "a provider is named twice");
            }
            rules.add(new Rule(regions, prefixes, matchAll, providers, rule));
        }
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("sms: option 'rules' holds no rule");
        }
        return new RoutingRules(rules, text);
    }

    private static List<String> items(String list) {
        List<String> items = new ArrayList<>();
        for (String item : list.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items;
    }

    private static IllegalArgumentException invalid(String rule, String why) {
        return new IllegalArgumentException("sms: routing rule '" + rule + "' cannot be read: " + why);
    }

    /** The first rule matching the number, if any. */
    public Optional<Rule> match(Phone phone) {
        String e164 = phone.e164();
        String region = PhoneNumbers.regionOf(phone);
        return rules.stream().filter(rule -> rule.matches(e164, region)).findFirst();
    }

    /** Every provider some rule names, in the order they first appear. */
    public Set<String> providers() {
        Set<String> providers = new LinkedHashSet<>();
        rules.forEach(rule -> providers.addAll(rule.providers()));
        return providers;
    }

    public List<Rule> rules() {
        return rules;
    }

    @Override
    public String toString() {
        return text;
    }
}
