/** Read models across the autopilot's capabilities: the project dashboard. */
package dev.agenthub.orchestration.insights;
