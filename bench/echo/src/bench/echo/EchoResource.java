package bench.echo;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.Map;

/**
 * The platform's ceiling for bench/throughput.sh: parses a JSON-RPC request body and answers
 * a fixed result with its id, as JSON, and does nothing else. The JSON-P provider and reader
 * factory are resolved once, as Bastion's own {@code Jsons} does, so the figure is Payara's
 * HTTP + JAX-RS + JSON-P path and not a provider lookup.
 */
@Path("mcp")
public class EchoResource {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final JsonReaderFactory READERS = JSON.createReaderFactory(Map.of());

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String echo(InputStream body) {
        JsonObject request;
        try (JsonReader reader = READERS.createReader(body)) {
            request = reader.readObject();
        }
        return JSON.createObjectBuilder().add("jsonrpc", "2.0").add("id", request.get("id"))
                .add("result", JSON.createObjectBuilder().add("echo", request.getString("method"))).build().toString();
    }
}
