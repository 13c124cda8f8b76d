package io.commandcenter.agent;

import java.util.UUID;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** No conversation with that id is kept. */
final class UnknownConversation extends Rejected {

    UnknownConversation(UUID id) {
        super(HttpStatus.NOT_FOUND, "conversation-not-found", "No conversation " + id);
    }
}
