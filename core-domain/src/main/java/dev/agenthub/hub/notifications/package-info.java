/**
 * Subscriptions and the notification outbox (wire spec §4.15, §7, §12, §14 F4).
 * {@link dev.agenthub.hub.notifications.Subscriptions} holds the subscription use cases;
 * {@link dev.agenthub.hub.notifications.Notifications} records outbox rows in the transaction of the sync or upload
 * that changed a status and delivers them as mail from the project's system sender, once per row, on any
 * instance. The {@code port} package declares the two stores.
 */
package dev.agenthub.hub.notifications;
