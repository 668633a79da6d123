package dev.bastion.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.orm.InvalidRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void placeholdersAreFilledAndMissingOptionalOnesAreEmpty() {
        assertEquals("Review Acme for 3 months.", Template.render("Review {partner} for {months} months{note}.",
                Map.of("partner", "Acme", "months", "3")));
        assertEquals(List.of("partner", "months"), Template.placeholders("{partner} {months} {partner}"));
    }

    @Test
    void doubledBracesAreLiteral() {
        assertEquals("Use {\"state\": \"sale\"} for x", Template.render("Use {{\"state\": \"sale\"}} for {v}", Map.of("v", "x")));
        assertEquals("{v}", Template.render("{{v}}", Map.of("v", "x")), "an escaped placeholder stays as written");
    }

    @Test
    void valuesAreNeverReinterpreted() {
        assertEquals("a {b} c", Template.render("a {x} c", Map.of("x", "{b}")));
    }

    @Test
    void loneBracesAreRefusedWithTheirPosition() {
        assertTrue(assertThrows(InvalidRequest.class, () -> Template.parse("a { b")).getMessage().contains("at 2"));
        assertTrue(assertThrows(InvalidRequest.class, () -> Template.parse("a } b")).getMessage().contains("lone '}'"));
        assertThrows(InvalidRequest.class, () -> Template.parse("{1abc}"));
        assertThrows(InvalidRequest.class, () -> Template.parse(null));
    }
}
