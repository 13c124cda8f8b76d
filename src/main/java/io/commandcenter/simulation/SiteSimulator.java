package io.commandcenter.simulation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.cfg.DateTimeFeature;
import io.commandcenter.sitemodel.Faults;
import io.commandcenter.sitemodel.Scenario;
import io.commandcenter.sitemodel.SimulatorFaults;
import io.commandcenter.sitemodel.SiteModel;
import io.commandcenter.sitemodel.SiteState;

/**
 * The simulated device clouds over HTTP on 127.0.0.1, all on one port:
 * {@code /vrm} (Victron VRM v2), {@code /shelly} (Shelly Cloud), {@code /solark} (SolArk cloud),
 * {@code /shelly-local/{cloudId}} (Shelly Gen2 local RPC), {@code /open-meteo} (Open-Meteo forecast of the simulated
 * weather) and {@code /_sim} (state, faults, reset, clock).
 * Before answering, the model is brought up to the clock's time. Runs with or without Spring; thread-safe.
 * <pre>
 * try (var sim = new SiteSimulator(scenario, SimulationClock.manual(scenario.start())).start(0)) {
 *     URI vrm = sim.vrmBaseUri();   // http://127.0.0.1:PORT/vrm
 *     sim.clock().advance(Duration.ofHours(1));
 * }
 * </pre>
 */
