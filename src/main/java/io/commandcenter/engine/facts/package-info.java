/**
 * The vocabulary of the rules: readings (events), device and site state, the owner's settings,
 * and the conclusions rules insert. Every type is a record; the engine replaces state facts with
 * {@code update(handle, newRecord)} and never mutates them. Public because the compiled DRL uses them, and a named
 * interface of the engine module because test mode, agents and pages build and read the same facts.
 */
@NamedInterface("facts")
package io.commandcenter.engine.facts;

import org.springframework.modulith.NamedInterface;
