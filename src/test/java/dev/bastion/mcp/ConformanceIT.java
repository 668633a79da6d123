package dev.bastion.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.testing.Conformance;
import dev.bastion.testing.Deployments;
import java.net.URL;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The official MCP conformance suite against the real WAR plus the fixture module, for every
 * revision. Any failed check fails the test; the counts are printed.
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
        assertConformant(Conformance.run(localUrl(), selection));
    }

    private static void assertConformant(Conformance.Result result) {
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

    /**
     * 2026-07-28: the scored requirements plus the pending header and schema scenarios the suite
     * runs with them. The tasks extension (SEP-2663) is not implemented and not scored.
     */
    @Test
    void requirementsOf2026_07_28() throws Exception {
        Conformance.Result all = Conformance.run(localUrl(), "--requirements", "2026-07-28");
        Conformance.Result scored = all.without(name -> name.startsWith("tasks-"));
        assertTrue(scored.scenarios().stream().map(Conformance.Scenario::name).toList().containsAll(List.of(
                "server-stateless", "caching", "http-header-validation", "http-custom-header-server-validation",
                "json-schema-2020-12", "input-required-result-tampered-state")), scored::toString);
        assertConformant(scored);
    }

    @Test
    void pendingAndLateScenariosOf2025_11_25() throws Exception {
        for (String scenario : new String[] {"server-session-lifecycle", "server-sse-polling", "json-schema-2020-12"}) {
            assertConformant("--spec-version", "2025-11-25", "--scenario", scenario);
        }
    }
}
