package dev.bastion.orm;

import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An Odoo domain, parsed: prefix notation with {@code &}, {@code |}, {@code !} and leaves
 * {@code [path, operator, value]}, consecutive terms joined by an implicit AND. Parsing checks
 * the shape only; fields and value types are checked against the model when the domain is
 * turned into a query. Bounded in size and depth, so a hostile domain cannot exhaust the
 * server.
 */
public sealed interface Domain {

    /** Every operator a leaf may use. */
    Set<String> OPERATORS = Set.of("=", "!=", "<", "<=", ">", ">=", "=?", "in", "not in", "like", "not like",
            "ilike", "not ilike", "=like", "=ilike", "child_of", "parent_of");
    int MAX_TERMS = 500;
    int MAX_DEPTH = 64;
    /** Values in one list of a leaf ({@code in}, {@code not in}, {@code child_of}, {@code parent_of}). */
    int MAX_VALUES = 10_000;
    /**
     * Values in all the lists of one domain together: each is a bound parameter of every query
     * the domain ends up in, and PostgreSQL refuses a statement with more than 32,767.
     */
    int MAX_TOTAL_VALUES = 20_000;

    /** Matches every record. */
    record All() implements Domain {
    }

    record And(Domain left, Domain right) implements Domain {
    }

    record Or(Domain left, Domain right) implements Domain {
    }

    record Not(Domain operand) implements Domain {
    }

    /** {@code [path, operator, value]}; the path may be dotted through relations. */
    record Leaf(String path, String operator, JsonValue value) implements Domain {
    }

    /**
     * Parses a domain; null or empty matches everything.
     *
     * @throws InvalidRequest naming the position and the problem
     */
    static Domain parse(JsonArray domain) {
        if (domain == null || domain.isEmpty()) {
            return new All();
        }
        if (domain.size() > MAX_TERMS) {
            throw new InvalidRequest("Domain too long: " + domain.size() + " terms (at most " + MAX_TERMS + ")");
        }
        Parser parser = new Parser(domain);
        List<Domain> terms = new ArrayList<>();
        while (parser.position < domain.size()) {
            terms.add(parser.expression(0));
        }
        Domain result = terms.get(terms.size() - 1);
        for (int i = terms.size() - 2; i >= 0; i--) {
            result = new And(terms.get(i), result);
        }
        return result;
    }

    /** {@code d1 OR d2 OR ...}, of at least one domain. */
    static Domain anyOf(List<Domain> domains) {
        if (domains.isEmpty()) {
            throw new IllegalArgumentException("no domains to unite");
        }
        Domain result = domains.get(domains.size() - 1);
        for (int i = domains.size() - 2; i >= 0; i--) {
            result = new Or(domains.get(i), result);
        }
        return result;
    }

    /** All leaves of a domain, for checking the fields it touches. */
    static List<Leaf> leaves(Domain domain) {
        List<Leaf> out = new ArrayList<>();
        collect(domain, out);
        return out;
    }

    private static void collect(Domain d, List<Leaf> out) {
        if (d instanceof Leaf l) {
            out.add(l);
        } else if (d instanceof And a) {
            collect(a.left(), out);
            collect(a.right(), out);
        } else if (d instanceof Or o) {
            collect(o.left(), out);
            collect(o.right(), out);
        } else if (d instanceof Not n) {
            collect(n.operand(), out);
        }
    }

    /** Recursive descent over the prefix notation. */
    final class Parser {
        private final JsonArray terms;
        private int position;
        private int values;

        private Parser(JsonArray terms) {
            this.terms = terms;
        }

        private Domain expression(int depth) {
            if (depth > MAX_DEPTH) {
                throw new InvalidRequest("Domain nested too deeply (more than " + MAX_DEPTH + " levels)");
            }
            if (position >= terms.size()) {
                throw new InvalidRequest("Domain ends too early: an operator at the end lacks its condition(s)");
            }
            int at = position++;
            JsonValue term = terms.get(at);
            if (term instanceof JsonString s) {
                return switch (s.getString()) {
                    case "&" -> new And(expression(depth + 1), expression(depth + 1));
                    case "|" -> new Or(expression(depth + 1), expression(depth + 1));
                    case "!" -> new Not(expression(depth + 1));
                    default -> throw new InvalidRequest("Domain term " + at + ": '" + s.getString()
                            + "' is not an operator; use '&', '|' or '!', or a condition [field, operator, value]");
                };
            }
            if (term instanceof JsonArray leaf) {
                return leaf(leaf, at);
            }
            throw new InvalidRequest("Domain term " + at + " must be '&', '|', '!' or [field, operator, value], got " + term);
        }

        private Leaf leaf(JsonArray leaf, int at) {
            if (leaf.size() != 3) {
                throw new InvalidRequest("Domain term " + at + ": a condition has three parts [field, operator, value], got "
                        + leaf);
            }
            if (!(leaf.get(0) instanceof JsonString field) || field.getString().isBlank()) {
                throw new InvalidRequest("Domain term " + at + ": the field must be a name, got " + leaf.get(0));
            }
            if (!(leaf.get(1) instanceof JsonString operator) || !OPERATORS.contains(operator.getString())) {
                throw new InvalidRequest("Domain term " + at + ": unknown operator " + leaf.get(1) + "; use one of "
                        + "=, !=, <, <=, >, >=, =?, in, not in, like, not like, ilike, not ilike, =like, =ilike, "
                        + "child_of, parent_of");
            }
            JsonValue value = leaf.get(2);
            if (value instanceof JsonArray list) {
                if (list.size() > MAX_VALUES) {
                    throw new InvalidRequest("Domain term " + at + ": " + list.size() + " values (at most " + MAX_VALUES
                            + " in one list)");
                }
                values += list.size();
                if (values > MAX_TOTAL_VALUES) {
                    throw new InvalidRequest("Domain too large: its lists hold more than " + MAX_TOTAL_VALUES
                            + " values in all (the limit of one domain); split the request into smaller ones");
                }
            }
            return new Leaf(field.getString(), operator.getString(), value);
        }
    }
}
