package dev.bastion.admin.access;

import dev.bastion.admin.Console;
import dev.bastion.admin.RecordPages;
import dev.bastion.admin.RecordValues;
import dev.bastion.json.Jsons;
import dev.bastion.orm.InvalidRequest;
import dev.bastion.orm.OrmException;
import dev.bastion.orm.Records;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /admin/access/users.xhtml}: every user, a page at a time, a form to create or edit one (groups, companies,
 * password), archiving and reactivating, and a key issued for a user, shown once.
 */
@Named
@ViewScoped
public class UsersBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String MODEL = "res.users";
    private static final List<String> FIELDS = List.of("login", "name", "email", "company_id", "company_ids", "groups_id",
            "active");

    /** One user as listed. */
    public record Row(long id, String login, String name, String email, Long companyId, List<Long> companyIds,
                      List<Long> groupIds, boolean active) implements Serializable {
    }

    @Inject
    Console console;

    @Inject
    Records records;

    private RecordPages<Row> rows;
    private String filter;
    private Long editing;
    private String login;
    private String name;
    private String email;
    private Long companyId;
    private List<Long> companyIds = new ArrayList<>();
    private List<Long> groupIds = new ArrayList<>();
    private String password;
    private String keyName;
    private String issuedKey;
    private String issuedFor;

    @PostConstruct
    void init() {
        rows = new RecordPages<>(console, records, MODEL, FIELDS, "login", this::domain, UsersBacking::row, Row::id);
    }

    /** Archived users too (an administrator reactivates them here), narrowed by the filter. */
    private JsonArray domain() {
        var domain = Jsons.createArrayBuilder().add(Jsons.createArrayBuilder().add("active").add("in")
                .add(Jsons.createArrayBuilder().add(true).add(false)));
        if (filter != null && !filter.isBlank()) {
            domain.add("|").add(Jsons.createArrayBuilder().add("login").add("ilike").add(filter.strip()))
                    .add(Jsons.createArrayBuilder().add("name").add("ilike").add(filter.strip()));
        }
        return domain.build();
    }

    private static Row row(JsonObject r) {
        return new Row(RecordValues.id(r), RecordValues.text(r, "login"), RecordValues.text(r, "name"),
                RecordValues.text(r, "email"), RecordValues.refId(r, "company_id"), RecordValues.ids(r, "company_ids"),
                RecordValues.ids(r, "groups_id"), RecordValues.bool(r, "active"));
    }

    /** Creates the user, or saves the one being edited; then sets the password when one was typed. */
    public void save() {
        JsonObjectBuilder values = Jsons.createObjectBuilder().add("login", RecordValues.typed(login))
                .add("name", RecordValues.typed(name))
                .add("email", email == null || email.isBlank() ? JsonValue.FALSE : Jsons.createValue(email.strip()))
                .add("company_ids", RecordValues.exactly(companyIds))
                .add("groups_id", RecordValues.exactly(groupIds));
        if (companyId != null) {
            values.add("company_id", companyId);
        }
        JsonObject params = values.build();
        Optional<Long> saved = console.save(MODEL, "user", editing, params);
        if (saved.isEmpty()) {
            return;
        }
        long id = saved.get();
        boolean created = editing == null;
        // The user stays open in the form, so a key can be issued for them right away.
        editing = id;
        boolean withPassword = password != null && !password.isEmpty();
        if (withPassword && !setPassword(id)) {
            return;
        }
        Console.info("User \"" + params.getString("login") + "\" " + (created ? "created" : "saved")
                + (withPassword ? ", with a password for the console." : "."));
    }

    /** {@code action_set_password} through the engine; the password itself never reaches the audit. */
    private boolean setPassword(long id) {
        try {
            records.call(console.context(), MODEL, "action_set_password", List.of(id), JsonValue.EMPTY_JSON_ARRAY,
                    Jsons.createObjectBuilder().add("password", password).build());
            console.audited("set_password", MODEL, null, Console.touched(MODEL, "call", id), null);
            password = null;
            return true;
        } catch (OrmException e) {
            console.audited("set_password", MODEL, null, Console.touched(MODEL, "call", id), e);
            Console.refused(e);
            return false;
        }
    }

    public void edit(Row user) {
        editing = user.id();
        login = user.login();
        name = user.name();
        email = user.email();
        companyId = user.companyId();
        companyIds = new ArrayList<>(user.companyIds());
        groupIds = new ArrayList<>(user.groupIds());
        password = null;
    }

    /** Archives an active user (their keys and sign-in stop at once) or reactivates an archived one. */
    public void toggleActive(Row user) {
        if (user.active() && isSelf(user)) {
            Console.refused(new InvalidRequest("You cannot archive yourself: you would be signed out for good. "
                    + "Another administrator can."));
            return;
        }
        JsonObject values = Jsons.createObjectBuilder().add("active", !user.active()).build();
        String action = user.active() ? "archive_user" : "activate_user";
        try {
            records.write(console.context(), MODEL, List.of(user.id()), values);
            console.audited(action, MODEL, values, Console.touched(MODEL, "write", user.id()), null);
            Console.info("User \"" + user.login() + "\" " + (user.active()
                    ? "archived: their keys and console sign-in are refused from now on." : "active again."));
        } catch (OrmException e) {
            console.audited(action, MODEL, values, Console.touched(MODEL, "write", user.id()), e);
            Console.refused(e);
        }
    }

    /** Issues a key for the user being edited ({@code action_create_api_key}); shown on this page only. */
    public void issueKey() {
        JsonObject params = Jsons.createObjectBuilder().add("name", RecordValues.typed(keyName)).build();
        try {
            JsonObject issued = records.call(console.context(), MODEL, "action_create_api_key", List.of(editing),
                    JsonValue.EMPTY_JSON_ARRAY, params).asJsonObject();
            console.audited("issue_key", Console.API_KEYS, params,
                    Console.touched(Console.API_KEYS, "create", issued.getJsonNumber("id").longValue()), null);
            issuedKey = issued.getString("key");
            issuedFor = issued.getString("login");
            keyName = null;
        } catch (OrmException e) {
            console.audited("issue_key", Console.API_KEYS, params, Console.touched(MODEL, "call", editing), e);
            Console.refused(e);
        }
    }

    public void dismissIssued() {
        issuedKey = null;
        issuedFor = null;
    }

    /** Whether {@code user} is the signed-in administrator, who is not offered to archive themselves. */
    public boolean isSelf(Row user) {
        return user.id() == console.context().uid();
    }

    public void search() {
        RecordPages.firstPage("list:users");
    }

    public String getFilter() {
        return filter;
    }

    public void setFilter(String filter) {
        this.filter = filter;
    }

    public RecordPages<Row> getRows() {
        return rows;
    }

    public boolean isEditing() {
        return editing != null;
    }

    public String getLogin() {
        return login;
    }

    public void setLogin(String login) {
        this.login = login;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public Long getCompanyId() {
        return companyId;
    }

    public void setCompanyId(Long companyId) {
        this.companyId = companyId;
    }

    public List<Long> getCompanyIds() {
        return companyIds;
    }

    public void setCompanyIds(List<Long> companyIds) {
        this.companyIds = companyIds;
    }

    public List<Long> getGroupIds() {
        return groupIds;
    }

    public void setGroupIds(List<Long> groupIds) {
        this.groupIds = groupIds;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getKeyName() {
        return keyName;
    }

    public void setKeyName(String keyName) {
        this.keyName = keyName;
    }

    public String getIssuedKey() {
        return issuedKey;
    }

    public String getIssuedFor() {
        return issuedFor;
    }
}
