package dev.bastion.settings;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** How a setting's text is read and checked. */
public enum SettingType {
    BOOLEAN {
        @Override
        Object parse(String text) {
            return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("expected true or false, got '" + text + "'");
            };
        }
    },
    /** A whole number that is zero or more. */
    COUNT {
        @Override
        Object parse(String text) {
            try {
                long value = Long.parseLong(text.trim());
                if (value < 0) {
                    throw new IllegalArgumentException("expected a number of 0 or more, got " + value);
                }
                return value;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number, got '" + text + "'");
            }
        }
    },
    /** ISO-8601 ({@code PT30M}) or a number with a unit: {@code 30s}, {@code 15m}, {@code 2h}, {@code 90d}. */
    DURATION {
        @Override
        Object parse(String text) {
            String t = text.trim();
            try {
                if (t.startsWith("P") || t.startsWith("p")) {
                    return Duration.parse(t);
                }
                long amount = Long.parseLong(t.substring(0, t.length() - 1));
                Duration duration = switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    case 'd' -> Duration.ofDays(amount);
                    default -> throw new IllegalArgumentException("unknown unit");
                };
                if (duration.isNegative()) {
                    throw new IllegalArgumentException("negative");
                }
                return duration;
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "expected a duration such as 30s, 15m, 2h, 90d or PT30M, got '" + text + "'");
            }
        }
    },
    /** Comma-separated items, blanks dropped. */
    LIST {
        @Override
        Object parse(String text) {
            return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
    },
    /** Comma-separated IPv4 or IPv6 addresses or CIDR blocks ({@code 10.0.0.0/8, ::1}). */
    CIDRS {
        @Override
        Object parse(String text) {
            List<IPAddress> blocks = new ArrayList<>();
            for (Object item : (List<?>) LIST.parse(text)) {
                IPAddressString block = new IPAddressString((String) item);
                if (!block.isIPAddress()) {
                    throw new IllegalArgumentException("'" + item + "' is not an IPv4 or IPv6 address or CIDR block");
                }
                blocks.add(block.getAddress().toPrefixBlock());
            }
            return List.copyOf(blocks);
        }
    },
    /** One of the values the key names. */
    CHOICE {
        @Override
        Object parse(String text) {
            return text.trim();
        }
    },
    TEXT {
        @Override
        Object parse(String text) {
            return text;
        }
    };

    /** Converts the stored text, or fails with a message naming what was expected. */
    abstract Object parse(String text);
}
