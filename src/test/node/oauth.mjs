// Drives the official MCP TypeScript SDK client's OAuth support against Bastion: discovery from
// the 401, Dynamic Client Registration, the authorization request (printed as "AUTHORIZE <url>"
// for the test to open in a browser), the callback on a loopback port, the code exchange, tool
// calls, and a refresh once the short-lived access token expired. Prints one JSON line of what
// it observed, the tokens it ended with included (the test checks refusals with them).
// Usage: node oauth.mjs <mcp url> <seconds to wait for the access token to expire>
import http from "node:http";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";

const [url, expirySeconds] = process.argv.slice(2);
const report = {};
const timeout = setTimeout(() => { console.log(JSON.stringify({ ...report, error: "timeout" })); process.exit(2); }, 90000);

// The callback: the browser lands here with the code (or an error) and the RFC 9207 iss.
let answered;
const callback = new Promise((resolve) => { answered = resolve; });
const server = http.createServer((req, res) => {
  const params = new URL(req.url, "http://127.0.0.1").searchParams;
  res.writeHead(200, { "Content-Type": "text/html" });
  res.end("<!DOCTYPE html><title>done</title><p id=\"callback-done\">You can close this window.</p>");
  answered(Object.fromEntries(params.entries()));
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const redirectUrl = `http://127.0.0.1:${server.address().port}/callback`;

const store = {};
const provider = {
  get redirectUrl() { return redirectUrl; },
  get clientMetadata() {
    return { client_name: "Bastion OAuth IT", redirect_uris: [redirectUrl], grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"], token_endpoint_auth_method: "none" };
  },
  state() { return "it-state-" + Date.now(); },
  clientInformation() { return store.client; },
  saveClientInformation(info) { store.client = info; },
  tokens() { return store.tokens; },
  saveTokens(tokens) { store.tokens = tokens; (report.tokensSaved ??= []).push(tokens.access_token.slice(0, 8)); },
  redirectToAuthorization(authorizationUrl) {
    report.authorizationUrl = authorizationUrl.toString();
    console.log("AUTHORIZE " + authorizationUrl.toString());
  },
  saveCodeVerifier(v) { store.verifier = v; },
  codeVerifier() { return store.verifier; },
  saveDiscoveryState(s) { store.discovery = s; },
  discoveryState() { return store.discovery; },
};

function connect() {
  const client = new Client({ name: "bastion-oauth-it", version: "1.0.0" }, { capabilities: {} });
  const transport = new StreamableHTTPClientTransport(new URL(url), { authProvider: provider });
  return { client, transport };
}

try {
  const first = connect();
  try {
    await first.client.connect(first.transport);
    report.error = "connected without authorization";
  } catch (e) {
    report.firstError = e instanceof UnauthorizedError ? "unauthorized" : String(e);
  }
  const answer = await callback;
  report.callback = { ...answer, code: answer.code ? "present" : undefined };
  const issuer = store.discovery?.authorizationServerMetadata?.issuer;
  report.issuer = issuer;
  report.issMatches = answer.iss === issuer;
  report.stateMatches = answer.state != null;
  if (!answer.code || !report.issMatches) {
    throw new Error("no usable authorization response: " + JSON.stringify(answer));
  }
  await first.transport.finishAuth(answer.code);
  report.clientId = store.client.client_id;
  report.scope = store.tokens.scope;

  const { client, transport } = connect();
  await client.connect(transport);
  report.serverName = client.getServerVersion()?.name;
  report.tools = (await client.listTools()).tools.map((t) => t.name);
  const counted = await client.callTool({ name: "count", arguments: { model: "res.partner" } });
  report.count = counted.structuredContent?.count;
  const firstAccess = store.tokens.access_token;
  await new Promise((r) => setTimeout(r, Number(expirySeconds) * 1000));
  // The access token expired: the SDK gets a 401, refreshes with its refresh token and retries.
  const again = await client.callTool({ name: "count", arguments: { model: "res.partner" } });
  report.countAfterRefresh = again.structuredContent?.count;
  report.refreshed = store.tokens.access_token !== firstAccess;
  report.accessToken = store.tokens.access_token;
  report.refreshToken = store.tokens.refresh_token;
  report.expiredAccessToken = firstAccess;
  await client.close();
} catch (e) {
  report.error = String(e?.stack ?? e);
}
clearTimeout(timeout);
server.close();
console.log(JSON.stringify(report));
process.exit(0);
