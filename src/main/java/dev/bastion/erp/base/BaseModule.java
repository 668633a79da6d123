package dev.bastion.erp.base;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The {@code base} module: companies, currencies, countries, partners, users and groups. */
@ApplicationScoped
public class BaseModule implements ModuleDescriptor {

    @Override
    public String name() {
        return "base";
    }

    @Override
    public String title() {
        return "Base";
    }

    @Override
    public String version() {
        return "1.0";
    }

    @Override
    public String summary() {
        return "Companies, currencies, countries, contacts (customers, suppliers), users and groups";
    }

    @Override
    public List<String> depends() {
        return List.of();
    }
}
