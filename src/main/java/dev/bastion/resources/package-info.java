/**
 * The built-in MCP resources as {@code mcp.resource} records: system information, the models
 * the caller may use, per-model fields and methods, per-model access, module metadata and a
 * record template, all read with the caller's rights; completion of model names, module names
 * and record ids; {@code resources/updated} for subscribed records whenever they change.
 *
 * <p>Spec: 2025-11-25 {@code server/resources.mdx} (list, templates, read, subscribe,
 * list_changed), {@code server/utilities/completion.mdx}.
 *
 * <p>May import: {@code mcp.spi}, {@code mcp.protocol}, {@code orm}, {@code access}, {@code erp.base},
 * {@code settings}, {@code platform}.
 */
package dev.bastion.resources;
