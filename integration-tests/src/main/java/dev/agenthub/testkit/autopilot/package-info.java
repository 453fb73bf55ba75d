/**
 * Contract suites of the autopilot's store ports (work items, runs, pull requests, reviews). Extend a suite with
 * the implementation under test and an {@link dev.agenthub.testkit.autopilot.AutopilotSeeds} for its database.
 */
package dev.agenthub.testkit.autopilot;
