package dev.wabots.whatsapp;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A body for {@code POST /{version}/{phone-number-id}/messages}: a message to a user or a
 * read receipt.
 */
public sealed interface CloudApiRequest permits MessageRequest, MarkAsRead {

  /** The request body as a JSON tree, exactly as the Cloud API expects it. */
  default ObjectNode toJsonTree() {
    return RequestJson.tree(this);
  }

  /** The request body as compact JSON text. */
  default String toJson() {
    return RequestJson.text(this);
  }
}
