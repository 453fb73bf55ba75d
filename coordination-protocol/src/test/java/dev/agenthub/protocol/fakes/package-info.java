/**
 * In-memory fakes of the protocol ports, for fast domain unit tests only (shipped to core-domain through the
 * coordination-protocol test-jar). They implement the port contracts closely enough for use-case tests, are
 * single-threaded, and record what was asked of them so tests can assert on it. Adapter behaviour is verified
 * by the contract suites of the test kit, never by these fakes.
 */
package dev.agenthub.protocol.fakes;
