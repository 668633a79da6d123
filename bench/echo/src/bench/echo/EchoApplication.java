package bench.echo;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The echo's JAX-RS application: everything under the WAR's context root. */
@ApplicationPath("/")
public class EchoApplication extends Application {
}
