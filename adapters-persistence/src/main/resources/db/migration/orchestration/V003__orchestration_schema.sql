-- The autopilot: projects, agents, work items, runs, pull requests, reviews, jobs, webhook deliveries.
CREATE SCHEMA IF NOT EXISTS orchestration;
