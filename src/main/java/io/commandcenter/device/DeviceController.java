package io.commandcenter.device;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The device registry over REST; validation errors are problem+json with an {@code errors} map per field. */
@RestController
@RequestMapping({"/devices", "/api/v1/devices"})
class DeviceController {

    private final DeviceService devices;

    DeviceController(DeviceService devices) {
        this.devices = devices;
    }

    @GetMapping
    List<Device> list() {
        return devices.findAll();
    }

    @GetMapping("/{name}")
    Device show(@PathVariable String name) {
        return devices.get(name);
    }

    @PostMapping
    ResponseEntity<Device> register(@RequestBody DeviceForm form) {
        Device device = devices.register(form);
        return ResponseEntity.created(URI.create("/api/v1/devices/" + device.name())).body(device);
    }

    @PutMapping("/{name}")
    Device change(@PathVariable String name, @RequestBody DeviceChange change) {
        return devices.change(name, change);
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> remove(@PathVariable String name) {
        devices.remove(name);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/discover")
    DiscoveryResult discover() {
        return devices.discover();
    }

    @PostMapping("/import")
    ResponseEntity<List<Device>> importAll(@RequestBody List<DeviceForm> forms) {
        return ResponseEntity.status(201).body(devices.importAll(forms));
    }
}
