package io.commandcenter.device;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Changes to a registered device ({@code PUT /devices/{name}}); a field left out keeps its value.
 *
 * @param name new name
 */
public record DeviceChange(
        @Size(max = 63) @Pattern(regexp = DeviceForm.NAME, message = "must be lower-case letters, digits and dashes, starting with a letter or digit") String name,
        @io.commandcenter.validation.PlainText(max = io.commandcenter.validation.Limits.NAME) String type,
        @PositiveOrZero @jakarta.validation.constraints.Max(100_000) Double ratedPower,
        Boolean essential) {
}
