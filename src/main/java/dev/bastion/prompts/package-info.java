/**
 * MCP prompts as {@code mcp.prompt} records: global prompts managed by administrators and
 * personal prompts visible to their owner, templates with {@code {argument}} placeholders and
 * literal braces, argument completion from fixed lists or a model's records, and
 * {@code notifications/prompts/list_changed} when they change.
 *
 * <p>Spec: 2025-11-25 {@code server/prompts.mdx} (list, get, missing arguments as -32602,
 * list_changed), {@code server/utilities/completion.mdx}.
 *
 * <p>May import: {@code mcp.spi}, {@code orm}, {@code access}, {@code erp.base}.
 */
package dev.bastion.prompts;
