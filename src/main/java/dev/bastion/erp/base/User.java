package dev.bastion.erp.base;

import dev.bastion.orm.Field;
import dev.bastion.orm.Model;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A user: who calls, in which time zone and language, for which companies, with which
 * groups. The {@code access} package authenticates users (password hash, API keys) and turns
 * their groups into rights; this entity only holds the data.
 */
@Entity(name = "ResUser")
@Table(name = "res_users")
@Model(name = "res.users", label = "User", module = "base", order = "login",
        description = "Users: login, time zone, default company (company_id), allowed companies (company_ids), groups")
public class User {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "res_users_seq")
    @SequenceGenerator(name = "res_users_seq", sequenceName = "res_users_seq", allocationSize = 50)
    Long id;

    @Field(help = "Unique name the user signs in with", required = true)
    String login;

    @Field(required = true)
    String name;

    String email;

    @Field(label = "Timezone", help = "IANA zone datetimes are shown in, e.g. Europe/Brussels", required = true)
    String tz = "UTC";

    @Field(label = "Language", help = "e.g. en_US", required = true)
    String lang = "en_US";

    @ManyToOne(optional = false)
    @JoinColumn(name = "company_id")
    @Field(label = "Company", help = "The company the user works in by default; one of company_ids", required = true)
    Company company;

    @ManyToMany
    @JoinTable(name = "res_company_users_rel", joinColumns = @JoinColumn(name = "user_id"),
            inverseJoinColumns = @JoinColumn(name = "cid"))
    @Field(name = "company_ids", label = "Allowed Companies", help = "Companies whose records the user may see")
    Set<Company> companies = new LinkedHashSet<>();

    @ManyToMany
    @JoinTable(name = "res_groups_users_rel", joinColumns = @JoinColumn(name = "uid"),
            inverseJoinColumns = @JoinColumn(name = "gid"))
    @Field(name = "groups_id", label = "Groups", help = "Groups the user is a member of (implied groups apply too)")
    Set<Group> groups = new LinkedHashSet<>();

    /** PBKDF2 hash kept by the access package; never shown to clients. */
    @Field(exposed = false)
    String password;

    @Field(help = "Archived users cannot sign in")
    Boolean active = Boolean.TRUE;

    @Version
    long version;

    protected User() {
    }

    public User(String login, String name, Company company) {
        this.login = login;
        this.name = name;
        this.company = company;
        this.companies.add(company);
    }

    public Long getId() {
        return id;
    }

    public String getLogin() {
        return login;
    }

    public String getName() {
        return name;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getTz() {
        return tz;
    }

    public void setTz(String tz) {
        this.tz = tz;
    }

    public String getLang() {
        return lang;
    }

    public Company getCompany() {
        return company;
    }

    public Set<Company> getCompanies() {
        return companies;
    }

    public Set<Group> getGroups() {
        return groups;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String hash) {
        this.password = hash;
    }

    public boolean isActive() {
        return !Boolean.FALSE.equals(active);
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    /** The groups the user is in, directly or through implied groups. */
    public Set<Group> effectiveGroups() {
        return groups.stream().flatMap(g -> g.closure().stream()).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Whether the user is in the group {@code xmlId}, directly or implied. */
    public boolean inGroup(String xmlId) {
        return effectiveGroups().stream().anyMatch(g -> g.getXmlId().equals(xmlId));
    }
}
