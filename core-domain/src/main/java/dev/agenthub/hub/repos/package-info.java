/**
 * Repos (wire spec §2.1, §2.3, §4.17): the git repositories registered in a project, identified by their
 * canonical origin; their lookup, registration, listing and deletion, and the workspace name-prefix
 * suggestion of §4.1 that starts from a repo.
 */
package dev.agenthub.hub.repos;
