package io.commandcenter.device;

import java.util.List;
import java.util.Optional;

/** Read side of the device registry, for other features. */
public interface DeviceRegistry {

    List<Device> findAll();

    Optional<Device> findByName(String name);

    Optional<Device> findByCloudId(String cloudId, int channel);
}
