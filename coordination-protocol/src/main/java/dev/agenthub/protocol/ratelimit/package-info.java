/**
 * Request rate limits: fixed windows counted per bucket (e.g. {@code /v1/init} per client IP), shared by
 * every hub instance when the backend is Redis.
 */
package dev.agenthub.protocol.ratelimit;
