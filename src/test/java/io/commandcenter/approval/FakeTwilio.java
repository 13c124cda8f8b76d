package io.commandcenter.approval;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A local server shaped like Twilio's Messages API: answers
 * POST /2010-04-01/Accounts/{sid}/Messages.json as Twilio does and records what was sent.
 */
public final class FakeTwilio implements AutoCloseable {

    public record Sent(String accountSid, String authorization, String to, String from, String body, String sid) {
    }

    private final HttpServer server;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger counter = new AtomicInteger();

    public FakeTwilio() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/2010-04-01/Accounts/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String[] parts = path.split("/");
            if (!"POST".equals(exchange.getRequestMethod()) || parts.length != 5 || !"Messages.json".equals(parts[4])) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String sid = "SM%032d".formatted(counter.incrementAndGet());
            sent.add(new Sent(parts[3], exchange.getRequestHeaders().getFirst("Authorization"), form.get("To"),
                    form.get("From"), form.get("Body"), sid));
            String json = """
                    {"sid":"%s","account_sid":"%s","to":"%s","from":"%s","body":"%s","status":"queued",
                     "num_segments":"1","direction":"outbound-api","api_version":"2010-04-01",
                     "date_created":"Thu, 26 Nov 2026 01:00:00 +0000","uri":"/2010-04-01/Accounts/%s/Messages/%s.json"}
                    """.formatted(sid, parts[3], form.get("To"), form.get("From"),
                    form.get("Body").replace("\\", "\\\\").replace("\"", "\\\""), parts[3], sid);
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Sent> sent() {
        return sent;
    }

    public void clear() {
        sent.clear();
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                map.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return map;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
