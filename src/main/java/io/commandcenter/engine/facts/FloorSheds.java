package io.commandcenter.engine.facts;

/**
 * Conclusion: the battery floor takes this load and asks it off (battery-floor.drl); other policy
 * rules leave it alone meanwhile.
 *
 * @param critical true at the floor (every non-essential load), false below the minimum (the loads
 *                 automation may shed)
 */
public record FloorSheds(String device, boolean critical) {
}
