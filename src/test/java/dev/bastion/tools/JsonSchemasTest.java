package dev.bastion.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** JSON Schema 2020-12 checks of tool schemas, and the sentences that say what is wrong. */
class JsonSchemasTest {

    @Test
    void everyBuiltInSchemaIsAValidJsonSchema() {
        for (Builtin builtin : Builtin.values()) {
            assertEquals(Optional.empty(), JsonSchemas.problems(builtin.inputSchema().toString()), builtin + " input");
            assertEquals(Optional.empty(), JsonSchemas.problems(builtin.outputSchema().toString()), builtin + " output");
        }
    }

    @Test
    void aMisspelledTypeIsNamedWhereItIs() {
        String problem = JsonSchemas.problems("{\"type\":\"object\",\"properties\":{\"limit\":{\"type\":\"strin\"}}}")
                .orElseThrow();
        assertTrue(problem.startsWith("it is not a valid JSON Schema 2020-12: at /properties/limit/type: "), problem);
        assertTrue(problem.contains("\"strin\" is not one of") && problem.contains("\"string\""), problem);
    }

    @Test
    void wrongKeywordValuesAreRefusedWithTheirPlace() {
        assertTrue(JsonSchemas.problems("{\"type\":\"object\",\"required\":\"a\"}").orElseThrow()
                .contains("at /required: "));
        assertTrue(JsonSchemas.problems("{\"properties\":{\"a\":{\"minLength\":-1}}}").orElseThrow()
                .contains("at /properties/a/minLength: "));
    }

    @Test
    void textThatIsNoObjectIsRefusedPlainly() {
        assertTrue(JsonSchemas.problems("{\"type\":").orElseThrow().startsWith("it is not JSON: "));
        assertEquals("it must be a JSON object ({...}), not array", JsonSchemas.problems("[1]").orElseThrow());
        assertTrue(JsonSchemas.problems("  ").orElseThrow().startsWith("it is empty"));
    }
}
