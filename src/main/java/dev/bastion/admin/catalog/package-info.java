/**
 * The catalog ({@code /admin/catalog/}): what MCP clients are offered, as administrators edit it.
 * Tools ({@code mcp.tool}: order by dragging, enable and disable, groups, wording, input and
 * output JSON Schemas checked against the 2020-12 meta-schema before they are saved, behaviour
 * hints), resources ({@code mcp.resource}) and global prompts ({@code mcp.prompt}: arguments,
 * role, template, with a preview rendered by the prompts feature's own renderer). Every change is
 * a {@code write}, {@code create} or {@code unlink} of the data engine with the administrator's
 * own rights, audited as {@code console/<action>}; the features turn the committed change into
 * {@code notifications/tools/list_changed} (resources, prompts) for every open client, exactly as
 * for a change made over MCP.
 *
 * <p>Spec: 2025-11-25 {@code server/tools.mdx} ("Tool", "List Changed Notification", JSON Schema
 * 2020-12 as the default dialect of {@code inputSchema} and {@code outputSchema}),
 * {@code server/resources.mdx}, {@code server/prompts.mdx}.
 *
 * <p>May import: {@code admin}, {@code orm}, {@code tools}, {@code prompts}, Faces, PrimeFaces.
 */
package dev.bastion.admin.catalog;
