package dev.bastion.settings;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.net.URI;
import java.net.URISyntaxException;
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
    /**
     * ISO-8601 ({@code PT30M}) or a number with a unit: {@code 30s}, {@code 15m}, {@code 2h},
     * {@code 90d}; never negative, in either form.
     */
    DURATION {
        @Override
        Object parse(String text) {
            Duration duration = durationOf(text.trim());
            if (duration == null) {
                throw new IllegalArgumentException(
                        "expected a duration such as 30s, 15m, 2h, 90d or PT30M, got '" + text + "'");
            }
            if (duration.isNegative()) {
                throw new IllegalArgumentException("expected a duration of 0 or more, got '" + text + "'");
            }
            return duration;
        }

        private static Duration durationOf(String t) {
            try {
                if (t.startsWith("P") || t.startsWith("p")) {
                    return Duration.parse(t);
                }
                long amount = Long.parseLong(t.substring(0, t.length() - 1));
                return switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    case 'd' -> Duration.ofDays(amount);
                    default -> null;
                };
            } catch (RuntimeException e) {
                return null;
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
    /**
     * Comma-separated browser origins as the {@code Origin} header sends them
     * ({@code https://app.example.com}, {@code http://localhost:3000}), or {@code *}: anything
     * else (a path, a missing scheme) would never match a browser and is refused.
     */
    ORIGINS {
        @Override
        Object parse(String text) {
            List<?> items = (List<?>) LIST.parse(text);
            for (Object item : items) {
                if (!"*".equals(item) && !isOrigin((String) item)) {
                    throw new IllegalArgumentException("'" + item + "' is not an origin: use scheme://host[:port] "
                            + "without a path, e.g. https://app.example.com, or *");
                }
            }
            return items;
        }

        private static boolean isOrigin(String item) {
            try {
                URI uri = new URI(item);
                return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                        && uri.getRawUserInfo() == null && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                        && uri.getRawQuery() == null && uri.getRawFragment() == null;
            } catch (URISyntaxException e) {
                return false;
            }
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
