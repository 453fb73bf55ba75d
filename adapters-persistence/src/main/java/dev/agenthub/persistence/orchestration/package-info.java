/** jOOQ stores of the Agent Hub autopilot (schema {@code orchestration}, migration V020). */
package dev.agenthub.persistence.orchestration;
