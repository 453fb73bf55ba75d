/**
 * adapters-git: the JGit implementation of orchestration's git port ({@code dev.agenthub.git.jgit}). No class here
 * starts a process, except in {@code dev.agenthub.git.shell} (the validation command runner).
 */
package dev.agenthub.git;
