package io.commandcenter.simulation;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One request, with the API prefix stripped from the path; form fields and query parameters are merged. */
record HttpCall(String method, String path, Map<String, List<String>> params, Map<String, String> headers, String body) {

    static HttpCall of(String method, String path, String rawQuery, String contentType, String body,
                       Map<String, String> headers) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        parse(rawQuery, params);
        if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
            parse(body, params);
        }
        return new HttpCall(method, path, params, headers, body);
    }

    String param(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    List<String> params(String name) {
        return params.getOrDefault(name, List.of());
    }

    /** Header value; names are compared lower-case. */
    String header(String name) {
        return headers.get(name.toLowerCase());
    }

    private static void parse(String text, Map<String, List<String>> into) {
        if (text == null || text.isEmpty()) {
            return;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
    }
}
