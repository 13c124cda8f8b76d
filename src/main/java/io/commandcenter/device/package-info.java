/**
 * Devices: the registry of the site's relays (name, Shelly id and channel, type, rated watts, essential), their
 * registration by REST, pasted CSV or discovery in the connected account, and the
 * {@link io.commandcenter.device.DeviceSwitch} port through which control reads and switches a relay without
 * knowing the vendor.
 */
package io.commandcenter.device;
