package dev.bastion.access;

import dev.bastion.erp.base.Group;
import dev.bastion.orm.Field;
import dev.bastion.orm.FieldType;
import dev.bastion.orm.Model;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A record rule (Odoo's {@code ir.rule}): a domain the records of a model must match for the
 * operations it is checked on. Global rules (no groups) all apply; a user's group rules unite.
 * The domain may use the caller's values {@code {"var":"user.id"}}, {@code {"var":"company_id"}}
 * and {@code {"var":"company_ids"}}.
 */
@Entity(name = "RecordRule")
@Table(name = "ir_rule")
@EntityListeners(AccessTables.Invalidation.class)
@Model(name = "ir.rule", label = "Record Rule", module = "base", order = "model, id",
        description = "Record rules: a domain per model, global (no groups) or for group_ids")
public class RecordRule {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ir_rule_seq")
    @SequenceGenerator(name = "ir_rule_seq", sequenceName = "ir_rule_seq", allocationSize = 50)
    Long id;

    @Field(required = true)
    String name;

    @Field(help = "Technical model name, e.g. sale.order", required = true)
    String model;

    @Column(name = "domain_force")
    @Field(name = "domain_force", label = "Domain", type = FieldType.TEXT, required = true,
            help = "Odoo domain as JSON; caller values: {\"var\":\"user.id\"}, {\"var\":\"company_id\"}, {\"var\":\"company_ids\"}")
    String domain;

    @ManyToMany
    @JoinTable(name = "ir_rule_group_rel", joinColumns = @JoinColumn(name = "rule_id"),
            inverseJoinColumns = @JoinColumn(name = "group_id"))
    @Field(name = "group_ids", label = "Groups", help = "Empty: a global rule, applied to everyone")
    Set<Group> groups = new LinkedHashSet<>();

    @Column(name = "perm_read")
    @Field(name = "perm_read", label = "Apply for Read")
    boolean read = true;

    @Column(name = "perm_write")
    @Field(name = "perm_write", label = "Apply for Write")
    boolean write = true;

    @Column(name = "perm_create")
    @Field(name = "perm_create", label = "Apply for Create")
    boolean create = true;

    @Column(name = "perm_unlink")
    @Field(name = "perm_unlink", label = "Apply for Delete")
    boolean unlink = true;

    Boolean active = Boolean.TRUE;

    @Version
    long version;

    protected RecordRule() {
    }
}
