package dev.bastion.mcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One validator serves every thread: concurrent calls get the answer each would get alone (issue 18, finding 10). */
class ArgumentValidatorTest {

    private static final JsonObject SCHEMA = json("""
            {"type":"object","properties":{
              "model":{"type":"string"},
              "values":{"oneOf":[{"type":"object"},{"type":"array","items":{"type":"object"},"minItems":1}]},
              "ids":{"type":"array","items":{"type":"integer"},"minItems":1},
              "context":{"type":"object","properties":{"tz":{"type":"string"},
                "allowed_company_ids":{"type":"array","items":{"type":"integer"}}},"additionalProperties":false}},
             "required":["model"],"additionalProperties":false}""");

    private static final List<JsonObject> ARGUMENTS = List.of(
            json("{\"model\":\"res.partner\",\"values\":{\"name\":\"x\"}}"),
            json("{\"model\":\"res.partner\",\"values\":[{\"name\":\"x\"},{\"name\":\"y\"}],\"ids\":[1,2]}"),
            json("{\"model\":7,\"values\":[]}"),
            json("{\"model\":\"res.partner\",\"values\":\"text\",\"context\":{\"tz\":1,\"other\":true}}"),
            json("{\"ids\":[\"a\"],\"extra\":1}"));

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void concurrentValidationsAnswerAsEachWouldAlone() throws Exception {
        ArgumentValidator validator = new ArgumentValidator();
        List<Optional<String>> alone = ARGUMENTS.stream().map(a -> validator.problems(SCHEMA, a)).toList();
        assertTrue(alone.get(0).isEmpty() && alone.get(1).isEmpty() && alone.get(2).isPresent(), alone.toString());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Integer>> workers = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int offset = t;
                workers.add(() -> {
                    int wrong = 0;
                    for (int i = 0; i < 500; i++) {
                        int k = (i + offset) % ARGUMENTS.size();
                        if (!validator.problems(SCHEMA, ARGUMENTS.get(k)).equals(alone.get(k))) {
                            wrong++;
                        }
                    }
                    return wrong;
                });
            }
            int wrong = 0;
            for (Future<Integer> f : pool.invokeAll(workers)) {
                wrong += f.get();
            }
            assertEquals(0, wrong, "answers that differ from the single-threaded ones");
        } finally {
            pool.shutdownNow();
        }
    }
}
