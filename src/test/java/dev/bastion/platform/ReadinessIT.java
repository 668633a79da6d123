package dev.bastion.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.testing.Deployments;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.net.URL;
import java.util.List;
import java.util.Locale;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shipped WAR starts, migrates its database and reports ready. */
@ExtendWith(ArquillianExtension.class)
class ReadinessIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.shippedWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void readyWhenDatabaseIsMigrated() {
        Client client = ClientBuilder.newClient();
        try (Response response = client.target(base.toString()).path("health/ready").request().get()) {
            assertEquals(200, response.getStatus());
            JsonObject body = response.readEntity(JsonObject.class);
            assertEquals("UP", body.getString("status"));
            // Found by name: the cluster check (bastion.cluster.enabled) stands beside it, in no set order.
            JsonObject database = body.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                    .filter(check -> "database".equals(check.getString("name"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no database check: " + body));
            assertEquals("UP", database.getString("status"));
        } finally {
            client.close();
        }
    }

    /**
     * Without credentials, health says UP or DOWN and nothing about the installation, the
     * database or the schema; metrics and the OpenAPI document are not served at all.
     */
    @Test
    void anonymousCallersLearnNothingFromHealthMetricsOrOpenApi() {
        Client client = ClientBuilder.newClient();
        try {
            for (String path : List.of("health", "health/ready", "health/live", "health/started")) {
                try (Response response = client.target(base.toString()).path(path).request().get()) {
                    String body = response.readEntity(String.class);
                    assertEquals(200, response.getStatus(), path + ": " + body);
                    JsonObject health = Json.createReader(new StringReader(body)).readObject();
                    for (JsonValue check : health.getJsonArray("checks")) {
                        JsonObject data = check.asJsonObject().getJsonObject("data");
                        assertTrue(data == null || data.isEmpty(), path + " shows details: " + body);
                    }
                    for (String secret : List.of("installation", "vendor", "schema", "h2", "postgres", "jdbc", "version")) {
                        assertFalse(body.toLowerCase(Locale.ROOT).contains(secret), path + " mentions " + secret + ": " + body);
                    }
                }
            }
            for (String path : List.of("metrics", "metrics/base", "metrics/vendor", "metrics/application", "openapi")) {
                try (Response response = client.target(base.toString()).path(path).request().get()) {
                    String body = response.readEntity(String.class);
                    assertTrue(response.getStatus() == 403 || response.getStatus() == 404,
                            path + " is served to anyone: " + response.getStatus() + " " + body);
                    assertFalse(body.contains("# TYPE") || body.contains("openapi:") || body.contains("H2Pool")
                            || body.contains("jdbc"), path + " shows internals: " + body);
                }
            }
        } finally {
            client.close();
        }
    }

    @Test
    void shippedWarAdmitsNoAnonymousMcpCaller() {
        Client client = ClientBuilder.newClient();
        try (Response response = client.target(base.toString()).path("mcp").request()
                .header("Accept", "application/json, text/event-stream")
                .post(jakarta.ws.rs.client.Entity.json("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                        + "\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                        + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}"))) {
            assertEquals(401, response.getStatus());
            assertEquals(true, response.getHeaderString("WWW-Authenticate").startsWith("Bearer"));
        } finally {
            client.close();
        }
    }

    @Test
    void landingPageAtContextRoot() {
        Client client = ClientBuilder.newClient();
        try (Response response = client.target(base.toString()).request().get()) {
            assertEquals(200, response.getStatus());
            assertEquals(true, response.readEntity(String.class).contains("/mcp"));
        } finally {
            client.close();
        }
    }
}
