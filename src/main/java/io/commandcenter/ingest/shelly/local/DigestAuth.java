package io.commandcenter.ingest.shelly.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP Digest authentication (RFC 7616) as Shelly Gen2+ devices with a password ask for it: a 401 with
 * {@code WWW-Authenticate: Digest qop="auth", realm="<device id>", nonce="…", algorithm=SHA-256}; the user is always
 * {@code admin}.
 */
final class DigestAuth {

    static final String USER = "admin";
    private static final Pattern PARAM = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))");
    private static final SecureRandom RANDOM = new SecureRandom();

    private DigestAuth() {
    }

    /** The challenge's parameters, or null when the header is not a Digest challenge. */
    static Map<String, String> challenge(String wwwAuthenticate) {
        if (wwwAuthenticate == null || !wwwAuthenticate.regionMatches(true, 0, "Digest ", 0, 7)) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(wwwAuthenticate.substring(7));
        while (m.find()) {
            params.put(m.group(1).toLowerCase(), m.group(2) != null ? m.group(2) : m.group(3));
        }
        return params;
    }

    /** The {@code Authorization} header answering {@code challenge} for one request, as user {@code admin}. */
    static String authorization(Map<String, String> challenge, String password, String method, String uri) {
        byte[] cnonce = new byte[8];
        RANDOM.nextBytes(cnonce);
        return authorization(challenge, USER, password, method, uri, HexFormat.of().formatHex(cnonce));
    }

    static String authorization(Map<String, String> challenge, String user, String password, String method, String uri,
                                String cnonce) {
        String algorithm = challenge.getOrDefault("algorithm", "MD5");
        String digest = switch (algorithm.toUpperCase()) {
            case "SHA-256" -> "SHA-256";
            case "MD5" -> "MD5";
            default -> throw new IllegalArgumentException("unsupported digest algorithm " + algorithm);
        };
        String realm = challenge.getOrDefault("realm", "");
        String nonce = challenge.getOrDefault("nonce", "");
        String nc = "00000001";
        String ha1 = hash(digest, user + ":" + realm + ":" + password);
        String ha2 = hash(digest, method + ":" + uri);
        String response = hash(digest, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", algorithm=" + algorithm + ", response=\"" + response + "\", qop=auth, nc=" + nc
                + ", cnonce=\"" + cnonce + "\"";
    }

    static String hash(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }
}
