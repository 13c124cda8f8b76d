package io.commandcenter.engine.facts;

import java.util.UUID;

/** A conclusion about one action request; the engine gathers these into its decision. */
public interface RequestConclusion {

    UUID requestId();
}
