package io.commandcenter.ingest;

import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.commandcenter.device.Device;
import io.commandcenter.device.DeviceChange;
import io.commandcenter.device.DeviceCsv;
import io.commandcenter.device.DeviceService;
import io.commandcenter.device.DeviceType;
import io.commandcenter.device.DiscoveryResult;
import io.commandcenter.navigation.NavPage;
import io.commandcenter.validation.InvalidParam;
import io.commandcenter.validation.InvalidParams;
import io.commandcenter.validation.Rejected;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The setup page (admins only, security config): per cloud, enter the account, "Test connection" shows what it sees,
 * "Test and save" keeps it (secret encrypted, never shown back) and polling moves to it at once; then the Shelly
 * relays: found in the account or pasted as CSV, named, typed, rated and marked essential.
 */
@Controller
class SetupPageController {

    private final CloudAccounts accounts;
    private final DeviceService devices;

    SetupPageController(CloudAccounts accounts, DeviceService devices) {
        this.accounts = accounts;
        this.devices = devices;
    }

    @Bean
    static NavPage setupNavPage() {
        return new NavPage("/setup", "Setup", 95);
    }

    /** What the user typed into a card, shown again after a test; the secret never is. */
    record AccountFields(String server, String username, String siteId, String batteryInstance, String api) {
        static AccountFields of(CloudAccount saved) {
            if (saved == null) {
                return new AccountFields(null, null, null, null, null);
            }
            return new AccountFields(saved.server(), saved.username(), text(saved.siteId()),
                    text(saved.batteryInstance()), saved.api());
        }

        private static String text(Number n) {
            return n == null ? null : n.toString();
        }
    }

    /** One cloud's card: its state, the fields, and the answer of the last test or save. */
    record AccountCard(AccountSetup setup, AccountFields fields, ConnectionCheck check, Boolean saved,
                       Map<String, String> errors, String message) {
        public String key() {
            return setup.source().key();
        }

        public boolean editable() {
            return setup.from() != AccountSetup.From.ENVIRONMENT;
        }
    }

    @GetMapping("/setup")
    String showSetup(Model model) {
        return page(model, null);
    }

    @PostMapping("/setup/accounts/{source}")
    String testOrSave(@PathVariable String source, @RequestParam(defaultValue = "test") String action,
                      @RequestParam(required = false) String server, @RequestParam(required = false) String username,
                      @RequestParam(required = false) String secret, @RequestParam(required = false) String siteId,
                      @RequestParam(required = false) String batteryInstance,
                      @RequestParam(required = false) String api, Model model, Principal user) {
        PollSource cloud = source(source);
        AccountFields fields = new AccountFields(server, username, siteId, batteryInstance, api);
        Map<String, String> errors = new LinkedHashMap<>();
        Long site = number(siteId, "siteId", errors);
        Long instance = number(batteryInstance, "batteryInstance", errors);
        AccountCard card;
        if (!errors.isEmpty()) {
            card = new AccountCard(null, fields, null, null, errors, "Nothing was tested: fix the fields marked.");
        } else {
            CloudAccount entered = new CloudAccount(cloud, server, username, secret, site,
                    instance == null ? null : instance.intValue(), api);
            card = run(fields, entered, "save".equals(action), user);
        }
        model.addAttribute("cardFor", cloud);
        model.addAttribute("card", card);
        return page(model, null);
    }

    @PostMapping("/setup/accounts/{source}/forget")
    String forget(@PathVariable String source, Model model, Principal user) {
        PollSource cloud = source(source);
        boolean forgot;
        try {
            forgot = accounts.forget(cloud, user.getName());
        } catch (Rejected e) {
            return page(model, Notice.error(e.getMessage()));
        }
        return page(model, Notice.success(forgot ? "The saved " + cloud.key() + " account was removed."
                : "No " + cloud.key() + " account was saved."));
    }

    @PostMapping("/setup/devices/discover")
    String discover(Model model) {
        try {
            DiscoveryResult found = devices.discover();
            String added = found.added().isEmpty() ? "no new relay"
                    : found.added().size() + " new: " + String.join(", ", found.added().stream().map(Device::name).toList());
            return page(model, Notice.success("Found " + (found.added().size() + found.known().size())
                    + " relays in the Shelly account, " + added + ". Give each its type and rated watts below."));
        } catch (Rejected | CloudException e) {
            return page(model, Notice.error("Could not ask the Shelly account: " + e.getMessage()));
        }
    }

    @PostMapping("/setup/devices/import")
    String importDevices(@RequestParam(defaultValue = "") String devicesCsv, Model model) {
        model.addAttribute("devicesCsv", devicesCsv);
        List<DeviceCsv.Line> lines;
        try {
            lines = DeviceCsv.parse(devicesCsv);
        } catch (Rejected e) {
            model.addAttribute("importErrors", invalidParams(e));
            return page(model, Notice.error(e.getMessage() + "; nothing was registered."));
        }
        if (lines.isEmpty()) {
            return page(model, Notice.error("Paste at least one line: id,name,type,rated watts,essential"));
        }
        try {
            List<Device> added = devices.importAll(lines.stream().map(DeviceCsv.Line::device).toList());
            model.addAttribute("devicesCsv", "");
            return page(model, Notice.success("Registered " + added.size() + " devices: "
                    + String.join(", ", added.stream().map(Device::name).toList()) + "."));
        } catch (Rejected e) {
            model.addAttribute("importErrors", rowErrors(e, lines));
            return page(model, Notice.error(e.getMessage() + "."));
        }
    }

