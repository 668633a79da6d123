package dev.bastion.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.testing.Conformance;
import dev.bastion.testing.Deployments;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The official MCP conformance suite against the real WAR plus the fixture module, for every
 * stateful revision. Any failed check fails the test; the counts are printed.
 */
@ExtendWith(ArquillianExtension.class)
class ConformanceIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.shippedWar().addPackage("dev.bastion.mcp.fixture");
    }

    @ArquillianResource
    URL base;

    /** The suite's DNS-rebinding check needs a localhost URL, not the machine's address. */
    private String localUrl() {
        return "http://localhost:" + base.getPort() + "/mcp";
    }

    private void assertConformant(String... selection) throws Exception {
        Conformance.Result result = Conformance.run(localUrl(), selection);
        System.out.println("[conformance] " + result);
        assertEquals(0, result.failed(), () -> result + "\n" + result.output());
        assertTrue(result.passed() > 0, () -> "no check ran:\n" + result.output());
    }

    @Test
    void requirementsOf2025_11_25() throws Exception {
        assertConformant("--requirements", "2025-11-25");
    }

    @Test
    void specVersion2025_06_18() throws Exception {
        assertConformant("--spec-version", "2025-06-18");
    }

    @Test
    void specVersion2025_03_26() throws Exception {
        assertConformant("--spec-version", "2025-03-26");
    }

    @Test
    void pendingAndLateScenariosOf2025_11_25() throws Exception {
        for (String scenario : new String[] {"server-session-lifecycle", "server-sse-polling", "json-schema-2020-12"}) {
            assertConformant("--spec-version", "2025-11-25", "--scenario", scenario);
        }
    }
}
