package dev.agenthub.protocol.mail.port;

import dev.agenthub.protocol.mail.MailMessage;

/**
 * Port: told by the mail use cases what changed, after it was written (live events, §13.1 and §13.3).
 * Implementations never throw and never block on subscribers.
 */
public interface MailEvents {

    /** A message was stored for its recipient. */
    void delivered(MailMessage message);

    /** The recipient acknowledged a message for the first time. */
    void acknowledged(MailMessage message);

    /** Publishes nothing. */
    MailEvents NONE = new MailEvents() {
        @Override
        public void delivered(MailMessage message) {
        }

        @Override
        public void acknowledged(MailMessage message) {
        }
    };
}
