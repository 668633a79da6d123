package dev.bastion.erp.demo;

import dev.bastion.erp.base.Company;
import dev.bastion.erp.base.NumberSequence;
import dev.bastion.erp.base.Partner;
import dev.bastion.erp.base.User;
import dev.bastion.erp.invoicing.Move;
import dev.bastion.erp.invoicing.Payment;
import dev.bastion.erp.product.Category;
import dev.bastion.erp.product.Product;
import dev.bastion.erp.sales.SaleOrder;
import dev.bastion.erp.sales.SaleOrderNumbering;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The demo data as an object graph, built in plain Java from a fixed seed and a fixed
 * reference date, so two fresh starts give the same data and a unit test can check its shape
 * without a database. Documents go through the real business logic (confirm, invoice, post,
 * pay, reverse); numbers are given in date order, per company and journal.
 *
 * <p>Two companies (EUR in Brussels, USD in New York), five users with different roles,
 * about 300 partners, 48 products, 400 orders in every state, their invoices with every
 * payment state (overdue ones included) and vendor bills.
 */
public final class DemoDataSet {

    /** "Today" of the demo: documents are dated in the 300 days before it. */
    public static final LocalDate REFERENCE = LocalDate.of(2026, 10, 31);

    private static final long SEED = 42;
    private static final int ORDERS_PER_COMPANY = 200;
    private static final int BILLS_PER_COMPANY = 30;

    public final List<Company> companies = new ArrayList<>();
    public final List<User> users = new ArrayList<>();
    public final List<Category> categories = new ArrayList<>();
    public final List<Product> products = new ArrayList<>();
    public final List<Partner> partners = new ArrayList<>();
    public final List<SaleOrder> orders = new ArrayList<>();
    public final List<Move> moves = new ArrayList<>();
    public final List<Payment> payments = new ArrayList<>();
    /** Next free number per "code@company index", for the number counters. */
    public final Map<String, Long> nextNumbers = new LinkedHashMap<>();
    /** Number prefixes per counter key. */
    public final Map<String, String> prefixes = new LinkedHashMap<>();

    private final Random random = new Random(SEED);
    private final DemoReferences refs;

    private DemoDataSet(DemoReferences refs) {
        this.refs = refs;
    }

    public static DemoDataSet build(DemoReferences refs) {
        DemoDataSet set = new DemoDataSet(refs);
        set.companies();
        set.users();
        set.products();
        set.partners();
        set.orders();
        set.bills();
        set.postInDateOrder();
        set.settleInDateOrder();
        return set;
    }

    // ---- companies and users --------------------------------------------------------------

    private Company europe;
    private Company americas;
    private final Map<Company, List<User>> salespeople = new LinkedHashMap<>();

    private void companies() {
        europe = refs.mainCompany();
        europe.describe("Bastion Europe SA", refs.currency("EUR"), refs.country("BE"), "Europe/Brussels", null);
        europe.contact("Rue de la Loi 42", "1000", "Brussels", "info@eu.bastion.example", "+32 2 555 01 00", "BE0477472701");
        americas = new Company("Bastion Americas Inc.", refs.currency("USD"), refs.country("US"), "America/New_York");
        americas.describe("Bastion Americas Inc.", refs.currency("USD"), refs.country("US"), "America/New_York", europe);
        americas.contact("350 Fifth Avenue", "10118", "New York", "info@us.bastion.example", "+1 212 555 0100", "US-84-1234567");
        companies.add(europe);
        companies.add(americas);
    }

    private void users() {
        User manager = user("demo.manager", "Sofia Martens", europe, "Europe/Brussels",
                List.of(europe, americas), "sales.group_sale_manager", "invoicing.group_account_invoice");
        User eu = user("demo.sales.eu", "Lucas Peeters", europe, "Europe/Brussels", List.of(europe),
                "sales.group_sale_salesman");
        User us = user("demo.sales.us", "Emma Johnson", americas, "America/New_York", List.of(americas),
                "sales.group_sale_salesman");
        user("demo.accountant", "Noah Dubois", europe, "Europe/Paris", List.of(europe, americas),
                "invoicing.group_account_manager");
        User viewer = user("demo.employee", "Olivia Brown", americas, "America/Chicago", List.of(americas));
        viewer.getGroups().removeIf(g -> g.getXmlId().equals("base.group_mcp_user"));
        salespeople.put(europe, List.of(manager, eu, eu));
        salespeople.put(americas, List.of(manager, us, us));
    }

