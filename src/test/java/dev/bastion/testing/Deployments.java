package dev.bastion.testing;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The archives the integration tests deploy: always the WAR Maven built, never a hand-made one. */
public final class Deployments {

    private Deployments() {
    }

    /** The built WAR file, {@code target/bastion.war}. */
    public static File builtWar() {
        File war = new File(System.getProperty("bastion.war", "target/bastion.war"));
        if (!war.isFile()) {
            throw new IllegalStateException("Build the WAR first (mvn package): " + war.getAbsolutePath());
        }
        return war;
    }

    /**
     * The shipped WAR as it is, named {@code ROOT.war} so Payara Micro serves it at the context
     * root {@code /} as the run command does.
     */
    public static WebArchive shippedWar() {
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(builtWar()).as(WebArchive.class);
    }
}
