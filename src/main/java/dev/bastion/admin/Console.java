package dev.bastion.admin;

import dev.bastion.access.CallContexts;
import dev.bastion.audit.ConsoleAudit;
import dev.bastion.json.Jsons;
import dev.bastion.access.ConsoleCaller;
import dev.bastion.orm.CallContext;
import dev.bastion.orm.OrmException;
import dev.bastion.orm.Records;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;

/**
 * The signed-in user of this request, as the authentication mechanism established it: their
 * login, whether they administer, and their data-engine context, with which every backing bean
 * reads and changes data.
 */
@Named
@RequestScoped
public class Console {

    /** The model of API keys, which My account and Connect issue and revoke. */
    public static final String API_KEYS = "res.users.apikeys";

    @Inject
    HttpServletRequest request;

    @Inject
    CallContexts contexts;

    @Inject
    Records records;

    @Inject
    ConsoleAudit audit;

    private CallContext context;

    /** The caller; the mechanism lets no console page run without one. */
    public ConsoleCaller caller() {
        if (!(request.getAttribute(ConsoleCaller.ATTRIBUTE) instanceof ConsoleCaller caller)) {
            throw new IllegalStateException("a console page ran without a signed-in user");
        }
        return caller;
    }

    public String getLogin() {
        return caller().login();
    }

    public boolean isAdministrator() {
        return caller().administrator();
    }

    /** The signed-in user's context in the data engine: their rights, companies and time zone. */
    public CallContext context() {
        if (context == null) {
            context = contexts.of(caller().login());
        }
        return context;
    }

    /**
     * Leaves the audit entry of a console action of the signed-in user: {@code records} as the
     * audit keeps them ({@code {"model": {"create": [ids]}}}), {@code failure} when it was refused.
     */
    public void audited(String action, String model, JsonObject params, JsonObject records, OrmException failure) {
        audit.action(request, context(), action, model, params, records, failure);
    }

    /**
     * Creates a record of {@code model} ({@code editing} null) or writes record {@code editing},
     * with the signed-in user's rights, audited as {@code console/create_<noun>} or
     * {@code console/write_<noun>}: the record's id, or empty when the engine refused (its words
     * shown as a message).
     */
    public Optional<Long> save(String model, String noun, Long editing, JsonObject values) {
        String action = (editing == null ? "create_" : "write_") + noun;
        try {
            long id;
            if (editing == null) {
                id = records.create(context(), model, List.of(values)).get(0);
            } else {
                id = editing;
                records.write(context(), model, List.of(id), values);
            }
            audited(action, model, values, touched(model, editing == null ? "create" : "write", id), null);
            return Optional.of(id);
        } catch (OrmException e) {
            audited(action, model, values, editing == null ? null : touched(model, "write", editing), e);
            refused(e);
            return Optional.empty();
        }
    }

    /** Deletes record {@code id} of {@code model}, audited as {@code console/delete_<noun>}; false when refused (shown). */
    public boolean delete(String model, String noun, long id) {
        try {
            records.unlink(context(), model, List.of(id));
            audited("delete_" + noun, model, null, touched(model, "unlink", id), null);
            return true;
        } catch (OrmException e) {
            audited("delete_" + noun, model, null, touched(model, "unlink", id), e);
            refused(e);
            return false;
        }
    }

    /**
     * Runs business method {@code method} (no arguments) on record {@code id} of {@code model}, as
     * {@code method_call} does, with the signed-in user's rights, audited as
     * {@code console/<action>}; false when refused (shown).
     */
    public boolean call(String model, String method, String action, long id) {
        try {
            records.call(context(), model, method, List.of(id), JsonValue.EMPTY_JSON_ARRAY, JsonValue.EMPTY_JSON_OBJECT);
            audited(action, model, null, touched(model, "call", id), null);
            return true;
        } catch (OrmException e) {
            audited(action, model, null, touched(model, "call", id), e);
            refused(e);
            return false;
        }
    }

    /** What the audit keeps of the record an action touched: {@code {"model": {"operation": [id]}}}. */
    public static JsonObject touched(String model, String operation, long id) {
        return Jsons.createObjectBuilder().add(model, Jsons.createObjectBuilder()
                .add(operation, Jsons.createArrayBuilder().add(id))).build();
    }

    /** Shows what the engine refused, in its own words (they name the field or rule at fault). */
    public static void refused(OrmException e) {
        FacesContext.getCurrentInstance().addMessage(null,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
    }

    public static void info(String summary) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, summary, null));
    }
}
