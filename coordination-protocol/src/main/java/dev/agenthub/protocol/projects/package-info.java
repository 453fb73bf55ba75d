/**
 * Projects: the tenant boundary of the coordination API (wire spec §2.1). A slug is unique among the live
 * projects of a tenant; soft delete frees it.
 */
package dev.agenthub.protocol.projects;
