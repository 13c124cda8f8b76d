package io.commandcenter.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The answers in the real clouds' shapes under {@code src/test/resources/contracts/<cloud>/} (sources in its README). */
public final class ContractAnswers {

    private ContractAnswers() {
    }

    public static String read(String cloud, String file) {
        try (InputStream in = ContractAnswers.class.getResourceAsStream("/contracts/" + cloud + "/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no contract answer " + cloud + "/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
