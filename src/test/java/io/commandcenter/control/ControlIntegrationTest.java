package io.commandcenter.control;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.commandcenter.IntegrationTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * A full application test of control on the fast-forward clock ({@link FastForwardTime}). Waits cost no wall time
 * there, so commands verify, back off and settle with the production timings rather than the shortened ones the
 * other tests use. All control tests share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@Import(FastForwardTime.class)
@TestPropertySource(properties = {
        "commandcenter.control.verify-timeout=2s",
        "commandcenter.control.verify-interval=250ms",
        "commandcenter.control.backoff=500ms"})
@interface ControlIntegrationTest {
}
