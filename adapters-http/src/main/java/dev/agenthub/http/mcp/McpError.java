package dev.agenthub.http.mcp;

/** A JSON-RPC error the MCP endpoint answers with: {@code {"code": code, "message": message}}. */
public final class McpError extends RuntimeException {

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL = -32000;

    private final int code;

    public McpError(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static McpError invalidParams(String message) {
        return new McpError(INVALID_PARAMS, message);
    }
}
