/**
 * JSON-P with its provider resolved once. {@code jakarta.json.Json}'s static factories look the
 * provider up on every call (a class-path scan, jar entries, exceptions filled in): under load that
 * lookup dominated the request path. Code in {@code src/main/java} builds JSON through
 * {@link dev.bastion.json.Jsons} instead.
 *
 * <p>May import: JSON-P only. Every package may import this one.
 */
package dev.bastion.json;
