package io.commandcenter.device;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import io.commandcenter.validation.InvalidParams;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registering, changing and discovering devices; the write side of the registry. */
@Service
public class DeviceService {

    private final JdbcDeviceRegistry registry;
    private final Validator validator;
    private final ObjectProvider<DeviceDiscovery> discovery;
    private final ApplicationEventPublisher events;

    DeviceService(JdbcDeviceRegistry registry, Validator validator, ObjectProvider<DeviceDiscovery> discovery,
                  ApplicationEventPublisher events) {
        this.registry = registry;
        this.validator = validator;
        this.discovery = discovery;
        this.events = events;
    }

    public List<Device> findAll() {
        return registry.findAll();
    }

    public Device get(String name) {
        return registry.findByName(name).orElseThrow(() -> unknown(name));
    }

    @Transactional
    public Device register(DeviceForm form) {
        Map<String, String> errors = errors(form);
        if (!errors.isEmpty()) {
            throw new DeviceRejected("invalid-device", "The device has invalid fields").with("errors", errors)
                    .with(InvalidParams.PROPERTY, invalidParams("", errors));
        }
        Device device = toDevice(form);
        requireFree(device);
        registry.insert(device);
        events.publishEvent(new DevicesChanged());
        return device;
    }

    @Transactional
    public Device change(String name, DeviceChange change) {
        Device current = get(name);
        Map<String, String> errors = fieldErrors(validator.validate(change));
        DeviceType type = current.type();
        if (change.type() != null) {
            type = parseType(change.type());
            if (type == null) {
                errors.put("type", typeMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new DeviceRejected("invalid-device", "The change has invalid fields").with("errors", errors)
                    .with(InvalidParams.PROPERTY, invalidParams("", errors));
        }
        String newName = change.name() == null ? name : change.name();
        if (!newName.equals(name) && registry.findByName(newName).isPresent()) {
            throw new DeviceConflict("device-exists", "A device named " + newName + " exists");
        }
        double ratedPower = change.ratedPower() == null ? current.ratedPower() : change.ratedPower();
        boolean essential = change.essential() == null ? current.essential() : change.essential();
        registry.update(name, newName, type, ratedPower, essential);
        events.publishEvent(new DevicesChanged());
        return get(newName);
    }

    @Transactional
    public void remove(String name) {
        if (!registry.delete(name)) {
            throw unknown(name);
        }
        events.publishEvent(new DevicesChanged());
    }

    /**
     * Registers all rows or none: every row is checked first (fields, names and relays repeated within the batch or
     * already registered) and a 400 lists each bad row by its index.
     */
    @Transactional
    public List<Device> importAll(List<DeviceForm> forms) {
        List<Map<String, Object>> badRows = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> relays = new HashSet<>();
        for (int i = 0; i < forms.size(); i++) {
            DeviceForm form = forms.get(i);
            Map<String, String> errors = form == null ? new TreeMap<>(Map.of("row", "must be a device object")) : errors(form);
            if (errors.isEmpty()) {
                Device device = toDevice(form);
                if (!names.add(device.name())) {
                    errors.put("name", "appears twice in the import");
                } else if (registry.findByName(device.name()).isPresent()) {
                    errors.put("name", "a device with this name is already registered");
                }
                String relay = device.cloudId() + "/" + device.channel();
                if (!relays.add(relay)) {
                    errors.put("cloudId", "relay " + relay + " appears twice in the import");
                } else if (registry.findByCloudId(device.cloudId(), device.channel()).isPresent()) {
                    errors.put("cloudId", "relay " + relay + " is already registered");
                }
            }
            if (!errors.isEmpty()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("index", i);
                row.put("name", form == null ? null : form.name());
                row.put("errors", errors);
                badRows.add(row);
            }
        }
        if (!badRows.isEmpty()) {
            throw new DeviceRejected("invalid-import", badRows.size() + " of " + forms.size()
                    + " rows are invalid; nothing was imported").with("rows", badRows)
                    .with(InvalidParams.PROPERTY, badRows.stream().flatMap(r -> {
                        @SuppressWarnings("unchecked") Map<String, String> e = (Map<String, String>) r.get("errors");
                        return invalidParams("[" + r.get("index") + "].", e).stream();
                    }).toList());
        }
        List<Device> devices = forms.stream().map(DeviceService::toDevice).toList();
        devices.forEach(registry::insert);
        events.publishEvent(new DevicesChanged());
        return devices;
    }

    /** Registers every cloud relay not yet in the registry, named after its name in the vendor's app. */
    @Transactional
    public DiscoveryResult discover() {
        DeviceDiscovery cloud = discovery.getIfAvailable();
        if (cloud == null || !cloud.available()) {
            throw new DeviceConflict("discovery-unavailable",
                    "Shelly Cloud is not configured (enter the account on the setup page, or set"
                            + " COMMANDCENTER_SHELLY_BASE_URL and _AUTH_KEY), and no simulator runs");
        }
        List<Device> added = new ArrayList<>();
        List<Device> known = new ArrayList<>();
        for (DeviceDiscovery.DiscoveredRelay relay : cloud.relays()) {
            var existing = registry.findByCloudId(relay.cloudId(), relay.channel());
            if (existing.isPresent()) {
                known.add(existing.get());
                continue;
            }
            Device device = new Device(freeName(DeviceNames.fromCloudName(relay.cloudName(), relay.cloudId())),
                    relay.cloudId(), relay.channel(), DeviceNames.guessType(relay.cloudName()), 0,
                    relay.online(), null, false);
            registry.insert(device);
            added.add(device);
        }
        if (!added.isEmpty()) {
            events.publishEvent(new DevicesChanged());
        }
        return new DiscoveryResult(added, known);
    }

    private String freeName(String wanted) {
        String name = wanted;
        for (int n = 2; registry.findByName(name).isPresent(); n++) {
            String suffix = "-" + n;
            name = (wanted.length() + suffix.length() > 63 ? wanted.substring(0, 63 - suffix.length()) : wanted) + suffix;
        }
        return name;
    }

    private void requireFree(Device device) {
        registry.findByName(device.name()).ifPresent(d -> {
            throw new DeviceConflict("device-exists", "A device named " + d.name() + " exists");
        });
        registry.findByCloudId(device.cloudId(), device.channel()).ifPresent(d -> {
            throw new DeviceConflict("relay-registered", "Relay " + d.cloudId() + " channel "
                    + d.channel() + " is already registered as " + d.name());
        });
    }

    private Map<String, String> errors(DeviceForm form) {
        Map<String, String> errors = fieldErrors(validator.validate(form));
        if (form.type() != null && parseType(form.type()) == null) {
            errors.put("type", typeMessage());
        }
        return errors;
    }

    private static List<io.commandcenter.validation.InvalidParam> invalidParams(String prefix, Map<String, String> errors) {
        return errors.entrySet().stream()
                .map(e -> new io.commandcenter.validation.InvalidParam(prefix + e.getKey(), e.getValue())).toList();
    }

    private static Map<String, String> fieldErrors(Set<? extends ConstraintViolation<?>> violations) {
        Map<String, String> errors = new TreeMap<>();
        for (ConstraintViolation<?> v : violations) {
            errors.merge(v.getPropertyPath().toString(), v.getMessage(), (a, b) -> a + "; " + b);
        }
        return errors;
    }

    private static Device toDevice(DeviceForm form) {
        return new Device(form.name(), form.cloudId().trim(), form.channel() == null ? 0 : form.channel(),
                form.type() == null ? DeviceType.OTHER : parseType(form.type()),
                form.ratedPower() == null ? 0 : form.ratedPower(), false, null,
                Boolean.TRUE.equals(form.essential()));
    }

    private static DeviceType parseType(String type) {
        try {
            return DeviceType.valueOf(type.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String typeMessage() {
        return "must be one of " + java.util.Arrays.toString(DeviceType.values());
    }

    private static UnknownDevice unknown(String name) {
        return new UnknownDevice(name);
    }
}
