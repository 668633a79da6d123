package dev.bastion.erp.base;

import dev.bastion.orm.ModelInfo;
import dev.bastion.orm.ModelRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The installed business modules (for {@code list_modules}): every {@link ModuleDescriptor}
 * bean, dependencies first, each with the technical names of its models.
 */
@ApplicationScoped
public class Modules {

    @Inject
    @Any
    Instance<ModuleDescriptor> descriptors;

    @Inject
    ModelRegistry models;

    /**
     * One installed module.
     *
     * @param models technical names of its models, sorted
     */
    public record Module(String name, String title, String version, String summary, List<String> depends,
                         List<String> models) {
    }

    /** Every module, each after the modules it depends on, otherwise by name. */
    public List<Module> all() {
        Map<String, ModuleDescriptor> byName = new LinkedHashMap<>();
        descriptors.stream().sorted(Comparator.comparing(ModuleDescriptor::name)).forEach(d -> byName.put(d.name(), d));
        List<Module> ordered = new ArrayList<>();
        for (ModuleDescriptor d : byName.values()) {
            visit(d, byName, ordered, new ArrayList<>());
        }
        return ordered;
    }

    /** The module named {@code name}. */
    public Optional<Module> find(String name) {
        return all().stream().filter(m -> m.name().equals(name)).findFirst();
    }

    private void visit(ModuleDescriptor d, Map<String, ModuleDescriptor> byName, List<Module> ordered, List<String> path) {
        if (ordered.stream().anyMatch(m -> m.name().equals(d.name())) || path.contains(d.name())) {
            return;
        }
        path.add(d.name());
        for (String dependency : d.depends()) {
            ModuleDescriptor required = byName.get(dependency);
            if (required != null) {
                visit(required, byName, ordered, path);
            }
        }
        List<String> own = models.all().values().stream().filter(m -> m.module().equals(d.name()))
                .map(ModelInfo::name).sorted().toList();
        ordered.add(new Module(d.name(), d.title(), d.version(), d.summary(), List.copyOf(d.depends()), own));
    }
}
