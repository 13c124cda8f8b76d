package io.commandcenter.ingest.shelly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.commandcenter.ingest.shelly.ShellyAccountBudget.Priority;
import org.junit.jupiter.api.Test;

class ShellyAccountBudgetTests {

    static final Duration SPACING = Duration.ofMillis(150);

    @Test
    void spacesEveryTurnOfTheAccount() {
        var budget = new ShellyAccountBudget(SPACING);
        long started = System.nanoTime();

        for (int i = 0; i < 4; i++) {
            assertThat(budget.awaitTurn(i % 2 == 0 ? Priority.POLL : Priority.COMMAND, Duration.ofSeconds(2))).isTrue();
            budget.finished();
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(SPACING.multipliedBy(3));
        assertThat(budget.turnsTaken()).isEqualTo(4);
    }

    @Test
    void letsAWaitingCommandGoBeforeAPollThatWaitedLonger() throws Exception {
        var budget = new ShellyAccountBudget(SPACING);
        budget.awaitTurn(Priority.POLL, Duration.ofSeconds(1));
        budget.finished();
        List<String> order = new CopyOnWriteArrayList<>();

        CompletableFuture<Void> poll = CompletableFuture.runAsync(() -> {
            budget.awaitTurn(Priority.POLL, Duration.ofSeconds(2));
            order.add("poll");
            budget.finished();
        });
        Thread.sleep(30);
        CompletableFuture<Void> command = CompletableFuture.runAsync(() -> {
            budget.awaitTurn(Priority.COMMAND, Duration.ofSeconds(2));
            order.add("command");
            budget.finished();
        });
        CompletableFuture.allOf(poll, command).get();

        assertThat(order).containsExactly("command", "poll");
    }

    @Test
    void aPollThatGetsNoTurnInTimeDoesNotSend() {
        var budget = new ShellyAccountBudget(Duration.ofSeconds(5));
        budget.awaitTurn(Priority.COMMAND, Duration.ofSeconds(1));
        budget.finished();

        assertThat(budget.awaitTurn(Priority.POLL, Duration.ofMillis(100))).isFalse();
        assertThat(budget.turnsTaken()).isEqualTo(1);
    }

    @Test
    void neverLetsTwoRequestsOfTheAccountRunAtOnce() {
        var budget = new ShellyAccountBudget(Duration.ZERO);
        budget.awaitTurn(Priority.COMMAND, Duration.ofSeconds(1));

        assertThat(budget.awaitTurn(Priority.COMMAND, Duration.ofMillis(200))).isFalse();
        budget.finished();
        assertThat(budget.awaitTurn(Priority.COMMAND, Duration.ofMillis(200))).isTrue();
    }

    @Test
    void holdsOffAfterTheCloudSaysSlowDown() {
        var budget = new ShellyAccountBudget(Duration.ZERO);
        budget.holdOff(Duration.ofMillis(300));
        long started = System.nanoTime();

        budget.awaitTurn(Priority.COMMAND, Duration.ofSeconds(2));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }
}
