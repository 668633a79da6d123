// Drives the official MCP TypeScript SDK client against Bastion and prints one JSON line of
// what it observed. Usage: node client.mjs <url> <streamable|sse|fallback>
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { ToolListChangedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";

const [url, mode] = process.argv.slice(2);
const headers = process.env.MCP_AUTH ? { Authorization: process.env.MCP_AUTH } : {};
const report = { mode };

function newClient() {
  return new Client({ name: "bastion-ts-it", version: "1.0.0" }, { capabilities: {} });
}

async function connect() {
  if (mode === "sse") {
    const client = newClient();
    await client.connect(new SSEClientTransport(new URL(url), { requestInit: { headers } }));
    return client;
  }
  if (mode === "fallback") {
    // The SDK's documented back-compat pattern: Streamable HTTP first, then legacy SSE.
    try {
      const client = newClient();
      await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
      report.connectedWith = "streamable";
      return client;
    } catch (e) {
      const client = newClient();
      await client.connect(new SSEClientTransport(new URL(url), { requestInit: { headers } }));
      report.connectedWith = "sse";
      return client;
    }
  }
  const client = newClient();
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

const timeout = setTimeout(() => { console.log(JSON.stringify({ ...report, error: "timeout" })); process.exit(2); }, 60000);
try {
  const client = await connect();
  report.serverName = client.getServerVersion()?.name;
  const tools = await client.listTools();
  report.tools = tools.tools.map((t) => t.name);
  const text = await client.callTool({ name: "test_simple_text", arguments: {} });
  report.simpleText = text.content[0].text;
  const progress = [];
  await client.callTool({ name: "test_tool_with_progress", arguments: {} }, undefined, {
    onprogress: (p) => progress.push(p.progress),
  });
  report.progress = progress;
  const resource = await client.readResource({ uri: "test://static-text" });
  report.resourceText = resource.contents[0].text;
  const prompt = await client.getPrompt({ name: "test_prompt_with_arguments", arguments: { arg1: "a", arg2: "b" } });
  report.promptText = prompt.messages[0].content.text;
  const changed = new Promise((resolve) => client.setNotificationHandler(ToolListChangedNotificationSchema, () => resolve(true)));
  // The client opens its server-to-client stream in the background: a change announced before
  // the stream is open reaches nobody, so announce again until one arrives (at most 5 times).
  report.toolListChanged = false;
  for (let attempt = 0; attempt < 5 && !report.toolListChanged; attempt++) {
    await client.callTool({ name: "test_trigger_tool_change", arguments: {} });
    report.toolListChanged = await Promise.race([changed, new Promise((r) => setTimeout(() => r(false), 2000))]);
  }
  await client.close();
} catch (e) {
  report.error = String(e && e.stack || e);
}
clearTimeout(timeout);
console.log(JSON.stringify(report));
process.exit(0);