    private User user(String login, String name, Company company, String tz, List<Company> allowed, String... groups) {
        User u = new User(login, name, company);
        u.setTz(tz);
        u.setEmail(login.replace("demo.", "") + "@" + (company == europe ? "eu" : "us") + ".bastion.example");
        u.getCompanies().addAll(allowed);
        List<String> all = new ArrayList<>(List.of("base.group_user", "base.group_mcp_user"));
        all.addAll(List.of(groups));
        for (String xmlId : all) {
            if (refs.group(xmlId) != null) {
                u.getGroups().add(refs.group(xmlId));
            }
        }
        users.add(u);
        return u;
    }

    // ---- products -------------------------------------------------------------------------

    private static final String[][] CATALOG = {
            {"Furniture", "FURN", "consu", "Office Desk", "Standing Desk", "Office Chair", "Ergonomic Chair", "Drawer Cabinet",
                    "Bookshelf", "Meeting Table", "Desk Lamp", "Conference Chair", "Corner Desk", "Storage Box",
                    "Whiteboard"},
            {"Office Supplies", "SUPP", "consu", "Paper A4 (500 sheets)", "Ballpoint Pens (box)", "Stapler", "Notebook",
                    "Sticky Notes", "Printer Toner", "Binder", "Desk Organizer", "Label Printer", "Envelope Pack",
                    "Scissors", "Tape Dispenser"},
            {"Services", "SRV", "service", "Installation", "Consulting Hour", "On-site Training", "Support Contract",
                    "Office Design", "Assembly Service", "Delivery", "Maintenance Visit", "Project Management",
                    "Workshop Day", "Remote Support Hour", "Audit"},
            {"Software", "SOFT", "service", "CRM Subscription", "Accounting Suite", "Cloud Storage 1 TB",
                    "Antivirus Licence", "Video Conferencing", "Project Planner", "HR Portal", "Backup Service",
                    "Password Manager", "Analytics Add-on", "E-signature Pack", "Helpdesk Seat"}};

    private void products() {
        Category all = new Category("All", null);
        categories.add(all);
        int barcode = 1000;
        for (String[] family : CATALOG) {
            Category category = new Category(family[0], all);
            categories.add(category);
            for (int i = 3; i < family.length; i++) {
                BigDecimal price = money(family[2].equals("service") ? 40 + random.nextInt(260) : 5 + random.nextInt(900));
                BigDecimal cost = price.multiply(BigDecimal.valueOf(0.45 + random.nextInt(30) / 100.0)).setScale(2, RoundingMode.HALF_UP);
                Company owner = i % 8 == 0 ? europe : i % 9 == 0 ? americas : null;
                Product p = new Product(family[i], String.format("%s-%03d", family[1], i - 2), family[2], category, price,
                        cost, BigDecimal.valueOf(21), owner);
                if (family[2].equals("consu")) {
                    p.setBarcode("5400" + String.format("%09d", barcode++));
                }
                products.add(p);
            }
        }
    }

    // ---- partners -------------------------------------------------------------------------

