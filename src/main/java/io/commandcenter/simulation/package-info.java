/**
 * The site simulator: a deterministic physical model of a solar site ({@link io.commandcenter.simulation.SiteModel})
 * stepped by a {@link io.commandcenter.simulation.SimulationClock}, served over HTTP in the shapes of the real
 * device clouds (Victron VRM, Shelly Cloud, SolArk, Shelly local RPC) by {@link io.commandcenter.simulation.SiteSimulator},
 * with seeded fault injection. It is the default first-run target of the app, a standalone command, and the
 * far end of every adapter test.
 */
package io.commandcenter.simulation;
