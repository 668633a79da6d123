package dev.bastion.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.json.Jsons;
import dev.bastion.orm.Records;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The search answer's text mirror is its structured content's JSON, cut or not. */
class SearchResultTest {

    private static Records.Page page(int records, Long total, boolean more) {
        JsonArrayBuilder b = Jsons.createArrayBuilder();
        for (int i = 1; i <= records; i++) {
            b.add(Jsons.createObjectBuilder().add("id", i).add("name", "Partner \"" + i + "\" é\n").add("active", true));
        }
        return new Records.Page(b.build(), total, 0, 80, more);
    }

    private static String mirror(SearchResult r) {
        return r.result().content().get(0).getString("text");
    }

    @Test
    void theMirrorIsTheStructuredContentsJson() {
        SearchResult r = SearchResult.of("res.partner", page(3, 3L, false), 0, 1_000_000);
        JsonObject data = r.result().structuredContent();
        assertEquals(data.toString(), mirror(r));
        assertEquals(List.of(1L, 2L, 3L), r.ids());
        assertEquals(3, data.getInt("count"));
        assertFalse(data.getBoolean("more"));
        assertTrue(data.isNull("next_offset"));
    }

    @Test
    void aPageOverTheBudgetIsCutAtARecordAndContinuesThere() {
        SearchResult r = SearchResult.of("res.partner", page(50, null, false), 0, 200);
        JsonObject data = r.result().structuredContent();
        assertEquals(data.toString(), mirror(r));
        int kept = data.getInt("count");
        assertTrue(kept > 0 && kept < 50, "kept " + kept);
        assertTrue(data.getBoolean("truncated"));
        assertTrue(data.getBoolean("more"));
        assertEquals(kept, data.getInt("next_offset"));
        assertTrue(data.isNull("total"));
        assertEquals(kept, r.ids().size());
    }

    @Test
    void oneRecordIsSentEvenWhenItAloneExceedsTheBudget() {
        SearchResult r = SearchResult.of("res.partner", page(2, 2L, false), 0, 1);
        assertEquals(1, r.result().structuredContent().getInt("count"));
        assertEquals(r.result().structuredContent().toString(), mirror(r));
    }
}
