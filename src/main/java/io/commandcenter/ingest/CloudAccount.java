package io.commandcenter.ingest;

/**
 * A cloud account as entered on the setup page. Which fields a cloud needs:
 * <ul>
 * <li>VICTRON: {@code secret} = VRM access token; optional {@code siteId} (installation) and
 * {@code batteryInstance}; {@code server} only for a VRM API other than the default.</li>
 * <li>SOLARK: {@code username} and {@code secret} = password; optional {@code siteId} (plant) and {@code server}
 * (API host, e.g. the EU one).</li>
 * <li>SHELLY: {@code server} = the account's cloud server and {@code secret} = its auth key; {@code api} v2 or v1.</li>
 * </ul>
 * A blank {@code secret} keeps the one already saved.
 */
public record CloudAccount(PollSource source, String server, String username, String secret, Long siteId,
                           Integer batteryInstance, String api) {

    /** The same account with another secret. */
    public CloudAccount withSecret(String secret) {
        return new CloudAccount(source, server, username, secret, siteId, batteryInstance, api);
    }

    /** Blank text fields as null, so "left empty" means "not set" everywhere. */
    public CloudAccount trimmed() {
        return new CloudAccount(source, blankToNull(server), blankToNull(username), blankToNull(secret), siteId,
                batteryInstance, blankToNull(api));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The account as shown back: everything except the secret. */
    @Override
    public String toString() {
        return "CloudAccount[" + source + ", server=" + server + ", username=" + username + ", siteId=" + siteId
                + ", batteryInstance=" + batteryInstance + ", api=" + api + ", secret=" + (secret == null ? "none" : "***") + "]";
    }
}
