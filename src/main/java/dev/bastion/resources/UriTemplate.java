package dev.bastion.resources;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Level-1 RFC 6570 templates ({@code bastion://record/{model}/{id}}): a placeholder matches one
 * path segment, percent-decoded. That is all the built-in resources use.
 */
final class UriTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    private UriTemplate() {
    }

    static List<String> placeholders(String template) {
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The placeholder values when {@code uri} matches {@code template}, else empty. */
    static Optional<Map<String, String>> match(String template, String uri) {
        List<String> names = placeholders(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/?#]+)");
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        Matcher found = Pattern.compile(regex.toString()).matcher(uri);
        if (!found.matches()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            values.put(names.get(i), java.net.URLDecoder.decode(found.group(i + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return Optional.of(values);
    }
}
