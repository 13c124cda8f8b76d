/**
 * Agents answer plain-word questions about the site from live data, the decision log and the site
 * documents in {@code docs/kb}. A Manager routes each question to the Solar Controller (real-time
 * status) or the Energy Orchestrator (planning); with no model configured a deterministic router
 * calls the same tools. Agents read and explain; a suggested switch only becomes a pending action
 * for a person to approve, never a command.
 */
package io.commandcenter.agent;
