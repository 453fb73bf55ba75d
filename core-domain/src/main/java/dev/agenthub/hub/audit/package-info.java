/**
 * The audit log (wire spec §2.1): append-only rows of what happened in a project. The writing use cases append
 * through {@link dev.agenthub.hub.audit.port.AuditLog}, naming their type from {@link
 * dev.agenthub.hub.audit.AuditEventTypes}; {@link dev.agenthub.hub.audit.AuditTrail} reads a project's log, newest
 * first, through {@link dev.agenthub.hub.audit.port.AuditLogReader} ({@code GET /v1/audit}).
 */
package dev.agenthub.hub.audit;
