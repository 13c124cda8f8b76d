package io.commandcenter.agent;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** A chat request the agents cannot take: no question, or an agent that does not exist. */
final class QuestionRejected extends Rejected {

    QuestionRejected(String type, String detail) {
        super(HttpStatus.BAD_REQUEST, type, detail);
    }
}
