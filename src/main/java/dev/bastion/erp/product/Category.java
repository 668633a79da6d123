package dev.bastion.erp.product;

import dev.bastion.orm.Field;
import dev.bastion.orm.Model;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A product category; categories nest through {@code parent_id} (search with {@code child_of}). */
@Entity
@Table(name = "product_category")
@Model(name = "product.category", label = "Product Category", module = "product", order = "name",
        description = "Product categories, nested through parent_id")
public class Category {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "product_category_seq")
    @SequenceGenerator(name = "product_category_seq", sequenceName = "product_category_seq", allocationSize = 50)
    Long id;

    @Field(required = true)
    String name;

    @ManyToOne
    @Field(label = "Parent Category")
    Category parent;

    @Version
    long version;

    protected Category() {
    }

    public Category(String name, Category parent) {
        this.name = name;
        this.parent = parent;
    }

    public Long getId() {
        return id;
    }
}
