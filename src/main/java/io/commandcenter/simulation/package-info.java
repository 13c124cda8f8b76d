/**
 * The site simulator: the {@link io.commandcenter.sitemodel.SiteModel} stepped by a
 * {@link io.commandcenter.simulation.SimulationClock}, served over HTTP in the shapes of the real device clouds
 * (Victron VRM, Shelly Cloud, SolArk, Shelly local RPC) by {@link io.commandcenter.simulation.SiteSimulator}, with
 * seeded fault injection, and an Open-Meteo forecast of the simulated weather whose error grows with the lead time.
 * It is the default first-run target of the app, a standalone command, and the far end of every adapter test. No
 * other feature imports it: it is wired in by configuration when wanted.
 */
package io.commandcenter.simulation;
