package dev.bastion.testing;

import dev.bastion.orm.ModelInfo;
import dev.bastion.orm.ModelRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.TreeMap;

/**
 * The number of rows of every model the data engine knows: what a test compares before and
 * after. Models only the server writes (the audit trail) grow with every request and are
 * counted apart ({@link #kept}).
 */
@ApplicationScoped
@Transactional
public class ModelCounts {

    @Inject
    EntityManager em;

    @Inject
    ModelRegistry registry;

    public Map<String, Long> now() {
        Map<String, Long> counts = new TreeMap<>();
        for (ModelInfo m : registry.all().values()) {
            if (m.readOnly()) {
                continue;
            }
            String entity = em.getMetamodel().entity(m.entity()).getName();
            counts.put(m.name(), em.createQuery("select count(e) from " + entity + " e", Long.class).getSingleResult());
        }
        return counts;
    }

    /** The rows of the server-kept model {@code model} (such as {@code mcp.audit.log}). */
    public long kept(String model) {
        String entity = em.getMetamodel().entity(registry.require(model).entity()).getName();
        return em.createQuery("select count(e) from " + entity + " e", Long.class).getSingleResult();
    }
}
