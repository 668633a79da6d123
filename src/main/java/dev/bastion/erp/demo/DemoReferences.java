package dev.bastion.erp.demo;

import dev.bastion.erp.base.Company;
import dev.bastion.erp.base.Country;
import dev.bastion.erp.base.Currency;
import dev.bastion.erp.base.Group;
import java.util.Map;

/**
 * What the demo data builds on: the seeded currencies and countries (by code), groups (by
 * xml_id) and the main company.
 */
public record DemoReferences(Map<String, Currency> currencies, Map<String, Country> countries,
                             Map<String, Group> groups, Company mainCompany) {

    Currency currency(String code) {
        return require(currencies, code, "currency");
    }

    Country country(String code) {
        return require(countries, code, "country");
    }

    /** The group {@code xmlId}, or null when its module is not installed. */
    Group group(String xmlId) {
        return groups.get(xmlId);
    }

    private static <T> T require(Map<String, T> map, String key, String what) {
        T value = map.get(key);
        if (value == null) {
            throw new IllegalStateException("demo data needs the seeded " + what + " " + key);
        }
        return value;
    }
}
