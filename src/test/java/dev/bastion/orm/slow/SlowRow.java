package dev.bastion.orm.slow;

import dev.bastion.orm.Model;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of the endless view {@code test_slow}: read-only, never fetched in full. */
@Entity
@Table(name = "test_slow")
@Model(name = "test.slow", label = "Slow row", description = "A view no query finishes scanning", order = "id",
        module = "test", readOnly = true)
public class SlowRow {

    @Id
    Long id;

    String name;
}
