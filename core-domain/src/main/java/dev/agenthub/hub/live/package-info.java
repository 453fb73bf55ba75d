/** The beadhub status events of §13.1 on the protocol's live event bus. */
package dev.agenthub.hub.live;
