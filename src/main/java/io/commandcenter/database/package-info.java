/**
 * Database start-up: creates the configured PostgreSQL database when it does not exist yet, before Flyway applies
 * the migrations in {@code migrations/}, so a first run needs nothing but a reachable server.
 */
package io.commandcenter.database;