    private static final String[] FIRST = {"Anna", "Bruno", "Chloé", "David", "Elena", "Farid", "Greta", "Hugo", "Ines",
            "Jonas", "Karin", "Liam", "Maya", "Nils", "Olga", "Pablo", "Quentin", "Rosa", "Samir", "Tess", "Ugo", "Vera",
            "Wout", "Xenia", "Yusuf", "Zoé"};
    private static final String[] LAST = {"Janssens", "Dubois", "Müller", "Rossi", "García", "Smith", "Nguyen", "Kowalski",
            "Peeters", "Martin", "Jansen", "Schmidt", "Lopez", "Brown", "Wilson", "Leroy", "Novak", "Berg", "Costa", "Adams"};
    private static final String[] WORD = {"Azure", "Deco", "Gemini", "Lumen", "Nova", "Oak", "Pioneer", "Quartz", "Ready",
            "Summit", "Terra", "Urban", "Vertex", "Willow", "Zenith", "Atlas", "Beacon", "Cedar", "Delta", "Echo"};
    private static final String[] KIND = {"Interiors", "Addict", "Furniture", "Systems", "Logistics", "Consulting",
            "Studio", "Partners", "Works", "Solutions"};
    private static final String[][] PLACES = {
            {"BE", "Brussels", "1000"}, {"BE", "Antwerp", "2000"}, {"BE", "Ghent", "9000"}, {"FR", "Paris", "75002"},
            {"FR", "Lyon", "69002"}, {"DE", "Berlin", "10115"}, {"NL", "Amsterdam", "1012"}, {"LU", "Luxembourg", "1111"},
            {"US", "New York", "10001"}, {"US", "Boston", "02108"}, {"US", "Chicago", "60601"}, {"US", "Austin", "73301"},
            {"CA", "Toronto", "M5H 2N2"}};

    private final Map<Company, List<Partner>> customers = new LinkedHashMap<>();
    private final Map<Company, List<Partner>> suppliers = new LinkedHashMap<>();

