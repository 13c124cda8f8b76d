package io.commandcenter.ingest;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * What to poll while a cloud has no account: the embedded site simulator's endpoints and the fixed accounts it
 * accepts. The application's composition root hands it in when the simulator runs, so ingest never knows the
 * simulator itself and the adapters talk to it over HTTP exactly as to the real clouds.
 *
 * @param vrm          VRM API base
 * @param shellyLocal  base of each relay's LAN RPC: {@code shellyLocal + "/" + cloudId}
 * @param forecast     Open-Meteo API base (its {@code /v1/forecast} answers from the simulated weather)
 * @param pvPeakKw     the simulated array's peak output, kW: the forecast's array size when none is configured
 * @param cloudTime    what time it is in the stand-in clouds (the simulated time, which runs at {@code clockSpeed})
 * @param clockSpeed   stand-in seconds per wall second (e.g. 60): default poll intervals become seconds instead of
 *                     minutes, so a newcomer sees values move within a minute
 */
public record StandInClouds(URI vrm, String vrmAccessToken, long vrmSiteId, URI solark, String solarkUsername,
                            String solarkPassword, long solarkPlantId, URI shelly, String shellyAuthKey,
                            URI shellyLocal, URI forecast, double pvPeakKw, Supplier<Instant> cloudTime,
                            double clockSpeed) {

    /** The poll interval: configured, else the default, in seconds rather than minutes on the stand-in. */
    public Duration interval(Duration configured, Duration realDefault) {
        return configured != null ? configured : Duration.ofSeconds(realDefault.toMinutes());
    }

    /** @return the toString hides the secrets, as {@link CloudAccount}'s does */
    @Override
    public String toString() {
        return "StandInClouds[vrm=" + vrm + ", solark=" + solark + ", shelly=" + shelly + ", speed=" + clockSpeed + "]";
    }
}
