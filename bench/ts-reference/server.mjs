// The TypeScript reference for bench/throughput.sh: the official MCP TypeScript SDK server
// (@modelcontextprotocol/sdk, pinned in package.json) over Streamable HTTP, stateful (one
// transport and McpServer per session, as the SDK's own examples do), JSON responses enabled,
// with one trivial tool `count`. Plain node:http rather than express: the SDK's transport
// takes node's request and response as they are, so the reference gets its best showing.
// Usage: node server.mjs <port>   (binds 127.0.0.1 only)
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

const port = Number(process.argv[2] ?? 3000);
const transports = new Map();

function newServer() {
    const server = new McpServer({ name: 'ts-reference', version: '1.0.0' });
    server.registerTool('count', {
        description: 'Counts the records of a model (a fixed answer: the reference does no work).',
        inputSchema: { model: z.string() },
    }, async ({ model }) => ({ content: [{ type: 'text', text: JSON.stringify({ model, count: 42 }) }] }));
    return server;
}

async function readJson(req) {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
}

function refuse(res, status, message) {
    res.writeHead(status, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32000, message } }));
}

createServer(async (req, res) => {
    try {
        if (!req.url.startsWith('/mcp')) return refuse(res, 404, 'Not found');
        const sessionId = req.headers['mcp-session-id'];
        const body = req.method === 'POST' ? await readJson(req) : undefined;
        let transport = sessionId ? transports.get(sessionId) : undefined;
        if (!transport) {
            if (sessionId || req.method !== 'POST' || !isInitializeRequest(body)) {
                return refuse(res, sessionId ? 404 : 400, 'No valid session');
            }
            transport = new StreamableHTTPServerTransport({
                sessionIdGenerator: () => randomUUID(),
                enableJsonResponse: true,
                onsessioninitialized: (id) => transports.set(id, transport),
            });
            transport.onclose = () => transport.sessionId && transports.delete(transport.sessionId);
            await newServer().connect(transport);
        }
        await transport.handleRequest(req, res, body);
    } catch (e) {
        if (!res.headersSent) refuse(res, 400, String(e?.message ?? e));
    }
}).listen(port, '127.0.0.1', () => console.log(`ts-reference listening on 127.0.0.1:${port}`));
