/**
 * The shared kernel every domain module stands on: typed identifiers and their generator, wire
 * timestamps, the sealed domain-error hierarchy, cursor pagination, and the ports for transactions,
 * events and dependency health. JDK only.
 */
package dev.agenthub.protocol.kernel;
