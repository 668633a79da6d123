package dev.bastion.settings;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The typed reads of {@link SettingsService} refuse a key of another type at run time, on paths
 * no other test may take (a query-timeout message, a log line of the retention job: both once
 * read a duration as text and failed there). This reads every call in the sources instead.
 */
class TypedSettingReadsTest {

    private static final Map<String, Set<SettingType>> ACCEPTED = Map.of(
            "getBoolean", Set.of(SettingType.BOOLEAN),
            "getCount", Set.of(SettingType.COUNT),
            "getDuration", Set.of(SettingType.DURATION),
            "getList", Set.of(SettingType.LIST, SettingType.ORIGINS),
            "getCidrs", Set.of(SettingType.CIDRS),
            "getText", Set.of(SettingType.CHOICE, SettingType.TEXT));

    private static final Pattern READ = Pattern.compile("\\b(get(?:Boolean|Count|Duration|List|Cidrs|Text))\\(SettingKey\\.([A-Z_0-9]+)");

    @Test
    void everyTypedReadNamesAKeyOfItsType() throws IOException {
        List<String> wrong = new ArrayList<>();
        int reads = 0;
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = READ.matcher(Files.readString(source));
                while (m.find()) {
                    reads++;
                    SettingType type = SettingKey.valueOf(m.group(2)).type();
                    if (!ACCEPTED.get(m.group(1)).contains(type)) {
                        wrong.add(source + ": " + m.group(1) + "(" + m.group(2) + "), a " + type + " setting");
                    }
                }
            }
        }
        assertTrue(reads > 20, "the sources were read (" + reads + " typed reads found)");
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }
}
