package dev.bastion.erp.invoicing;

import dev.bastion.erp.base.ModuleDescriptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The {@code invoicing} module: invoices, bills, credit notes and payments. */
@ApplicationScoped
public class InvoicingModule implements ModuleDescriptor {

    @Override
    public String name() {
        return "invoicing";
    }

    @Override
    public String title() {
        return "Invoicing";
    }

    @Override
    public String version() {
        return "1.0";
    }

    @Override
    public String summary() {
        return "Customer invoices, vendor bills, credit notes, payments and amounts due";
    }

    @Override
    public List<String> depends() {
        return List.of("base", "product");
    }
}
