package dev.bastion.admin;

import dev.bastion.orm.OrmException;
import dev.bastion.orm.Records;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.faces.context.FacesContext;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.primefaces.component.datatable.DataTable;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * A console table of one model's records, a page at a time: the table asks for one page, and the
 * data engine is asked for exactly that page ({@code search} with offset and limit) and for the
 * count of the paginator, with the signed-in user's rights, as an MCP client's {@code search} and
 * {@code count} are. A list of a hundred thousand users pages as one of ten does, and no list
 * stops at the max-records setting (which caps a page, not the list).
 *
 * @param <T> what a row of the table shows
 */
public final class RecordPages<T> extends LazyDataModel<T> {

    private static final long serialVersionUID = 1L;

    /** The records the table lists now (filters typed on the page may change it). */
    @FunctionalInterface
    public interface Domain extends Serializable {
        JsonArray current();
    }

    /** A record as the engine returned it, made into a row. */
    @FunctionalInterface
    public interface Rows<T> extends Serializable {
        T row(JsonObject record);
    }

    /** A row's record id. */
    @FunctionalInterface
    public interface Ids<T> extends Serializable {
        long id(T row);
    }

    private final Console console;
    private final Records records;
    private final String model;
    private final List<String> fields;
    private final String order;
    private final Domain domain;
    private final Rows<T> rows;
    private final Ids<T> ids;

    /**
     * @param order the engine's order (a unique field last, so pages never overlap), or null for the model's
     */
    public RecordPages(Console console, Records records, String model, List<String> fields, String order, Domain domain,
                       Rows<T> rows, Ids<T> ids) {
        this.console = console;
        this.records = records;
        this.model = model;
        this.fields = List.copyOf(fields);
        this.order = order;
        this.domain = domain;
        this.rows = rows;
        this.ids = ids;
    }

    /** Shows the first page of table {@code tableId} (its client id) again: after a filter changed what it lists. */
    public static void firstPage(String tableId) {
        if (FacesContext.getCurrentInstance().getViewRoot().findComponent(tableId) instanceof DataTable table) {
            table.setFirst(0);
        }
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        try {
            return (int) Math.min(Integer.MAX_VALUE, records.count(console.context(), model, domain.current()));
        } catch (OrmException e) {
            Console.refused(e);
            return 0;
        }
    }

    @Override
    public List<T> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        try {
            return RecordValues.objects(records.search(console.context(), model, domain.current(), fields, first, pageSize,
                    order, false).records()).stream().map(rows::row).toList();
        } catch (OrmException e) {
            Console.refused(e);
            return List.of();
        }
    }

    @Override
    public String getRowKey(T row) {
        return Long.toString(ids.id(row));
    }

    /** The row of the page shown whose key is {@code rowKey}: what a button in that row acts on. */
    @Override
    public T getRowData(String rowKey) {
        List<T> page = getWrappedData();
        if (page != null) {
            for (T row : page) {
                if (Objects.equals(getRowKey(row), rowKey)) {
                    return row;
                }
            }
        }
        return null;
    }
}
