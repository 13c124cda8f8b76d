/**
 * The site knowledge base: markdown documents chunked by heading, embedded in-process with
 * all-MiniLM-L6-v2 (no network), stored in PostgreSQL and searched by cosine similarity.
 */
package io.commandcenter.agent.kb;
