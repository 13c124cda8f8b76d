package io.commandcenter.ingest.shelly;

import org.springframework.modulith.NamedInterface;

/**
 * Which Shelly Cloud Control API the adapter speaks ({@code commandcenter.shelly.api}). v1 is deprecated by Shelly
 * ("will be removed in the near future"); v2 is the default.
 */
@NamedInterface("benchmarks") // bench-shelly's --api
public enum ShellyApi {
    /** {@code /device/all_status}, {@code /device/status}, {@code /device/relay/control} (form posts). */
    V1,
    /** {@code /v2/devices/api/get} (up to 10 ids a request) and {@code /v2/devices/api/set/switch} (JSON). */
    V2
}
