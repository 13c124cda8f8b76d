package io.commandcenter.ingest.shelly.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class DigestAuthTests {

    @Test
    void readsAShellyChallenge() {
        var challenge = DigestAuth.challenge(
                "Digest qop=\"auth\", realm=\"shellypro4pm-f008d1d8b8b8\", nonce=\"60dc59c6\", algorithm=SHA-256");

        assertThat(challenge).containsExactly(Map.entry("qop", "auth"), Map.entry("realm", "shellypro4pm-f008d1d8b8b8"),
                Map.entry("nonce", "60dc59c6"), Map.entry("algorithm", "SHA-256"));
        assertThat(DigestAuth.challenge("Basic realm=\"x\"")).isNull();
    }

    @Test
    void answersTheSha256ExampleOfRfc7616() {
        // RFC 7616 section 3.9.1
        var challenge = Map.of("realm", "http-auth@example.org", "qop", "auth", "algorithm", "SHA-256",
                "nonce", "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v");

        String header = DigestAuth.authorization(challenge, "Mufasa", "Circle of Life", "GET", "/dir/index.html",
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");

        assertThat(header).contains("response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\"")
                .contains("uri=\"/dir/index.html\"").contains("qop=auth").contains("nc=00000001");
    }
}
