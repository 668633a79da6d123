package dev.bastion.erp.demo;

import dev.bastion.erp.base.Money;
import dev.bastion.erp.base.NumberSequence;
import dev.bastion.erp.sales.SaleOrderNumbering;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Generates benchmark volume in bulk: {@code bastion.demo-volume=<partners>,<orders>} (for
 * example {@code BASTION_DEMO_VOLUME=1000000,200000}) adds that many partners and sales
 * orders (two lines each) at startup, in the background, with batched JDBC inserts committed
 * every 10,000 rows, and logs how long it took. Orders are spread over the companies, numbered
 * on from each company's counter, in every state; they are not invoiced. Meant for a
 * benchmark database, not for one in use: it takes the numbers without locking the counters.
 */
@ApplicationScoped
public class VolumeLoader {

    private static final Logger LOG = Logger.getLogger(VolumeLoader.class.getName());
    private static final int BATCH = 1000;
    private static final int COMMIT = 10_000;
    private static final String[] STATES = {"draft", "sent", "sale", "sale", "sale", "cancel"};

    @Resource(lookup = "java:app/jdbc/bastion")
    DataSource dataSource;

    @Resource
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "bastion.demo-volume")
    Optional<String> volume;

    /** Starts the generation in the background when {@code bastion.demo-volume} is set. */
    void startIfAsked(String vendor) {
        Optional<long[]> asked = volume.filter(v -> !v.isBlank()).map(VolumeLoader::parse);
        asked.ifPresent(counts -> executor.submit(() -> run(vendor, counts[0], counts[1])));
    }

    /** {@code "1000000,200000"} as partners and orders. */
    static long[] parse(String text) {
        String[] parts = text.split(",");
        try {
            long partners = Long.parseLong(parts[0].trim());
            long orders = parts.length > 1 ? Long.parseLong(parts[1].trim()) : 0;
            if (parts.length > 2 || partners < 0 || orders < 0) {
                throw new NumberFormatException();
            }
            return new long[] {partners, orders};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bastion.demo-volume must be '<partners>,<orders>' (e.g. 1000000,200000), got '"
                    + text + "'");
        }
    }

    private void run(String vendor, long partners, long orders) {
        long start = System.nanoTime();
        LOG.info(() -> "Volume loader: generating " + partners + " partners and " + orders + " orders");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Ids ids = new Ids(c, vendor);
            List<Long> companies = longs(c, "select id from res_company order by id");
            long[] partnerIds = partners(c, ids, companies, partners);
            long partnersDone = System.nanoTime();
            long lines = orders(c, ids, companies, partnerIds, orders);
            analyze(c, vendor);
            long end = System.nanoTime();
            LOG.info(String.format("Volume loader: %d partners in %.1f s, %d orders with %d lines in %.1f s; total %.1f s",
                    partners, (partnersDone - start) / 1e9, orders, lines, (end - partnersDone) / 1e9, (end - start) / 1e9));
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.SEVERE, "Volume loader failed", e);
        }
    }

    /**
     * Refreshes the planner's statistics: right after a bulk load they still describe the
     * small tables, and PostgreSQL would scan a million partners for a prefix search.
     */
    private static void analyze(Connection c, String vendor) throws SQLException {
        try (Statement s = c.createStatement()) {
            if ("postgresql".equals(vendor)) {
                for (String table : List.of("res_partner", "sale_order", "sale_order_line")) {
                    s.execute("analyze " + table);
                }
            } else {
                s.execute("analyze");
            }
        }
        c.commit();
    }

    private long[] partners(Connection c, Ids ids, List<Long> companies, long count) throws SQLException {
        Random random = new Random(7);
        long[] created = new long[(int) count];
        String sql = "insert into res_partner (id, name, is_company, company_id, city, zip, email, phone, vat, "
                + "customer_rank, supplier_rank, active, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true, 0)";
        try (PreparedStatement insert = c.prepareStatement(sql)) {
            for (int i = 0; i < count; i++) {
                long id = ids.next("res_partner_seq");
                created[i] = id;
                insert.setLong(1, id);
                insert.setString(2, "Volume Partner " + (i + 1));
                insert.setBoolean(3, i % 3 == 0);
                if (i % 10 == 0) {
                    insert.setNull(4, java.sql.Types.BIGINT);
                } else {
                    insert.setLong(4, companies.get(i % companies.size()));
                }
                insert.setString(5, "City " + random.nextInt(500));
                insert.setString(6, String.valueOf(1000 + random.nextInt(9000)));
                insert.setString(7, "partner" + (i + 1) + "@volume.example");
                insert.setString(8, "+1 555 " + (1_000_000 + random.nextInt(8_999_999)));
                insert.setString(9, "VT" + (100_000_000L + i));
                insert.setInt(10, random.nextInt(4));
                insert.setInt(11, i % 7 == 0 ? 1 : 0);
                insert.addBatch();
                flush(c, insert, i + 1);
            }
            insert.executeBatch();
            c.commit();
        }
        return created;
    }

    private long orders(Connection c, Ids ids, List<Long> companies, long[] partners, long count) throws SQLException {
        if (count == 0) {
            return 0;
        }
        if (partners.length == 0) {
            partners = longs(c, "select id from res_partner where active = true").stream().mapToLong(Long::longValue).toArray();
        }
        List<Long> productIds = new ArrayList<>();
        List<BigDecimal> prices = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select id, list_price from product_product")) {
            while (r.next()) {
                productIds.add(r.getLong(1));
                prices.add(r.getBigDecimal(2));
            }
        }
        long[] numbers = new long[companies.size()];
        for (int k = 0; k < companies.size(); k++) {
            numbers[k] = counter(c, ids, companies.get(k));
        }
        Random random = new Random(11);
        LocalDate reference = DemoDataSet.REFERENCE;
        BigDecimal rate = BigDecimal.valueOf(21);
        long lines = 0;
        String orderSql = "insert into sale_order (id, name, partner_id, company_id, currency_id, date_order, state, "
                + "invoice_status, amount_untaxed, amount_tax, amount_total, version) values (?, ?, ?, ?, "
                + "(select currency_id from res_company where id = ?), ?, ?, ?, ?, ?, ?, 0)";
        String lineSql = "insert into sale_order_line (id, order_id, sequence, product_id, name, product_uom_qty, price_unit, "
                + "discount, tax_rate, price_subtotal, price_tax, price_total, version) values (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, 0)";
        try (PreparedStatement order = c.prepareStatement(orderSql); PreparedStatement line = c.prepareStatement(lineSql)) {
            for (int i = 0; i < count; i++) {
                int k = i % companies.size();
                long id = ids.next("sale_order_seq");
                LocalDate day = reference.minusDays(random.nextInt(730));
                String state = STATES[random.nextInt(STATES.length)];
                BigDecimal untaxed = BigDecimal.ZERO;
                BigDecimal tax = BigDecimal.ZERO;
                for (int l = 0; l < 2; l++) {
                    int p = productIds.isEmpty() ? -1 : random.nextInt(productIds.size());
                    BigDecimal price = p < 0 ? BigDecimal.TEN : prices.get(p);
                    BigDecimal qty = BigDecimal.valueOf(1 + random.nextInt(10));
                    BigDecimal subtotal = Money.subtotal(qty, price, null, 2);
                    BigDecimal lineTax = Money.tax(subtotal, rate, 2);
                    untaxed = untaxed.add(subtotal);
                    tax = tax.add(lineTax);
                    line.setLong(1, ids.next("sale_order_line_seq"));
                    line.setLong(2, id);
                    line.setInt(3, 10 * (l + 1));
                    if (p < 0) {
                        line.setNull(4, java.sql.Types.BIGINT);
                    } else {
                        line.setLong(4, productIds.get(p));
                    }
                    line.setString(5, "Volume line " + (l + 1));
                    line.setBigDecimal(6, qty);
                    line.setBigDecimal(7, price);
                    line.setBigDecimal(8, rate);
                    line.setBigDecimal(9, subtotal);
                    line.setBigDecimal(10, lineTax);
                    line.setBigDecimal(11, subtotal.add(lineTax));
                    line.addBatch();
                    lines++;
                }
                order.setLong(1, id);
                order.setString(2, NumberSequence.format(SaleOrderNumbering.PREFIX, 5, numbers[k]++, day));
                order.setLong(3, partners[random.nextInt(partners.length)]);
                order.setLong(4, companies.get(k));
                order.setLong(5, companies.get(k));
                order.setTimestamp(6, Timestamp.valueOf(day.atTime(9 + random.nextInt(9), random.nextInt(60))));
                order.setString(7, state);
                order.setString(8, "sale".equals(state) ? "to invoice" : "no");
                order.setBigDecimal(9, untaxed);
                order.setBigDecimal(10, tax);
                order.setBigDecimal(11, untaxed.add(tax));
                order.addBatch();
                if ((i + 1) % BATCH == 0) {
                    order.executeBatch();
                    line.executeBatch();
                }
                if ((i + 1) % COMMIT == 0) {
                    c.commit();
                }
            }
            order.executeBatch();
            line.executeBatch();
            for (int k = 0; k < companies.size(); k++) {
                try (PreparedStatement update = c.prepareStatement(
                        "update ir_sequence set next_number = ? where code = ? and company_id = ?")) {
                    update.setLong(1, numbers[k]);
                    update.setString(2, SaleOrderNumbering.CODE);
                    update.setLong(3, companies.get(k));
                    update.executeUpdate();
                }
            }
            c.commit();
        }
        return lines;
    }

    /** The next order number of {@code company}, creating its counter when it has none yet. */
    private static long counter(Connection c, Ids ids, long company) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select next_number from ir_sequence where code = ? and company_id = ?")) {
            s.setString(1, SaleOrderNumbering.CODE);
            s.setLong(2, company);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    return r.getLong(1);
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("insert into ir_sequence (id, code, company_id, prefix, padding, "
                + "next_number, version) values (?, ?, ?, ?, 5, 1, 0)")) {
            s.setLong(1, ids.next("ir_sequence_seq"));
            s.setString(2, SaleOrderNumbering.CODE);
            s.setLong(3, company);
            s.setString(4, SaleOrderNumbering.PREFIX);
            s.executeUpdate();
        }
        return 1;
    }

    private static void flush(Connection c, PreparedStatement insert, int done) throws SQLException {
        if (done % BATCH == 0) {
            insert.executeBatch();
        }
        if (done % COMMIT == 0) {
            c.commit();
        }
    }

    private static List<Long> longs(Connection c, String sql) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                values.add(r.getLong(1));
            }
        }
        return values;
    }

    /**
     * Ids from the entities' sequences, the way the JPA provider takes them: each sequence
     * value n (the sequences step by 50) gives the ids n-49..n.
     */
    private static final class Ids {
        private final Connection c;
        private final String vendor;
        private final java.util.Map<String, long[]> blocks = new java.util.HashMap<>();

        Ids(Connection c, String vendor) {
            this.c = c;
            this.vendor = vendor;
        }

        long next(String sequence) throws SQLException {
            long[] block = blocks.get(sequence);
            if (block == null || block[0] > block[1]) {
                String sql = "postgresql".equals(vendor) ? "select nextval('" + sequence + "')"
                        : "select next value for " + sequence;
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
                    r.next();
                    long n = r.getLong(1);
                    block = new long[] {n - 49, n};
                    blocks.put(sequence, block);
                }
            }
            return block[0]++;
        }
    }
}
