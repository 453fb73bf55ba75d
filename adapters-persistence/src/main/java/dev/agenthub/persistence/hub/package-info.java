/** The stores of the beadhub domain ({@code hub} schema) on PostgreSQL. */
package dev.agenthub.persistence.hub;
