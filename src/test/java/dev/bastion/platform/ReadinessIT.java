package dev.bastion.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bastion.testing.Deployments;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import java.net.URL;
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
            JsonObject database = body.getJsonArray("checks").getJsonObject(0);
            assertEquals("database", database.getString("name"));
            assertEquals("true", database.getJsonObject("data").getString("reachable"));
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