    private void partners() {
        customers.put(europe, new ArrayList<>());
        customers.put(americas, new ArrayList<>());
        suppliers.put(europe, new ArrayList<>());
        suppliers.put(americas, new ArrayList<>());
        for (int i = 0; i < 100; i++) {
            // 45 per company, 10 shared by both
            Company owner = i < 45 ? europe : i < 90 ? americas : null;
            String[] place = owner == europe || owner == null && i % 2 == 0
                    ? PLACES[random.nextInt(8)] : PLACES[8 + random.nextInt(5)];
            String name = WORD[i % WORD.length] + " " + KIND[(i / WORD.length + i) % KIND.length]
                    + (i >= WORD.length * 2 ? " " + (i / 20 + 1) : "");
            Partner company = Partner.company(name, owner)
                    .address((10 + random.nextInt(180)) + " " + LAST[random.nextInt(LAST.length)] + " Street", place[2],
                            place[1], refs.country(place[0]))
                    .reach("contact@" + name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "") + ".example",
                            phone(place[0]))
                    .vat(place[0] + String.format("%010d", Math.abs(random.nextLong() % 10_000_000_000L)));
            partners.add(company);
            boolean supplier = i % 5 == 0;
            for (Company c : owner == null ? List.of(europe, americas) : List.of(owner)) {
                (supplier ? suppliers : customers).get(c).add(company);
            }
            int contacts = 1 + random.nextInt(2);
            for (int k = 0; k < contacts; k++) {
                String person = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
                Partner contact = Partner.contact(person, company, k == 0 ? "Purchasing Manager" : "Accountant")
                        .reach(person.toLowerCase(java.util.Locale.ROOT).replace(' ', '.').replaceAll("[^a-z.]", "")
                                + "@" + company.getName().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "")
                                + ".example", phone(place[0]));
                partners.add(contact);
                if (!supplier) {
                    for (Company c : owner == null ? List.of(europe, americas) : List.of(owner)) {
                        customers.get(c).add(contact);
                    }
                }
            }
            if (i % 23 == 22) {
                company.archive();
            }
        }
        for (int i = 0; i < 50; i++) {
            Company owner = i % 2 == 0 ? europe : americas;
            String[] place = owner == europe ? PLACES[random.nextInt(8)] : PLACES[8 + random.nextInt(5)];
            String name = FIRST[(i * 7) % FIRST.length] + " " + LAST[(i * 3 + 1) % LAST.length];
            Partner person = Partner.contact(name, null, null)
                    .address((1 + random.nextInt(99)) + " Main Road", place[2], place[1], refs.country(place[0]))
                    .reach(name.toLowerCase(java.util.Locale.ROOT).replace(' ', '.').replaceAll("[^a-z.]", "") + i
                            + "@mail.example", phone(place[0]));
            person.ownedBy(owner);
            partners.add(person);
            customers.get(owner).add(person);
        }
    }

    private String phone(String country) {
        int number = 1_000_000 + random.nextInt(8_999_999);
        return switch (country) {
            case "US", "CA" -> "+1 " + (200 + random.nextInt(700)) + " 555 " + String.format("%04d", number % 10000);
            default -> "+32 " + (2 + random.nextInt(8)) + " " + number;
        };
    }

    // ---- orders and invoices --------------------------------------------------------------

    private final List<Move> toPost = new ArrayList<>();
    private final List<Settlement> settlements = new ArrayList<>();

    /** A payment or a reversal to apply on a posted entry, in date order. */
    private record Settlement(LocalDate date, Move move, BigDecimal amount, boolean reverse) {
    }

    private void orders() {
        for (Company company : companies) {
            ZoneId zone = ZoneId.of(company.getTz());
            BigDecimal localTax = company == europe ? BigDecimal.valueOf(21) : new BigDecimal("8.875");
            List<SaleOrder> mine = new ArrayList<>();
            for (int i = 0; i < ORDERS_PER_COMPANY; i++) {
                int age = random.nextInt(300);
                LocalDate day = REFERENCE.minusDays(age);
                LocalDateTime created = utc(day.atTime(8 + random.nextInt(10), random.nextInt(60)), zone);
                List<Partner> buyers = customers.get(company);
                Partner customer = buyers.get(random.nextInt(buyers.size()));
                List<User> sellers = salespeople.get(company);
                SaleOrder order = new SaleOrder(customer, company, sellers.get(random.nextInt(sellers.size())), created);
                order.setValidityDate(day.plusDays(30));
                if (random.nextInt(4) == 0) {
                    order.setClientOrderRef("PO-" + (10000 + random.nextInt(90000)));
                }
                int lines = 1 + random.nextInt(4);
                for (int l = 0; l < lines; l++) {
                    Product product = productFor(company);
                    BigDecimal qty = BigDecimal.valueOf(1 + random.nextInt(product.getCode().startsWith("SRV") ? 16 : 10));
                    BigDecimal discount = random.nextInt(5) == 0 ? BigDecimal.valueOf(5 * (1 + random.nextInt(4))) : null;
                    order.addLine(product, qty, null, discount).withTaxRate(localTax);
                }
                mine.add(order);
            }
            mine.sort(Comparator.comparing(SaleOrder::getDateOrder));
            for (SaleOrder order : mine) {
                order.setName(number(SaleOrderNumbering.CODE, company, SaleOrderNumbering.PREFIX, order.getDateOrder().toLocalDate()));
                progress(order, zone);
            }
            orders.addAll(mine);
        }
    }

    private Product productFor(Company company) {
        while (true) {
            Product p = products.get(random.nextInt(products.size()));
            if (p.getCompany() == null || p.getCompany() == company) {
                return p;
            }
        }
    }

    /** Moves the order along its life according to its age: recent ones are still quotations. */
    private void progress(SaleOrder order, ZoneId zone) {
        LocalDate day = order.getDateOrder().atOffset(ZoneOffset.UTC).atZoneSameInstant(zone).toLocalDate();
        long age = REFERENCE.toEpochDay() - day.toEpochDay();
        int dice = random.nextInt(100);
        String target = age < 30
                ? (dice < 35 ? "draft" : dice < 65 ? "sent" : dice < 90 ? "sale" : "cancel")
                : (dice < 5 ? "draft" : dice < 15 ? "sent" : dice < 25 ? "cancel" : "sale");
        switch (target) {
            case "sent" -> order.send();
            case "cancel" -> {
                if (random.nextBoolean()) {
                    order.send();
                }
                order.cancel();
            }
            case "sale" -> {
                order.confirm(order.getDateOrder().plusHours(1 + random.nextInt(48)));
                LocalDate invoiceDay = day.plusDays(random.nextInt(6));
                if (age > 7 && random.nextInt(10) < 9 && !invoiceDay.isAfter(REFERENCE)) {
                    Move invoice = order.invoice();
                    invoice.setDates(invoiceDay, null);
                    moves.add(invoice);
                    // recent invoices, and a few forgotten ones, are still drafts
                    if (REFERENCE.toEpochDay() - invoiceDay.toEpochDay() > 10 && random.nextInt(20) > 0) {
                        toPost.add(invoice);
                        planSettlement(invoice, invoiceDay);
                    }
                }
            }
            default -> {
                // stays a draft quotation
            }
        }
    }

    private void planSettlement(Move move, LocalDate invoiceDay) {
        int dice = random.nextInt(100);
        LocalDate paid = invoiceDay.plusDays(5 + random.nextInt(40));
        if (paid.isAfter(REFERENCE)) {
            return;
        }
        if (dice < 50) {
            settlements.add(new Settlement(paid, move, null, false));
        } else if (dice < 65) {
            settlements.add(new Settlement(paid, move, BigDecimal.valueOf(30 + random.nextInt(40)), false));
        } else if (dice < 69) {
            settlements.add(new Settlement(paid, move, null, true));
        }
        // the rest stays unpaid: overdue once its due date is past
    }

    private void bills() {
        for (Company company : companies) {
            List<Partner> vendors = suppliers.get(company);
            for (int i = 0; i < BILLS_PER_COMPANY; i++) {
                LocalDate day = REFERENCE.minusDays(random.nextInt(300));
                Move bill = new Move("in_invoice", vendors.get(random.nextInt(vendors.size())), company);
                bill.setRef("V-" + (100000 + random.nextInt(900000)));
                int lines = 1 + random.nextInt(3);
                for (int l = 0; l < lines; l++) {
                    Product p = productFor(company);
                    bill.addLine(p, p.getName(), BigDecimal.valueOf(1 + random.nextInt(20)), p.getCost(), BigDecimal.ZERO,
                            company == europe ? BigDecimal.valueOf(21) : BigDecimal.ZERO);
                }
                bill.setDates(day, null);
                moves.add(bill);
                toPost.add(bill);
                planSettlement(bill, day);
            }
        }
    }

    private void postInDateOrder() {
        toPost.sort(Comparator.comparing(Move::getInvoiceDate));
        for (Move move : toPost) {
            move.post(number(move.journalCode(), move.getCompany(), move.journalPrefix(), move.getInvoiceDate()),
                    move.getInvoiceDate());
        }
    }

    private void settleInDateOrder() {
        settlements.sort(Comparator.comparing(Settlement::date));
        for (Settlement s : settlements) {
            Move move = s.move();
            if (s.reverse()) {
                Move refund = move.reverse(s.date());
                refund.post(number(refund.journalCode(), refund.getCompany(), refund.journalPrefix(), s.date()), s.date());
                moves.add(refund);
            } else {
                BigDecimal amount = s.amount() == null ? move.getAmountResidual()
                        : move.getAmountResidual().multiply(s.amount()).divide(BigDecimal.valueOf(100), 0, RoundingMode.DOWN);
                if (amount.signum() > 0) {
                    payments.add(move.pay(amount, s.date()));
                }
            }
        }
    }

    // ---- helpers --------------------------------------------------------------------------

    private String number(String code, Company company, String prefix, LocalDate date) {
        String key = code + "@" + companies.indexOf(company);
        long next = nextNumbers.getOrDefault(key, 1L);
        nextNumbers.put(key, next + 1);
        prefixes.put(key, prefix);
        return NumberSequence.format(prefix, 5, next, date);
    }

    /** The company of a counter key. */
    public Company companyOf(String key) {
        return companies.get(Integer.parseInt(key.substring(key.indexOf('@') + 1)));
    }

    /** The sequence code of a counter key. */
    public static String codeOf(String key) {
        return key.substring(0, key.indexOf('@'));
    }

    private static LocalDateTime utc(LocalDateTime local, ZoneId zone) {
        return local.atZone(zone).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    private static BigDecimal money(int units) {
        return BigDecimal.valueOf(units * 100L + 99, 2);
    }

    /** Used by tests: every country the demo refers to. */
    static List<String> countryCodes() {
        List<String> codes = new ArrayList<>();
        for (String[] place : PLACES) {
            if (!codes.contains(place[0])) {
                codes.add(place[0]);
            }
        }
        return codes;
    }
}
