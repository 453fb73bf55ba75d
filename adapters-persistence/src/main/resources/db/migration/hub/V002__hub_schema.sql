-- The beadhub domain: repos, workspaces, beads, claims, policies, escalations, subscriptions, outbox, audit.
CREATE SCHEMA IF NOT EXISTS hub;
