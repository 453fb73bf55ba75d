/**
 * The contract test kit: abstract JUnit 5 suites, one per port, that any implementation of the port
 * must pass. An adapter author extends a suite with a few lines that build the implementation under test
 * (see {@code docs/contract-kit.md}). The hub runs the same suites against every adapter it ships.
 */
package dev.agenthub.testkit;
