/**
 * The {@code /v1} coordination API (wire spec {@code wire-v1-coordination.md}): thin handlers that validate
 * bodies into the domain's commands, authenticate per §3, call a use case and write the spec's JSON.
 */
package dev.agenthub.http.v1;
