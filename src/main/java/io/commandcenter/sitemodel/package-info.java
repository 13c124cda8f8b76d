/**
 * A physical model of a site: solar under a seasonal sun and the day's weather, the battery, the base load and the
 * switched loads, with the faults a scenario file describes. {@link io.commandcenter.sitemodel.Scenario} is the site
 * and its story, {@link io.commandcenter.sitemodel.SiteModel} steps it deterministically and reports each
 * {@link io.commandcenter.sitemodel.SiteState}. No HTTP and no platform: test mode's dry runs step it directly, and
 * the simulator serves it in the real clouds' shapes.
 */
package io.commandcenter.sitemodel;
