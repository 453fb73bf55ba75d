/** The stores of the Agent Hub autopilot ({@code orchestration} schema) on PostgreSQL. */
package dev.agenthub.persistence.orchestration;
