package io.commandcenter.features;

import java.util.Arrays;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** No flag has this name: 404, listing the flags there are, so a typo never looks like a change. */
final class UnknownFeature extends Rejected {

    UnknownFeature(String name) {
        super(HttpStatus.NOT_FOUND, "unknown-feature", "No feature flag named \"" + name + "\"");
        with("feature", name);
        with("known", Arrays.stream(Feature.values()).map(Feature::name).toList());
    }
}
