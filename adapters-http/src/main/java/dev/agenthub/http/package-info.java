/**
 * The HTTP adapter: both APIs as Javalin routes, shipped as {@link dev.agenthub.http.AgentHubHttpPlugin}
 * so the standalone server and a host application mount exactly the same thing. Cross-cutting request
 * handling lives in {@code support}, operational endpoints in {@code ops}, the OpenAPI document and the
 * interactive docs in {@code docs}.
 */
package dev.agenthub.http;
