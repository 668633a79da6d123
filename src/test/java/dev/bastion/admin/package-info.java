/**
 * Browser tests of the admin console: Selenium driving Debian's headless Chromium against the
 * shipped WAR, as a person would, with screenshots under {@code target/screenshots/}.
 */
package dev.bastion.admin;
