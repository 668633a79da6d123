/**
 * What MCP features implement and what they see. Tools, resources and prompts come from CDI
 * beans implementing {@link dev.bastion.mcp.spi.ToolProvider},
 * {@link dev.bastion.mcp.spi.ResourceProvider} and {@link dev.bastion.mcp.spi.PromptProvider};
 * each call gets a {@link dev.bastion.mcp.spi.RequestContext} with the caller, progress,
 * logging, cancellation and requests to the client (sampling, elicitation, roots). Features
 * announce changes by firing {@link dev.bastion.mcp.spi.FeatureChanged}. The caller is
 * established once per request ({@link dev.bastion.mcp.spi.Caller}); every request ends in one
 * {@link dev.bastion.mcp.spi.RequestCompleted} per message, which the audit trail and metrics
 * observe; features note in the request's {@link dev.bastion.mcp.spi.RequestTrace} which records
 * it touched and whether it was refused for lack of rights, which that event carries. Administration features list and end live sessions through
 * {@link dev.bastion.mcp.spi.LiveSessions}, without knowing how sessions are stored.
 *
 * <p>Spec: {@code server/tools.mdx}, {@code server/resources.mdx}, {@code server/prompts.mdx},
 * {@code server/utilities/completion.mdx}, {@code basic/utilities/progress.mdx},
 * {@code basic/utilities/cancellation.mdx}, {@code server/utilities/logging.mdx},
 * {@code client/sampling.mdx}, {@code client/elicitation.mdx} (2025-11-25).
 *
 * <p>May import: {@code mcp.protocol}, JSON-P ({@code dev.bastion.json}).
 */
package dev.bastion.mcp.spi;
