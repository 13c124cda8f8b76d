package io.commandcenter.control;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.commandcenter.device.Device;
import io.commandcenter.device.DeviceChange;
import io.commandcenter.device.DeviceRegistry;
import io.commandcenter.device.DeviceService;
import io.commandcenter.device.UnknownDevice;
import io.commandcenter.engine.ActionRequest;
import io.commandcenter.engine.RulesEngine;
import io.commandcenter.engine.Source;
import io.commandcenter.engine.facts.DeviceLock;
import io.commandcenter.timeseries.DevicePowerReading;
import io.commandcenter.timeseries.TimeseriesQueries;
import io.commandcenter.navigation.NavPage;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Switching devices by hand: a card per relay with its state and an on/off button (confirmed in a dialog),
 * the outcome shown on the card, and the action history below. Every switch goes through
 * {@link CommandService} as a MANUAL request by the signed-in user.
 */
@Controller
class HardwarePageController {

    private final CommandService commands;
    private final DeviceRegistry devices;
    private final TimeseriesQueries queries;
    private final RulesEngine engine;
    private final ActionRetries retries;
    private final Clock clock;
    private final DeviceService registry;

    HardwarePageController(CommandService commands, DeviceRegistry devices, TimeseriesQueries queries,
                           RulesEngine engine, ActionRetries retries, Clock clock, DeviceService registry) {
        this.retries = retries;
        this.commands = commands;
        this.devices = devices;
        this.queries = queries;
        this.engine = engine;
        this.clock = clock;
        this.registry = registry;
    }

    @Bean
    static NavPage hardwareNavPage() {
        return new NavPage("/hardware", "Hardware", 20);
    }

    /** A relay as a card; {@code outcome} is set right after a switch from this page. */
    record DeviceCard(String name, String type, double ratedPower, boolean online, Boolean on, Double watts,
                      Instant at, DeviceLock lock, CommandOutcome outcome) {

        /** What the button offers: switch off when on, on otherwise. */
        public boolean offersOff() {
            return Boolean.TRUE.equals(on);
        }
    }

    @GetMapping("/hardware")
    String showHardware(Model model) {
        model.addAttribute("devices", cards());
        model.addAttribute("hardwareEnabled", commands.hardwareEnabled());
        model.addAttribute("automationEnabled", commands.automationEnabled());
        // Actions queued while their device was offline: they run when it is back, so say so.
        model.addAttribute("waiting", retries.waiting());
        return "hardware/hardware";
    }

    @GetMapping("/hardware/devices")
    String refreshDevices(Model model) {
        model.addAttribute("devices", cards());
        return "hardware/hardware :: devices";
    }

    @PostMapping("/hardware/devices/{name}/{state:on|off}")
    String switchDevice(@PathVariable String name, @PathVariable String state, Model model, Principal user) {
        boolean on = state.equals("on");
        CommandOutcome outcome = commands.execute(ActionRequest.of(name, on, Source.MANUAL, user.getName(),
                "switched " + state + " on the hardware page", clock.instant()));
        DeviceCard card = card(name);
        model.addAttribute("d", new DeviceCard(card.name(), card.type(), card.ratedPower(), card.online(),
                outcome.finalOn() != null ? outcome.finalOn() : card.on(), card.watts(), card.at(), card.lock(),
                outcome));
        return "hardware/card :: card";
    }

    /**
     * Locks a device for maintenance: the rules then refuse every switch of it, by hand too, until it
     * is unlocked. The reason comes from the page's prompt (htmx sends it as HX-Prompt).
     */
    @PostMapping("/hardware/devices/{name}/lock")
    String lockDevice(@PathVariable String name, @RequestHeader(name = "HX-Prompt", required = false) String reason,
                      Model model, Principal user) {
        String why = reason == null || reason.isBlank() ? "maintenance" : reason.strip();
        engine.setDeviceLock(name, true, user.getName(), why); // refuses unknown devices and long reasons
        model.addAttribute("d", card(name));
        return "hardware/card :: card";
    }

    @PostMapping("/hardware/devices/{name}/unlock")
    String unlockDevice(@PathVariable String name, Model model, Principal user) {
        card(name);
        engine.setDeviceLock(name, false, user.getName(), null);
        model.addAttribute("d", card(name));
        return "hardware/card :: card";
    }

    /** The devices the owner marked essential: each card shows it (the battery floor never sheds them). */
    @ModelAttribute("essentialDevices")
    Set<String> essentialDevices() {
        return devices.findAll().stream().filter(Device::essential).map(Device::name).collect(Collectors.toSet());
    }

    /**
     * Marks a device essential or not, as {@code PUT /devices/{name}} does (admins only, like every registry
     * change); answers with its card.
     */
    @PostMapping("/hardware/devices/{name}/essential")
    String markEssential(@PathVariable String name, @RequestParam boolean essential, Model model) {
        registry.change(name, new DeviceChange(null, null, null, essential)); // refuses unknown devices
        model.addAttribute("essentialDevices", essentialDevices());
        model.addAttribute("d", card(name));
        return "hardware/card :: card";
    }

    private DeviceCard card(String name) {
        return cards().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new UnknownDevice(name, "No device named '" + name + "'"));
    }

    private List<DeviceCard> cards() {
        Map<String, DeviceLock> locks = new TreeMap<>();
        engine.deviceLocks().forEach(l -> locks.put(l.device(), l));
        Map<String, DeviceCard> byName = new TreeMap<>();
        for (Device d : devices.findAll()) {
            byName.put(d.name(), new DeviceCard(d.name(), d.type().name(), d.ratedPower(), d.online(), null, null,
                    null, locks.get(d.name()), null));
        }
        for (DevicePowerReading r : queries.latestPerDevice()) {
            DeviceCard known = byName.get(r.device());
            if (known != null) {
                byName.put(r.device(), new DeviceCard(known.name(), known.type(), known.ratedPower(), r.online(),
                        r.on(), r.power(), r.at(), known.lock(), null));
            }
        }
        return List.copyOf(byName.values());
    }
}
