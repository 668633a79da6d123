package dev.bastion.prompts;

import dev.bastion.orm.InvalidRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prompt templates: {@code {name}} is replaced by the argument's value (empty when an optional
 * argument is not given), {@code {{} and {@code }}} are literal braces. A lone brace is an
 * error, reported when the template is saved.
 */
final class Template {

    /** A piece of a template: literal text, or a placeholder's name. */
    record Part(String text, boolean placeholder) {
    }

    private Template() {
    }

    static List<Part> parse(String template) {
        if (template == null) {
            throw new InvalidRequest("A prompt needs a template");
        }
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char ch = template.charAt(i);
            boolean doubled = i + 1 < template.length() && template.charAt(i + 1) == ch;
            if ((ch == '{' || ch == '}') && doubled) {
                literal.append(ch);
                i++;
            } else if (ch == '{') {
                int end = template.indexOf('}', i);
                String name = end < 0 ? "" : template.substring(i + 1, end);
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new InvalidRequest("Template: '{' at " + i + " does not open a placeholder like {partner}; "
                            + "write {{ for a literal brace");
                }
                parts.add(new Part(literal.toString(), false));
                literal.setLength(0);
                parts.add(new Part(name, true));
                i = end;
            } else if (ch == '}') {
                throw new InvalidRequest("Template: lone '}' at " + i + "; write }} for a literal brace");
            } else {
                literal.append(ch);
            }
        }
        parts.add(new Part(literal.toString(), false));
        return parts;
    }

    /** The names of the placeholders, in order of appearance. */
    static List<String> placeholders(String template) {
        return parse(template).stream().filter(Part::placeholder).map(Part::text).distinct().toList();
    }

    static String render(String template, Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        for (Part p : parse(template)) {
            out.append(p.placeholder() ? values.getOrDefault(p.text(), "") : p.text());
        }
        return out.toString();
    }
}
