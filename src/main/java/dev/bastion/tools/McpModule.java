package dev.bastion.tools;

import dev.bastion.erp.base.ModuleDescriptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The MCP module: tools, resources and prompts as records. */
@ApplicationScoped
public class McpModule implements ModuleDescriptor {

    @Override
    public String name() {
        return "mcp";
    }

    @Override
    public String title() {
        return "MCP";
    }

    @Override
    public String version() {
        return "1.0";
    }

    @Override
    public String summary() {
        return "The tools, resources and prompts MCP clients see, as records administrators edit live.";
    }

    @Override
    public List<String> depends() {
        return List.of("base");
    }
}
