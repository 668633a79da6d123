// A short working session of the official MCP TypeScript SDK client against Bastion's built-in
// features, printed as one JSON line (with a transcript of what was asked and answered).
// Usage: MCP_AUTH="Bearer <api key>" node features.mjs <url> <streamable|sse>
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { ToolListChangedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";

const [url, mode] = process.argv.slice(2);
const headers = process.env.MCP_AUTH ? { Authorization: process.env.MCP_AUTH } : {};
const report = { mode, transcript: [] };

async function call(client, name, args) {
  const result = await client.callTool({ name, arguments: args });
  const data = result.structuredContent ?? JSON.parse(result.content[0].text);
  report.transcript.push({ call: name, arguments: args, isError: !!result.isError, result: data });
  if (result.isError) throw new Error(`${name} failed: ${result.content[0].text}`);
  return data;
}

const timeout = setTimeout(() => { console.log(JSON.stringify({ ...report, error: "timeout" })); process.exit(2); }, 90000);
try {
  const client = new Client({ name: "bastion-ts-features", version: "1.0.0" }, { capabilities: {} });
  const transport = mode === "sse"
    ? new SSEClientTransport(new URL(url), { requestInit: { headers } })
    : new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
  await client.connect(transport);
  report.protocolVersion = transport.protocolVersion ?? null;
  report.tools = (await client.listTools()).tools.map((t) => t.name);
  report.transcript.push({ call: "tools/list", result: report.tools });
  const models = JSON.parse((await client.readResource({ uri: "bastion://models" })).contents[0].text).models;
  report.models = models.length;
  const search = await call(client, "search", {
    model: "sale.order", domain: [["state", "in", ["sale", "draft", "sent"]]],
    fields: ["name", "partner_id", "amount_total", "state"], order: "amount_total desc", limit: 3, with_total: true,
  });
  report.searchTotal = search.total;
  const aggregate = await call(client, "aggregate", {
    model: "sale.order", domain: [["state", "=", "sale"]], group_by: ["date_order:month"],
    aggregates: ["amount_total:sum"], order: "date_order:month desc", limit: 3,
  });
  report.aggregateGroups = aggregate.groups;

  const changed = new Promise((resolve) => client.setNotificationHandler(ToolListChangedNotificationSchema, () => resolve(true)));
  const tool = (await call(client, "search", { model: "mcp.tool", domain: [["name", "=", "list_companies"]], fields: ["description"] })).records[0];
  // The server-to-client stream opens in the background: edit until a change is heard (at most 5 times).
  report.toolListChanged = false;
  for (let attempt = 0; attempt < 5 && !report.toolListChanged; attempt++) {
    await call(client, "write", { model: "mcp.tool", ids: [tool.id], values: { sequence: 110 + attempt } });
    report.toolListChanged = await Promise.race([changed, new Promise((r) => setTimeout(() => r(false), 2000))]);
  }
  await client.close();
} catch (e) {
  report.error = String(e && e.stack || e);
}
clearTimeout(timeout);
console.log(JSON.stringify(report));
process.exit(0);
