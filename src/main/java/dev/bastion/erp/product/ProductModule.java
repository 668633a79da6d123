package dev.bastion.erp.product;

import dev.bastion.erp.base.ModuleDescriptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The {@code product} module: products, services and their categories. */
@ApplicationScoped
public class ProductModule implements ModuleDescriptor {

    @Override
    public String name() {
        return "product";
    }

    @Override
    public String title() {
        return "Products";
    }

    @Override
    public String version() {
        return "1.0";
    }

    @Override
    public String summary() {
        return "Goods and services with prices, costs, barcodes and categories";
    }

    @Override
    public List<String> depends() {
        return List.of("base");
    }
}
