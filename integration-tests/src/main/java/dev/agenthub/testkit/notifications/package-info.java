/** The contract kit of the notification outbox port ({@link dev.agenthub.hub.notifications.port.OutboxStore}). */
package dev.agenthub.testkit.notifications;
