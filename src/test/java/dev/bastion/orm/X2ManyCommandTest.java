package dev.bastion.orm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class X2ManyCommandTest {

    private static List<X2ManyCommand> parse(String text) {
        return X2ManyCommand.parse("order_line", Json.createReader(new StringReader(text)).readValue());
    }

    private static String problem(String text) {
        return assertThrows(InvalidRequest.class, () -> parse(text)).getMessage();
    }

    @Test
    void everyOdooCommand() {
        List<X2ManyCommand> c = parse("[[0,0,{\"name\":\"a\"}],[1,7,{\"name\":\"b\"}],[2,8],[3,9],[4,10],[5],[6,0,[1,2]]]");
        assertEquals(List.of(X2ManyCommand.Kind.values()), c.stream().map(X2ManyCommand::kind).toList());
        assertEquals("a", c.get(0).values().getString("name"));
        assertEquals(7, c.get(1).id());
        assertEquals(10, c.get(4).id());
        assertEquals(List.of(1L, 2L), c.get(6).ids());
    }

    @Test
    void plainIdsMeanSetAndFalseMeansClear() {
        X2ManyCommand set = parse("[3,4]").get(0);
        assertEquals(X2ManyCommand.Kind.SET, set.kind());
        assertEquals(List.of(3L, 4L), set.ids());
        assertEquals(X2ManyCommand.Kind.CLEAR, X2ManyCommand.parse("x", JsonValue.FALSE).get(0).kind());
        assertEquals(List.of(), parse("[]"), "an empty command list changes nothing, as in Odoo");
    }

    @Test
    void malformedCommandsAreNamed() {
        assertTrue(problem("[[7,1]]").contains("unknown command 7"), problem("[[7,1]]"));
        assertTrue(problem("[[0,0]]").contains("object of values"));
        assertTrue(problem("[[1,\"x\",{}]]").contains("record id"));
        assertTrue(problem("[[4,-1]]").contains("record id"));
        assertTrue(problem("[[6,0,[\"1\"]]]").contains("positive integers"));
        assertTrue(problem("[[6,0]]").contains("[6, 0, [ids]]"));
        assertTrue(problem("\"1,2\"").contains("list of ids or of commands"));
        assertTrue(problem("[[\"0\",0,{}]]").contains("starts with its number"));
        assertTrue(problem("[1,[4,2]]").contains("each command is a list"));
        assertTrue(problem("[" + "1,".repeat(X2ManyCommand.MAX_COMMANDS) + "1]").contains("at most"));
        assertTrue(problem("[[0,0,1]]").startsWith("Field 'order_line': "));
    }
}
