package io.commandcenter.simulation;

/** One cloud's API behind a path prefix. Faults common to all APIs are applied before {@link #handle}. */
interface SimulatedApi {

    /**
     * @param stale   the stale-data fault fired for this request
     * @param offline the device-offline fault fired for this request (Shelly APIs)
     */
    Reply handle(HttpCall call, boolean stale, boolean offline);

    /** The API's own error body for a status the simulator injects (5xx, 429). */
    Object errorBody(int status, String message);

    /** Which account a request counts against for the rate limit. */
    String rateLimitKey(HttpCall call);
}
