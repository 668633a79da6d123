package dev.bastion.admin.connect;

import dev.bastion.access.ApiKeys;
import dev.bastion.access.edge.PublicUrl;
import dev.bastion.admin.Console;
import dev.bastion.json.Jsons;
import dev.bastion.orm.OrmException;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/** {@code /admin/connect.xhtml}: client configurations for this server and the signed-in user. */
@Named
@ViewScoped
public class ConnectBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    /** What the snippets say until a key is issued: obviously not a key, so nobody pastes it unnoticed. */
    static final String PLACEHOLDER = "<YOUR-API-KEY>";

    /**
     * One client's configuration.
     *
     * @param where where it goes (file or command line)
     */
    public record Snippet(String id, String client, String where, String text) implements Serializable {
    }

    @Inject
    Console console;

    @Inject
    ApiKeys keys;

    @Inject
    PublicUrl publicUrl;

    @Inject
    HttpServletRequest request;

    private String endpoint;
    private String issuedKey;

    @PostConstruct
    void init() {
        endpoint = publicUrl.of(request) + "/mcp";
    }

    /** Issues a key for the signed-in user and fills it into every snippet, this once. */
    public void issueKey() {
        String name = "Connect page, " + LocalDate.now(console.context().tz());
        JsonObject params = Jsons.createObjectBuilder().add("name", name).build();
        try {
            // The page itself says the key is new and shown once: no message on top of it.
            ApiKeys.Issued issued = keys.issueOwn(console.context().uid(), name, null);
            console.audited("issue_key", Console.API_KEYS, params, Console.touched(Console.API_KEYS, "create", issued.id()), null);
            issuedKey = issued.key();
        } catch (OrmException e) {
            console.audited("issue_key", Console.API_KEYS, params, null, e);
            Console.refused(e);
        }
    }

    public String getEndpoint() {
        return endpoint;
    }

    public boolean isKeyIssued() {
        return issuedKey != null;
    }

    public List<Snippet> getSnippets() {
        String url = endpoint;
        String key = issuedKey == null ? PLACEHOLDER : issuedKey;
        String bearer = "Bearer " + key;
        return List.of(
                new Snippet("plain", "Any Streamable HTTP client", "URL and header",
                        "URL:    " + url + "\nHeader: Authorization: " + bearer),
                new Snippet("claude-desktop", "Claude Desktop (through mcp-remote)",
                        "claude_desktop_config.json (Settings → Developer → Edit Config); needs Node.js",
                        """
                        {
                          "mcpServers": {
                            "bastion": {
                              "command": "npx",
                              "args": [
                                "-y", "mcp-remote", "%s",
                                "--header", "Authorization:${AUTH_HEADER}"
                              ],
                              "env": { "AUTH_HEADER": "%s" }
                            }
                          }
                        }""".formatted(url, bearer)),
                new Snippet("claude-code", "Claude Code", "a terminal",
                        "claude mcp add --transport http bastion " + url + " \\\n  --header \"Authorization: " + bearer + "\""),
                new Snippet("cursor", "Cursor", "~/.cursor/mcp.json (or .cursor/mcp.json in a project)",
                        """
                        {
                          "mcpServers": {
                            "bastion": {
                              "url": "%s",
                              "headers": { "Authorization": "%s" }
                            }
                          }
                        }""".formatted(url, bearer)),
                new Snippet("vscode", "VS Code (GitHub Copilot)", ".vscode/mcp.json in a workspace",
                        """
                        {
                          "servers": {
                            "bastion": {
                              "type": "http",
                              "url": "%s",
                              "headers": { "Authorization": "%s" }
                            }
                          }
                        }""".formatted(url, bearer)),
                new Snippet("codex", "Codex", "~/.codex/config.toml",
                        """
                        [mcp_servers.bastion]
                        url = "%s"
                        http_headers = { "Authorization" = "%s" }""".formatted(url, bearer)),
                new Snippet("windsurf", "Windsurf", "~/.codeium/windsurf/mcp_config.json",
                        """
                        {
                          "mcpServers": {
                            "bastion": {
                              "serverUrl": "%s",
                              "headers": { "Authorization": "%s" }
                            }
                          }
                        }""".formatted(url, bearer)),
                new Snippet("cline", "Cline", "cline_mcp_settings.json (MCP Servers → Configure)",
                        """
                        {
                          "mcpServers": {
                            "bastion": {
                              "type": "streamableHttp",
                              "url": "%s",
                              "headers": { "Authorization": "%s" }
                            }
                          }
                        }""".formatted(url, bearer)),
                new Snippet("inspector", "MCP Inspector", "a terminal (lists the tools; drop --cli and --method for the web UI)",
                        "npx -y @modelcontextprotocol/inspector --cli " + url + " --transport http \\\n  --header \"Authorization: "
                                + bearer + "\" --method tools/list"));
    }
}
