package io.commandcenter;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Entry point. Without arguments (or with Spring options only) it runs the platform;
 * the first argument may name a command instead, see {@link Commands}.
 */
@SpringBootApplication
@EnableScheduling
public class CommandCenterApplication {

    /** The one wall clock of the application; tests replace it with a {@code @Primary} clock of their own. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        if (Commands.handles(args)) {
            System.exit(Commands.run(args));
        }
        SpringApplication.run(CommandCenterApplication.class, args);
    }
}
