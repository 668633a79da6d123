package dev.bastion.orm;

import java.util.List;

/**
 * The one door to data: every operation of the engine asks it first. The {@code access}
 * package implements it (model rights, record rules, MCP overrides); with no implementation
 * deployed the engine uses {@link DenyAll}.
 */
public interface AccessPolicy {

    /**
     * Refuses {@code operation} on {@code model} for this caller.
     *
     * @throws AccessDenied naming the model and operation
     */
    void checkModel(CallContext context, ModelInfo model, Operation operation);

    /**
     * Domains (parsed, over the model's technical field names, with no variables left: the
     * caller's ids are already filled in) every record the caller touches with
     * {@code operation} must match. They are ANDed with the caller's own domain; an empty list
     * means no restriction.
     */
    List<Domain> ruleDomains(CallContext context, ModelInfo model, Operation operation);

    /** Whether {@link #checkModel} lets {@code operation} on {@code model} through. */
    default boolean mayDo(CallContext context, ModelInfo model, Operation operation) {
        try {
            checkModel(context, model, operation);
            return true;
        } catch (AccessDenied e) {
            return false;
        }
    }

    /**
     * Refuses the use of {@code field} (reading it, filtering or ordering on it, or writing it).
     *
     * @throws AccessDenied naming the model and field
     */
    void checkField(CallContext context, ModelInfo model, String field, Operation operation);

    /** Whether {@link #checkField} lets {@code field} through. */
    default boolean mayUse(CallContext context, ModelInfo model, String field, Operation operation) {
        try {
            checkField(context, model, field, operation);
            return true;
        } catch (AccessDenied e) {
            return false;
        }
    }

    /**
     * Refuses calling business method {@code method} of {@code model} (MCP overrides can block
     * single methods).
     *
     * @throws AccessDenied naming the model and method
     */
    void checkMethod(CallContext context, ModelInfo model, String method);

    /** The policy when none is deployed: nothing is allowed. */
    final class DenyAll implements AccessPolicy {
        @Override
        public void checkModel(CallContext context, ModelInfo model, Operation operation) {
            throw new AccessDenied("no access policy is deployed, so " + operation.name().toLowerCase(java.util.Locale.ROOT)
                    + " on " + model.name() + " is refused");
        }

        @Override
        public List<Domain> ruleDomains(CallContext context, ModelInfo model, Operation operation) {
            return List.of();
        }

        @Override
        public void checkField(CallContext context, ModelInfo model, String field, Operation operation) {
            throw new AccessDenied("no access policy is deployed");
        }

        @Override
        public void checkMethod(CallContext context, ModelInfo model, String method) {
            throw new AccessDenied("no access policy is deployed");
        }
    }
}
