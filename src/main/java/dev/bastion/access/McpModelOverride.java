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
 * What MCP clients may do with one model, on top of the access rights and record rules: it only
 * ever narrows them. Lists are comma-separated technical names.
 */
@Entity(name = "McpModelOverride")
@Table(name = "mcp_model_override")
@EntityListeners(AccessTables.Invalidation.class)
@Model(name = "mcp.model.override", label = "MCP Model Override", module = "base", order = "model",
        description = "Per-model MCP restrictions: enabled, allowed operations, allowed fields, blocked methods, groups")
public class McpModelOverride {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mcp_model_override_seq")
    @SequenceGenerator(name = "mcp_model_override_seq", sequenceName = "mcp_model_override_seq", allocationSize = 50)
    Long id;

    @Field(help = "Technical model name, e.g. res.partner", required = true)
    String model;

    @Field(help = "Off: MCP clients cannot use the model at all")
    boolean enabled = true;

    @Column(name = "allow_read")
    @Field(label = "Allow Read")
    boolean allowRead = true;

    @Column(name = "allow_write")
    @Field(label = "Allow Write")
    boolean allowWrite = true;

    @Column(name = "allow_create")
    @Field(label = "Allow Create")
    boolean allowCreate = true;

    @Column(name = "allow_unlink")
    @Field(label = "Allow Delete")
    boolean allowUnlink = true;

    @Column(name = "allow_methods")
    @Field(label = "Allow Method Calls")
    boolean allowMethods = true;

    @Column(name = "allowed_fields")
    @Field(label = "Allowed Fields", type = FieldType.TEXT,
            help = "Comma-separated; empty: every field. Reading, filtering, ordering and writing other fields is refused")
    String allowedFields;

    @Column(name = "blocked_methods")
    @Field(label = "Blocked Methods", type = FieldType.TEXT, help = "Comma-separated business method names")
    String blockedMethods;

    @ManyToMany
    @JoinTable(name = "mcp_model_override_group_rel", joinColumns = @JoinColumn(name = "override_id"),
            inverseJoinColumns = @JoinColumn(name = "group_id"))
    @Field(name = "group_ids", label = "Groups", help = "Only members of these groups may use the model; empty: everyone")
    Set<Group> groups = new LinkedHashSet<>();

    @Version
    long version;

    protected McpModelOverride() {
    }
}
