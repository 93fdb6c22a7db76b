package io.camelsms.router;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.camelsms.core.PhoneNumbers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The routing table's text form: what each rule matches, in order, and a clear error for a rule that is wrong. */
class RoutingRulesTest {

    private static List<String> providersOf(RoutingRules rules, String number) {
        return rules.match(PhoneNumbers.parse(number, null)).map(RoutingRules.Rule::providers).orElse(null);
    }

    @Test
    void theFirstMatchingRuleWinsWhetherItMatchesAPrefixARegionOrEverything() {
        RoutingRules rules = RoutingRules.parse("+5511: pwapi\nBR: painel, pwapi; MX, US: smsclouds; default: reject");

        assertEquals(List.of("pwapi"), providersOf(rules, "+5511912345678"));
        assertEquals(List.of("painel", "pwapi"), providersOf(rules, "+5521988887777"));
        assertEquals(List.of("smsclouds"), providersOf(rules, "+525512345678"));
        assertEquals(List.of(), providersOf(rules, "+393331234567"), "the default rule rejects");
        assertEquals(List.of("pwapi", "painel", "smsclouds"), List.copyOf(rules.providers()));
    }

    @Test
    void aNumberNoRuleMatchesHasNoRoute() {
        assertEquals(null, providersOf(RoutingRules.parse("BR: painel"), "+393331234567"));
    }

    @Test
    void aRuleThatCannotBeReadIsNamedWithWhatIsWrong() {
        assertEquals("sms: routing rule 'BR painel' cannot be read: no ':' between the numbers it matches and its"
                + " providers", assertThrows(IllegalArgumentException.class,
                        () -> RoutingRules.parse("BR painel")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RoutingRules.parse("Brazil: painel"))
                .getMessage().contains("'Brazil' is neither an ISO 3166 region (BR), a number prefix (+5511) nor"
                        + " 'default'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RoutingRules.parse("BR: painel, reject"))
                .getMessage().endsWith("'reject' cannot be mixed with providers"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RoutingRules.parse("BR:"))
                .getMessage().endsWith("no provider (name one, or 'reject')"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RoutingRules.parse(" "))
                .getMessage().startsWith("sms: option 'rules' is required"));
    }
}
