package dev.bastion.orm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonReader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class DomainTest {

    private static JsonArray json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readArray();
        }
    }

    private static String problem(String domain) {
        return assertThrows(InvalidRequest.class, () -> Domain.parse(json(domain))).getMessage();
    }

    @Test
    void emptyMatchesAll() {
        assertInstanceOf(Domain.All.class, Domain.parse(null));
        assertInstanceOf(Domain.All.class, Domain.parse(json("[]")));
    }

    @Test
    void implicitAndAndPrefixOperators() {
        Domain d = Domain.parse(json("[[\"state\",\"=\",\"sale\"], \"|\", [\"a\",\"=\",1], [\"b\",\"ilike\",\"x\"]]"));
        Domain.And and = assertInstanceOf(Domain.And.class, d);
        assertEquals("state", ((Domain.Leaf) and.left()).path());
        Domain.Or or = assertInstanceOf(Domain.Or.class, and.right());
        assertEquals("ilike", ((Domain.Leaf) or.right()).operator());
        assertEquals(3, Domain.leaves(d).size());
    }

    @Test
    void notAndDottedPaths() {
        Domain d = Domain.parse(json("[\"!\", [\"partner_id.country_id.code\",\"in\",[\"BE\",\"FR\"]]]"));
        Domain.Not not = assertInstanceOf(Domain.Not.class, d);
        assertEquals("partner_id.country_id.code", ((Domain.Leaf) not.operand()).path());
    }

    @Test
    void malformedDomainsNameTheProblem() {
        assertTrue(problem("[\"|\", [\"a\",\"=\",1]]").contains("ends too early"));
        assertTrue(problem("[\"or\", [\"a\",\"=\",1]]").contains("'or' is not an operator"));
        assertTrue(problem("[[\"a\",\"=\"]]").contains("three parts"));
        assertTrue(problem("[[\"a\",\"~\",1]]").contains("unknown operator"));
        assertTrue(problem("[[1,\"=\",1]]").contains("the field must be a name"));
        assertTrue(problem("[42]").contains("must be '&', '|', '!'"));
    }

    @Test
    void injectionInFieldNamesIsJustAnUnknownNameNotSql() {
        Domain.Leaf leaf = (Domain.Leaf) Domain.parse(json("[[\"name; drop table res_partner\",\"=\",\"x\"]]"));
        assertEquals("name; drop table res_partner", leaf.path(), "kept verbatim, to be refused by the model check");
        assertTrue(problem("[[\"name\",\"= 1 or 1=1 --\",\"x\"]]").contains("unknown operator"));
    }

    @Test
    void hostileSizesAreBounded() {
        JsonArrayBuilder deep = Json.createArrayBuilder();
        for (int i = 0; i < 100; i++) {
            deep.add("!");
        }
        deep.add(Json.createArrayBuilder().add("a").add("=").add(1));
        assertTrue(problem(deep.build().toString()).contains("nested too deeply"));

        JsonArrayBuilder ids = Json.createArrayBuilder();
        for (int i = 0; i < Domain.MAX_VALUES + 1; i++) {
            ids.add(i);
        }
        String huge = Json.createArrayBuilder().add(Json.createArrayBuilder().add("id").add("in").add(ids)).build().toString();
        assertTrue(problem(huge).contains("at most " + Domain.MAX_VALUES));

        JsonArrayBuilder many = Json.createArrayBuilder();
        for (int i = 0; i < Domain.MAX_TERMS + 1; i++) {
            many.add(Json.createArrayBuilder().add("a").add("=").add(i));
        }
        assertTrue(problem(many.build().toString()).contains("Domain too long"));
    }
}
