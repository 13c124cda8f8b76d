package io.commandcenter.timeseries;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import io.commandcenter.device.Device;
import io.commandcenter.device.DeviceRegistry;
import io.commandcenter.timeseries.TimeseriesQueries.Stats;
import io.commandcenter.navigation.NavPage;
import org.springframework.context.annotation.Bean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The live site dashboard: current values as cards (refreshed every few seconds) and a 24-hour chart.
 * It shows readings, so it lives with them and reads through {@link TimeseriesQueries}; the registry
 * ({@link DeviceRegistry}) names the relays that have not reported yet.
 */
@Controller
class PowerPageController {

    private static final Duration CHART_WINDOW = Duration.ofHours(24);
    /** How far ahead the chart shows the solar forecast. */
    private static final Duration FORECAST_AHEAD = Duration.ofHours(24);
    /** Readings of different sources are lined up on whole minutes for the chart. */
    private static final long CHART_STEP_SECONDS = 60;

    private final TimeseriesQueries queries;
    private final PvForecasts forecasts;
    private final DeviceRegistry devices;
    private final Clock clock;
    private final String site;

    PowerPageController(TimeseriesQueries queries, PvForecasts forecasts, DeviceRegistry devices, Clock clock,
                        @Value("${commandcenter.site.id:home}") String site) {
        this.queries = queries;
        this.forecasts = forecasts;
        this.devices = devices;
        this.clock = clock;
        this.site = site;
    }

    @Bean
    static NavPage powerNavPage() {
        return new NavPage("/power", "Power", 10);
    }

    /** One relay as a card: values null when unknown (offline or never read). */
    /**
     * @param online   the cloud said so in the latest reading; false is offline or unknown (no values then)
     * @param lastSeen the last time the cloud said it was online, null if never: "no data since"
     */
    record DeviceCard(String name, String type, boolean online, Boolean on, Double watts, Instant at, Instant lastSeen) {
    }

    record Cards(BatteryReading battery, SolarReading solar, List<DeviceCard> devices, Instant updatedAt) {
    }

    /**
     * uPlot's data shape: one time axis (epoch seconds) and one value array per series, nulls for gaps. {@code kind}
     * is "reading", "forecast" (the expected PV) or "forecast-low"/"forecast-high" (the band around it).
     */
    record ChartSeries(String label, String unit, List<Double> values, String kind) {
    }

    record Chart(List<Long> t, List<ChartSeries> series) {
    }

    @GetMapping("/power")
    String showPower(Model model) {
        model.addAttribute("cards", cards());
        return "power/power";
    }

    @GetMapping("/power/cards")
    String refreshCards(Model model) {
        model.addAttribute("cards", cards());
        return "power/power :: cards";
    }

    @GetMapping("/power/chart")
    @ResponseBody
    Chart chart() {
        Instant to = clock.instant();
        Instant from = to.minus(CHART_WINDOW);
        Map<String, Map<Long, Double>> series = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        add(series, units, "SOC", "%", queries.batteryHistory(from, to, Resolution.RAW).points(),
                p -> p.at(), p -> p.soc());
        var solar = queries.solarHistory(from, to, Resolution.RAW).points();
        add(series, units, "PV", "W", solar, p -> p.at(), p -> p.pv());
        add(series, units, "Load", "W", solar, p -> p.at(), p -> p.load());
        add(series, units, "Grid", "W", solar, p -> p.at(), p -> p.grid());
        for (String device : deviceNames()) {
            add(series, units, device, "W", queries.deviceHistory(device, from, to, Resolution.RAW).points(),
                    p -> p.at(), p -> p.power());
        }
        Map<String, String> kinds = new LinkedHashMap<>();
        forecasts.latest(site, from, to.plus(FORECAST_AHEAD)).ifPresent(f -> addForecast(series, units, kinds, f));
        TreeSet<Long> times = new TreeSet<>();
        series.values().forEach(s -> times.addAll(s.keySet()));
        List<ChartSeries> out = new ArrayList<>();
        series.forEach((label, values) -> {
            List<Double> aligned = new ArrayList<>(times.size());
            times.forEach(t -> aligned.add(values.get(t)));
            out.add(new ChartSeries(label, units.get(label), aligned, kinds.getOrDefault(label, "reading")));
        });
        return new Chart(List.copyOf(times), out);
    }

    /**
     * The expected PV of the latest forecast, drawn at the middle of each hour (its values are the hour's means), and
     * a band around it that widens with the lead time: a rough ±10 % plus 1 % per hour ahead of the issue, at most
     * ±50 %, as forecast errors grow with lead time. It says "roughly this much", not a computed confidence.
     */
    private static void addForecast(Map<String, Map<Long, Double>> series, Map<String, String> units,
                                    Map<String, String> kinds, PvForecast forecast) {
        Map<Long, Double> expected = new TreeMap<>();
        Map<Long, Double> low = new TreeMap<>();
        Map<Long, Double> high = new TreeMap<>();
        for (PvForecast.Hour h : forecast.hours()) {
            long middle = h.endsAt().minus(Duration.ofMinutes(30)).getEpochSecond();
            double leadHours = Math.max(0, Duration.between(forecast.issuedAt(), h.endsAt()).toMinutes() / 60.0);
            double spread = Math.min(0.5, 0.10 + 0.01 * leadHours);
            expected.put(middle, h.expectedPvW());
            low.put(middle, Math.round(h.expectedPvW() * (1 - spread) * 10) / 10.0);
            high.put(middle, Math.round(h.expectedPvW() * (1 + spread) * 10) / 10.0);
        }
        series.put("PV forecast", expected);
        series.put("PV forecast low", low);
        series.put("PV forecast high", high);
        for (String label : List.of("PV forecast", "PV forecast low", "PV forecast high")) {
            units.put(label, "W");
        }
        kinds.put("PV forecast", "forecast");
        kinds.put("PV forecast low", "forecast-low");
        kinds.put("PV forecast high", "forecast-high");
    }

    private static <P> void add(Map<String, Map<Long, Double>> series, Map<String, String> units, String label,
                                String unit, List<P> points, Function<P, Instant> at, Function<P, Stats> value) {
        Map<Long, Double> values = new TreeMap<>();
        for (P p : points) {
            Stats stats = value.apply(p);
            if (stats != null && stats.avg() != null) {
                long minute = at.apply(p).getEpochSecond() / CHART_STEP_SECONDS * CHART_STEP_SECONDS;
                values.put(minute, stats.avg());
            }
        }
        series.put(label, values);
        units.put(label, unit);
    }

    private Cards cards() {
        Map<String, DeviceCard> byName = new TreeMap<>();
        for (Device d : devices.findAll()) {
            byName.put(d.name(), new DeviceCard(d.name(), d.type().name(), false, null, null, null, d.lastSeen()));
        }
        for (DevicePowerReading r : queries.latestPerDevice()) {
            DeviceCard known = byName.get(r.device());
            // an unknown relay shows no numbers, even if the reading carried some
            boolean online = r.online();
            byName.put(r.device(), new DeviceCard(r.device(), known == null ? null : known.type(), online,
                    online ? r.on() : null, online ? r.power() : null, r.at(), known == null ? null : known.lastSeen()));
        }
        return new Cards(queries.latestBattery().orElse(null), queries.latestSolar().orElse(null),
                List.copyOf(byName.values()), clock.instant());
    }

    private List<String> deviceNames() {
        TreeSet<String> names = new TreeSet<>();
        devices.findAll().forEach(d -> names.add(d.name()));
        queries.latestPerDevice().forEach(r -> names.add(r.device()));
        return List.copyOf(names);
    }
}
