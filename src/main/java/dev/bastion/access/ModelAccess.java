package dev.bastion.access;

import dev.bastion.erp.base.Group;
import dev.bastion.orm.Field;
import dev.bastion.orm.Model;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A model access right (Odoo's {@code ir.model.access}): what members of a group may do with a
 * model. Rights add up over a user's groups; a row without a group applies to every user.
 */
@Entity(name = "ModelAccess")
@Table(name = "ir_model_access")
@EntityListeners(AccessTables.Invalidation.class)
@Model(name = "ir.model.access", label = "Access Right", module = "base", order = "model, id",
        description = "Model access rights per group: read, write, create, delete (perm_unlink)")
public class ModelAccess {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ir_model_access_seq")
    @SequenceGenerator(name = "ir_model_access_seq", sequenceName = "ir_model_access_seq", allocationSize = 50)
    Long id;

    @Field(required = true)
    String name;

    @Field(help = "Technical model name, e.g. sale.order", required = true)
    String model;

    @ManyToOne
    @JoinColumn(name = "group_id")
    @Field(label = "Group", help = "Empty: every user")
    Group group;

    @Column(name = "perm_read")
    @Field(name = "perm_read", label = "Read Access")
    boolean read;

    @Column(name = "perm_write")
    @Field(name = "perm_write", label = "Write Access")
    boolean write;

    @Column(name = "perm_create")
    @Field(name = "perm_create", label = "Create Access")
    boolean create;

    @Column(name = "perm_unlink")
    @Field(name = "perm_unlink", label = "Delete Access")
    boolean unlink;

    Boolean active = Boolean.TRUE;

    @Version
    long version;

    protected ModelAccess() {
    }
}
