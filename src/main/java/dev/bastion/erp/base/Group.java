package dev.bastion.erp.base;

import dev.bastion.orm.Field;
import dev.bastion.orm.FieldType;
import dev.bastion.orm.Model;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A group of users: what its members may do is granted by access rights and record rules
 * (the {@code access} package). Membership of a group implies membership of its
 * {@code implied_ids}, transitively. {@code xml_id} is the stable name code refers to
 * ({@code base.group_user}, {@code sales.group_sale_manager}).
 */
@Entity(name = "ResGroup")
@Table(name = "res_groups")
@Model(name = "res.groups", label = "Access Group", module = "base", order = "category, name",
        recName = "full_name", description = "User groups; a group implies its implied_ids groups too")
public class Group {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "res_groups_seq")
    @SequenceGenerator(name = "res_groups_seq", sequenceName = "res_groups_seq", allocationSize = 50)
    Long id;

    @Field(label = "External ID", help = "Stable technical name, e.g. base.group_user", required = true)
    @Column(name = "xml_id")
    String xmlId;

    @Field(required = true)
    String name;

    @Field(help = "Application the group belongs to, e.g. Sales", required = true)
    String category;

    @Field(label = "Group Name", help = "Category / Name", readonly = true, computed = true)
    @Column(name = "full_name")
    String fullName;

    @Field(type = FieldType.TEXT)
    String comment;

    @ManyToMany
    @JoinTable(name = "res_groups_implied_rel", joinColumns = @JoinColumn(name = "gid"),
            inverseJoinColumns = @JoinColumn(name = "hid"))
    @Field(name = "implied_ids", label = "Inherits", help = "Members of this group are members of these too")
    Set<Group> implied = new LinkedHashSet<>();

    @Version
    long version;

    protected Group() {
    }

    public Group(String xmlId, String category, String name) {
        this.xmlId = xmlId;
        this.category = category;
        this.name = name;
    }

    @PrePersist
    @PreUpdate
    void computeFullName() {
        fullName = category + " / " + name;
    }

    public Long getId() {
        return id;
    }

    public String getXmlId() {
        return xmlId;
    }

    public String getName() {
        return name;
    }

    public Set<Group> getImplied() {
        return implied;
    }

    /** This group and every group it implies, transitively (cycles are tolerated). */
    public Set<Group> closure() {
        Set<Group> all = new LinkedHashSet<>();
        Deque<Group> todo = new ArrayDeque<>(List.of(this));
        while (!todo.isEmpty()) {
            Group g = todo.pop();
            if (all.add(g)) {
                todo.addAll(g.implied);
            }
        }
        return all;
    }
}
