package io.commandcenter.device;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A device to register, as posted to {@code POST /devices} or in the array of {@code POST /devices/import}.
 *
 * @param name       lower-case letters, digits and dashes, e.g. "miner-1"
 * @param cloudId    Shelly Cloud device id
 * @param channel    relay channel, 0 when omitted
 * @param type       MINER, PUMP, HEATER, LIGHTING or OTHER (the default)
 * @param ratedPower watts of the load when on, 0 when omitted
 * @param essential  true for a load the battery floor must never switch off (fridge, well pump); false when omitted
 */
public record DeviceForm(
        @NotBlank @Size(max = 63) @Pattern(regexp = DeviceForm.NAME, message = "must be lower-case letters, digits and dashes, starting with a letter or digit") String name,
        @NotBlank @io.commandcenter.validation.PlainText(max = 128) String cloudId,
        @PositiveOrZero @jakarta.validation.constraints.Max(io.commandcenter.validation.Limits.CHANNEL) Integer channel,
        @io.commandcenter.validation.PlainText(max = io.commandcenter.validation.Limits.NAME) String type,
        @PositiveOrZero @jakarta.validation.constraints.Max(100_000) Double ratedPower,
        Boolean essential) {

    static final String NAME = "^[a-z0-9][a-z0-9-]*$";
}
