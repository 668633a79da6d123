package dev.bastion.erp.base;

import java.util.List;

/**
 * What a business module says about itself. Each module package has one
 * {@code @ApplicationScoped} implementation; {@link Modules} finds them through CDI, so a
 * module added to the WAR (or to a test deployment) is listed with no registry to edit. Its
 * models are the entities whose {@code @Model(module = ...)} names it.
 */
public interface ModuleDescriptor {

    /** Technical name, as in {@code @Model(module = ...)}: {@code sales}. */
    String name();

    /** Human title: "Sales". */
    String title();

    String version();

    /** One sentence on what the module does. */
    String summary();

    /** Technical names of the modules this one needs. */
    List<String> depends();
}
