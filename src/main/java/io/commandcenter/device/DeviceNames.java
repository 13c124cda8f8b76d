package io.commandcenter.device;

import java.text.Normalizer;
import java.util.Locale;

/** Registry names and types guessed from the names owners gave their relays in the vendor's app. */
final class DeviceNames {

    private static final int MAX = 63;

    private DeviceNames() {
    }

    /** "Miner #1 (Garage)" → "miner-1-garage"; a name with nothing usable falls back to "shelly-" + the cloud id. */
    static String fromCloudName(String cloudName, String cloudId) {
        String slug = slug(cloudName);
        if (slug.isEmpty()) {
            slug = ("shelly-" + slug(cloudId)).replaceAll("-+$", "");
        }
        return slug.length() > MAX ? slug.substring(0, MAX).replaceAll("-+$", "") : slug;
    }

    static DeviceType guessType(String cloudName) {
        String name = cloudName == null ? "" : cloudName.toLowerCase(Locale.ROOT);
        if (containsAny(name, "miner", "antminer", "whatsminer", "asic", "s19", "s21", "bitcoin")) {
            return DeviceType.MINER;
        }
        if (containsAny(name, "pump", "irrigation")) {
            return DeviceType.PUMP;
        }
        if (containsAny(name, "heater", "heat", "boiler", "geyser")) {
            return DeviceType.HEATER;
        }
        if (containsAny(name, "light", "lamp")) {
            return DeviceType.LIGHTING;
        }
        return DeviceType.OTHER;
    }

    private static String slug(String text) {
        if (text == null) {
            return "";
        }
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    }

    private static boolean containsAny(String text, String... words) {
        for (String word : words) {
            if (text.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
