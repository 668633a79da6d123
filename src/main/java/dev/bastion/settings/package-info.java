/**
 * Live settings: values admins change at runtime, stored as rows of {@code bastion_setting},
 * with their defaults from MicroProfile Config ({@code bastion.*} keys in
 * {@code microprofile-config.properties}; environment variables such as
 * {@code BASTION_RATE_LIMIT_PER_MINUTE} override them).
 *
 * <p>Every key is a constant of {@link dev.bastion.settings.SettingKey} with its type and
 * meaning; reads are served from an in-memory cache (no query per request) and every change
 * fires {@link dev.bastion.settings.SettingChanged} for the beans that must react at once.
 *
 * <p>May import: JPA, MicroProfile Config, {@code platform}.
 */
package dev.bastion.settings;
