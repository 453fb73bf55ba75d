package dev.agenthub.http.mcp;

import io.javalin.http.Context;

import java.util.List;

/** What the MCP endpoint serves: the tools, the caller check, and the {@code beadhub://status} resource. */
public interface McpToolbox {

    /** The tools, in {@code tools/list} order. */
    List<McpTool> tools();

    /** Auth B of the request; throws the domain error (401, 403, …) that becomes the JSON-RPC error. */
    void authenticate(Context ctx);

    /** The content of {@code beadhub://status}: the caller's project status. */
    Object status(Context ctx);
}
