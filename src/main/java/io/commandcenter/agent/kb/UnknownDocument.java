package io.commandcenter.agent.kb;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** No knowledge-base document of that name was loaded. */
final class UnknownDocument extends Rejected {

    UnknownDocument(String document) {
        super(HttpStatus.NOT_FOUND, "unknown-document", "No knowledge-base document " + document);
    }
}
