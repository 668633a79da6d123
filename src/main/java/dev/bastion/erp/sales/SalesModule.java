package dev.bastion.erp.sales;

import dev.bastion.erp.base.ModuleDescriptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The {@code sales} module: quotations, sales orders and their invoicing. */
@ApplicationScoped
public class SalesModule implements ModuleDescriptor {

    @Override
    public String name() {
        return "sales";
    }

    @Override
    public String title() {
        return "Sales";
    }

    @Override
    public String version() {
        return "1.0";
    }

    @Override
    public String summary() {
        return "Quotations and sales orders, from sending to confirmation and invoicing";
    }

    @Override
    public List<String> depends() {
        return List.of("base", "product", "invoicing");
    }
}