public final class SiteSimulator implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            // fault fields left out of a POST /_sim/faults body mean "no fault" (0)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final SiteModel model;
    private final SimulationClock clock;
    private final SimulatorCredentials credentials;
    private final Map<String, SimulatedApi> apis = new LinkedHashMap<>();
    private final AdminApi admin;
    private final ShellyLocalApi shellyLocal;
    private final Map<String, Deque<Long>> requestTimes = new HashMap<>();
    /** Requests per API path (e.g. {@code /vrm/v2/users/me}) since the last reset, for tests that count calls. */
    private final Map<String, Integer> requestCounts = new java.util.concurrent.ConcurrentHashMap<>();
    private Random faultRandom;
    private HttpServer server;
    private ExecutorService workers;
    private ScheduledExecutorService ticker;

    public SiteSimulator(Scenario scenario, SimulationClock clock) {
        this(scenario, clock, SimulatorCredentials.DEFAULT);
    }

    public SiteSimulator(Scenario scenario, SimulationClock clock, SimulatorCredentials credentials) {
        this.model = new SiteModel(scenario);
        this.clock = clock;
        this.credentials = credentials;
        this.faultRandom = new Random(scenario.seed());
        apis.put("/vrm", new VrmApi(model, credentials));
        this.shellyLocal = new ShellyLocalApi(model);
        apis.put("/shelly-local", shellyLocal);
        apis.put("/shelly", new ShellyCloudApi(model, credentials));
        apis.put("/solark", new SolarkApi(model, credentials));
        apis.put("/open-meteo", new OpenMeteoApi(model));
        this.admin = new AdminApi(this);
    }

    /** A simulator whose clock stands still until advanced: the usual choice for tests. */
    public static SiteSimulator manual(Scenario scenario) {
        return new SiteSimulator(scenario, SimulationClock.manual(scenario.start()));
    }

    /** Starts serving on 127.0.0.1:{@code port} (0 = any free port). */
    public synchronized SiteSimulator start(int port) {
        if (server != null) {
            throw new IllegalStateException("the simulator is already running on port " + port());
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port + " (" + e.getMessage() + ")", e);
        }
        workers = Executors.newCachedThreadPool(daemonThreads("site-simulator-http"));
        server.setExecutor(workers);
        server.createContext("/", this::exchange);
        server.start();
        if (!clock.isManual()) {
            // Keeps the model close to the clock between requests, so a late request has little to catch up.
            ticker = Executors.newSingleThreadScheduledExecutor(daemonThreads("site-simulator-clock"));
            ticker.scheduleWithFixedDelay(this::sync, 1, 1, TimeUnit.SECONDS);
        }
        return this;
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            workers.shutdownNow();
            server = null;
        }
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the simulator is not running");
        }
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** Base URL for a VRM client, in place of {@code https://vrmapi.victronenergy.com}. */
    public URI vrmBaseUri() {
        return URI.create(baseUri() + "/vrm");
    }

    /** Base URL for a Shelly Cloud client, in place of {@code https://shelly-103-eu.shelly.cloud}. */
    public URI shellyBaseUri() {
        return URI.create(baseUri() + "/shelly");
    }

    /** Base URL for a SolArk client, in place of {@code https://api.solarkcloud.com}. */
    public URI solarkBaseUri() {
        return URI.create(baseUri() + "/solark");
    }

    /** Base URL for an Open-Meteo client, in place of {@code https://api.open-meteo.com} (keyless). */
    public URI forecastBaseUri() {
        return URI.create(baseUri() + "/open-meteo");
    }

    /** Base URL of one relay's local RPC, in place of {@code http://<device ip>}. */
    public URI shellyLocalUri(String cloudId) {
        return URI.create(baseUri() + "/shelly-local/" + cloudId);
    }

    /**
     * Gives every simulated Shelly a password on its local RPC, so it answers 401 with a Digest (SHA-256) challenge
     * as a real Gen2 device with authentication enabled; null opens them again (the default).
     */
    public SiteSimulator requireShellyLocalPassword(String password) {
        shellyLocal.requirePassword(password);
        return this;
    }

    public SiteModel model() {
        return model;
    }

    public SimulationClock clock() {
        return clock;
    }

    public SimulatorFaults faults() {
        return model.faults();
    }

    public SimulatorCredentials credentials() {
        return credentials;
    }

    public Scenario scenario() {
        return model.scenario();
    }

    /** How many requests reached this path (API prefix included, no query) since start or the last reset. */
    public int requests(String path) {
        return requestCounts.getOrDefault(path, 0);
    }

    /** The site now, after bringing the model up to the clock. */
    public SiteState state() {
        return sync();
    }

    /** Back to the scenario start: model, clock, the scenario's faults, rate-limit counters and fault dice. */
    public void reset() {
        synchronized (model) {
            model.reset();
            clock.reset(model.scenario().start());
        }
        requestCounts.clear();
        synchronized (requestTimes) {
            requestTimes.clear();
            faultRandom = new Random(model.scenario().seed());
        }
    }

    SiteState sync() {
        synchronized (model) {
            return model.advanceTo(clock.now());
        }
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            Reply reply;
            try {
                reply = route(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                reply = Reply.status(500, Map.of("error", String.valueOf(e.getMessage())));
            }
            byte[] body = reply.body() == null ? new byte[0] : JSON.writeValueAsBytes(reply.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private Reply route(HttpExchange exchange) throws IOException, InterruptedException {
        String path = exchange.getRequestURI().getRawPath();
        String prefix = path.startsWith("/_sim") ? "/_sim"
                : apis.keySet().stream().filter(p -> path.equals(p) || path.startsWith(p + "/")).findFirst().orElse(null);
        if (prefix == null) {
            return Reply.status(404, Map.of("error", "no simulated API at " + path
                    + "; try /vrm, /shelly, /solark, /shelly-local/{cloudId}, /open-meteo or /_sim"));
        }
        HttpCall call = read(exchange, path.substring(prefix.length()));
        if (prefix.equals("/_sim")) {
            return admin.handle(call);
        }
        requestCounts.merge(prefix + call.path(), 1, Integer::sum);
        SimulatedApi api = apis.get(prefix);
        Faults.Api faults = switch (prefix) {
            case "/vrm" -> faults().current().vrm();
            case "/shelly" -> faults().current().shellyCloud();
            case "/solark" -> faults().current().solark();
            case "/open-meteo" -> faults().current().openMeteo();
            default -> faults().current().shellyLocal();
        };
        Long retryAfter = overLimit(prefix + " " + api.rateLimitKey(call), faults.rateLimit());
        if (retryAfter != null) {
            return tooManyRequests(api, retryAfter);
        }
        double[] dice = dice();
        if (dice[0] < faults.timeoutProbability()) {
            Thread.sleep(faults.timeoutDelay().toMillis());
        }
        if (dice[1] < faults.serverErrorProbability()) {
            return Reply.status(faults.serverErrorStatus(), api.errorBody(faults.serverErrorStatus(), "Internal server error"));
        }
        if (dice[2] < faults.rateLimitProbability()) {
            return tooManyRequests(api, Math.max(1, faults.retryAfter().toSeconds()));
        }
        sync();
        return api.handle(call, dice[3] < faults.staleProbability(), dice[4] < faults.offlineProbability());
    }

    private static Reply tooManyRequests(SimulatedApi api, long retryAfterSeconds) {
        return new Reply(429, api.errorBody(429, "Too many requests"),
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    /** Draws the same number of dice per request, so the fault sequence depends only on the seed and request count. */
    private double[] dice() {
        synchronized (requestTimes) {
            double[] dice = new double[5];
            for (int i = 0; i < dice.length; i++) {
                dice[i] = faultRandom.nextDouble();
            }
            return dice;
        }
    }

    /** Counts the request in a rolling wall-time window; answers the seconds to wait when over the limit. */
    private Long overLimit(String key, Faults.RateLimit limit) {
        if (limit.unlimited()) {
            return null;
        }
        long now = System.nanoTime();
        long window = limit.window().toNanos();
        synchronized (requestTimes) {
            Deque<Long> times = requestTimes.computeIfAbsent(key, k -> new ArrayDeque<>());
            while (!times.isEmpty() && now - times.peekFirst() >= window) {
                times.pollFirst();
            }
            if (times.size() >= limit.requests()) {
                long waitNanos = window - (now - times.peekFirst());
                return Math.max(1, (waitNanos + 999_999_999) / 1_000_000_000);
            }
            times.addLast(now);
            return null;
        }
    }

    private static HttpCall read(HttpExchange exchange, String path) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name.toLowerCase(), values.get(0));
            }
        });
        return HttpCall.of(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                headers.get("content-type"), body, headers);
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
