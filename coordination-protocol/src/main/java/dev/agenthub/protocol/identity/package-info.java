/**
 * Identity: API keys and how a request proves one (wire spec §3). Keys are {@code aw_sk_} plus 64 lowercase
 * hex characters; only their SHA-256 is stored.
 */
package dev.agenthub.protocol.identity;
