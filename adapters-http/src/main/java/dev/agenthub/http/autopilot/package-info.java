/** The Agent Hub API of wire-agenthub.md: {@code /projects…} and {@code /auth…}, its gates and its JSON shapes. */
package dev.agenthub.http.autopilot;
