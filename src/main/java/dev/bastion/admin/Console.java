package dev.bastion.admin;

import dev.bastion.access.CallContexts;
import dev.bastion.access.ConsoleCaller;
import dev.bastion.orm.CallContext;
import dev.bastion.orm.OrmException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The signed-in user of this request, as the authentication mechanism established it: their
 * login, whether they administer, and their data-engine context, with which every backing bean
 * reads and changes data.
 */
@Named
@RequestScoped
public class Console {

    @Inject
    HttpServletRequest request;

    @Inject
    CallContexts contexts;

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

    /** Shows what the engine refused, in its own words (they name the field or rule at fault). */
    public static void refused(OrmException e) {
        FacesContext.getCurrentInstance().addMessage(null,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
    }

    public static void info(String summary) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, summary, null));
    }
}
