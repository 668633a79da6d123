package dev.bastion.audit;

import dev.bastion.json.Jsons;
import dev.bastion.orm.ModelMethods;
import dev.bastion.orm.Public;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/** The audit trail's business methods: reading it is all the engine allows, and checking it. */
@ApplicationScoped
@ModelMethods("mcp.audit.log")
public class AuditMethods {

    @Inject
    AuditVerifier verifier;

    @Public(readOnly = true, modelLevel = true, description = "Checks the hash chains of the whole audit trail (call it with no ids): "
            + "reports whether it is intact, how many entries were checked, and the first entry that was edited, "
            + "deleted or inserted behind the server's back.")
    public JsonObject verify_chain(List<AuditEntry> ignored) {
        AuditVerifier.Report report = verifier.verify();
        JsonObjectBuilder result = Jsons.createObjectBuilder().add("intact", report.intact())
                .add("chains", report.chains()).add("entries_checked", report.entries());
        if (report.problem() == null) {
            return result.addNull("problem").build();
        }
        AuditVerifier.Problem p = report.problem();
        JsonObjectBuilder problem = Jsons.createObjectBuilder().add("kind", p.kind()).add("chain", p.chain())
                .add("seq", p.seq()).add("detail", p.detail());
        if (p.id() == null) {
            problem.addNull("id");
        } else {
            problem.add("id", p.id());
        }
        return result.add("problem", problem).build();
    }
}
