package io.commandcenter.simulation;

/**
 * The fixed accounts the simulator accepts, so the app can point its adapters at it.
 *
 * @param vrmAccessToken     personal access token, sent as {@code X-Authorization: Token <token>}
 * @param vrmBatteryInstance the battery monitor's instance for the BatterySummary widget
 * @param shellyAuthKey      the Shelly Cloud account key
 */
public record SimulatorCredentials(String vrmUsername, String vrmPassword, String vrmAccessToken, long vrmUserId,
                                   long vrmSiteId, int vrmBatteryInstance, String shellyAuthKey,
                                   String solarkUsername, String solarkPassword, long solarkPlantId) {

    public static final SimulatorCredentials DEFAULT = new SimulatorCredentials(
            "owner@example.com", "sim-vrm-password", "sim-vrm-access-token-0001", 22001L, 150001L, 279,
            "SIM-SHELLY-AUTH-KEY-0001", "owner@example.com", "sim-solark-password", 310001L);
}