    @PostMapping("/setup/devices/{name}")
    String changeDevice(@PathVariable String name, @RequestParam(required = false) String type,
                        @RequestParam(required = false) String ratedPower,
                        @RequestParam(defaultValue = "false") boolean essential, Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        Double watts = null;
        if (ratedPower != null && !ratedPower.isBlank()) {
            try {
                watts = Double.parseDouble(ratedPower.strip());
            } catch (NumberFormatException e) {
                errors.put("ratedPower", "'" + ratedPower + "' is not a number of watts");
            }
        }
        if (errors.isEmpty()) {
            try {
                devices.change(name, new DeviceChange(null, type, watts, essential));
                return page(model, Notice.success("Saved " + name + "."));
            } catch (Rejected e) {
                errors.putAll(fieldErrors(e));
                if (errors.isEmpty()) {
                    return page(model, Notice.error(e.getMessage()));
                }
            }
        }
        model.addAttribute("deviceErrors", Map.of(name, errors));
        return page(model, Notice.error(name + " was not saved: " + String.join("; ", errors.values())));
    }

    record Notice(boolean ok, String text) {
        static Notice success(String text) {
            return new Notice(true, text);
        }

        static Notice error(String text) {
            return new Notice(false, text);
        }
    }

    private AccountCard run(AccountFields fields, CloudAccount entered, boolean save, Principal user) {
        try {
            if (save) {
                CloudAccounts.SaveResult result = accounts.save(entered, user.getName());
                return new AccountCard(null, fields, result.check(), result.saved(), Map.of(), result.saved()
                        ? "Saved. Polling uses this account from the next round."
                        : "Not saved: the cloud did not answer as expected. Check the fields and try again.");
            }
            ConnectionCheck check = accounts.test(entered);
            return new AccountCard(null, fields, check, null, Map.of(), check.reachable()
                    ? "The account answered. Nothing is saved until you press Test and save."
                    : "The account could not be used.");
        } catch (Rejected e) {
            return new AccountCard(null, fields, null, null, fieldErrors(e), e.getMessage());
        }
    }

    private String page(Model model, Notice notice) {
        PollSource cardFor = (PollSource) model.getAttribute("cardFor");
        AccountCard posted = (AccountCard) model.getAttribute("card");
        List<AccountCard> cards = new ArrayList<>();
        for (AccountSetup setup : accounts.accounts()) {
            if (posted != null && setup.source() == cardFor) {
                cards.add(new AccountCard(setup, posted.fields(), posted.check(), posted.saved(), posted.errors(),
                        posted.message()));
            } else {
                cards.add(new AccountCard(setup, AccountFields.of(setup.saved()), null, null, Map.of(), null));
            }
        }
        model.addAttribute("cards", cards);
        model.addAttribute("devices", devices.findAll());
        model.addAttribute("deviceTypes", DeviceType.values());
        model.addAttribute("notice", notice);
        if (!model.containsAttribute("deviceErrors")) {
            model.addAttribute("deviceErrors", Map.of());
        }
        if (!model.containsAttribute("importErrors")) {
            model.addAttribute("importErrors", List.of());
        }
        return "setup/setup";
    }

    private static PollSource source(String key) {
        for (PollSource source : PollSource.values()) {
            if (source.hasAccount() && source.key().equals(key)) {
                return source;
            }
        }
        throw new UnknownCloud(key);
    }

    private static Long number(String text, String field, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            errors.put(field, "'" + text + "' is not a whole number");
            return null;
        }
    }

    private static Map<String, String> fieldErrors(Rejected e) {
        Map<String, String> errors = new LinkedHashMap<>();
        Object params = e.property(InvalidParams.PROPERTY);
        if (params instanceof List<?> list) {
            for (Object p : list) {
                if (p instanceof InvalidParam param) {
                    errors.merge(param.field(), param.message(), (a, b) -> a + "; " + b);
                }
            }
        }
        return errors;
    }

    private static List<String> invalidParams(Rejected e) {
        return fieldErrors(e).entrySet().stream().map(en -> en.getKey() + ": " + en.getValue()).toList();
    }

    /** The import's bad rows by the line they were pasted on. */
    @SuppressWarnings("unchecked")
    private static List<String> rowErrors(Rejected e, List<DeviceCsv.Line> lines) {
        List<String> out = new ArrayList<>();
        if (e.property("rows") instanceof List<?> rows) {
            for (Object row : rows) {
                Map<String, Object> r = (Map<String, Object>) row;
                int index = (Integer) r.get("index");
                Map<String, String> errs = (Map<String, String>) r.get("errors");
                String name = r.get("name") == null ? "" : " (" + r.get("name") + ")";
                errs.forEach((field, message) -> out.add("line " + lines.get(index).number() + name + ": "
                        + column(field) + " " + message));
            }
        } else {
            out.addAll(invalidParams(e));
        }
        return out;
    }

    private static String column(String field) {
        return switch (field) {
            case "cloudId" -> "id";
            case "ratedPower" -> "rated watts";
            default -> field;
        };
    }
}
