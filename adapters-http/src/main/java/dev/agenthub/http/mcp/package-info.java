/**
 * {@code POST /mcp} (wire spec §4.19): the JSON-RPC 2.0 framing, which is also the MCP Streamable HTTP transport
 * with JSON responses. The tools it serves are supplied as a {@link dev.agenthub.http.mcp.McpToolbox}; this package
 * knows no use case.
 */
package dev.agenthub.http.mcp;
