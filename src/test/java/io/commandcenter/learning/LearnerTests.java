package io.commandcenter.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.IfThenRule.Trigger;
import io.commandcenter.learning.Observation.Kind;
import org.junit.jupiter.api.Test;

/** Each kind of habit found from observations, with the right bands; noise and contradictions not suggested. */
class LearnerTests {

    static final Instant NOW = Instant.parse("2026-06-30T00:00:00Z");

    static Observation seen(long id, Kind kind, String device, DeviceType type, boolean on, double soc, int minute,
                            int weekday, String mode, Instant at) {
        return new Observation(id, kind, device, type, on, "miners.drl", UUID.randomUUID(), soc, 0.0, 1000.0, 0.0,
                minute, weekday, mode, null, at);
    }

    @Test
    void plantedHabitsAreFoundWithTheirBandsAndNoiseAndContradictionsAreNotSuggested() {
        int planted = 0, found = 0, offered = 0, right = 0;
        java.util.Map<String, Integer> byHabit = new java.util.TreeMap<>();
        for (long seed = 1; seed <= 40; seed++) {
            SyntheticHistory history = new SyntheticHistory(seed, NOW);
            List<Learner.Candidate> candidates = Learner.candidates(history.observations, NOW);
            for (SyntheticHistory.Habit habit : history.habits) {
                planted++;
                if (candidates.stream().anyMatch(c -> c.key().equals(habit.key()) && habit.right().test(c))) {
                    found++;
                    byHabit.merge(habit.name(), 1, Integer::sum);
                }
            }
            for (Learner.Candidate c : candidates) {
                offered++;
                right += history.habits.stream().anyMatch(h -> h.key().equals(c.key()) && h.right().test(c)) ? 1 : 0;
                assertThat(c.key()).as("noise, contradictions and manual commands are never suggested")
                        .doesNotContain("ev-charger", "dehumidifier", "boiler", "fan", "lights", "pool-pump");
            }
        }
        assertThat((double) found / planted).as("recall").isGreaterThanOrEqualTo(0.9);
        assertThat((double) right / offered).as("precision").isGreaterThanOrEqualTo(0.9);
        assertThat(byHabit).as("each kind of habit found in most histories").hasSize(5)
                .allSatisfy((habit, n) -> assertThat(n).as(habit).isGreaterThanOrEqualTo(28));
    }

    @Test
    void nineApprovalsBelowAChargeBecomeARuleThatSwitchesWithoutAskingWithItsEvidence() {
        List<Observation> seen = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            seen.add(seen(i + 1, Kind.APPROVED, "miner-2", DeviceType.MINER, false, 44 + i * 0.4, i * 150 % 1440,
                    1 + i % 7, "Normal", NOW.minus(Duration.ofDays(14 - i))));
        }
        Learner.Candidate c = Learner.candidates(seen, NOW).get(0);

        assertThat(c.title()).isEqualTo("You approved 'switch miner-2 off when the battery is below 48 %' 9 of 9 times"
                + " in 14 days — automate?");
        assertThat(c.rule().inWords()).isEqualTo("When the battery is below 48 %, then switch miner-2 off without asking");
        assertThat(c.evidence()).hasSize(9);
        assertThat(c.approvalsSaved()).isEqualTo(9);
        assertThat(c.confidence()).isBetween(0.6, 0.75);
    }

    @Test
    void olderEvidenceCountsLessAndARejectionInTheBandLowersTheConfidence() {
        List<Observation> recent = new ArrayList<>();
        List<Observation> old = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            recent.add(seen(i + 1, Kind.APPROVED, "pump", DeviceType.PUMP, false, 30 + i, i * 200 % 1440, 1 + i % 7,
                    null, NOW.minus(Duration.ofDays(2))));
            old.add(seen(i + 1, Kind.APPROVED, "pump", DeviceType.PUMP, false, 30 + i, i * 200 % 1440, 1 + i % 7,
                    null, NOW.minus(Duration.ofDays(55))));
        }
        double fresh = Learner.candidates(recent, NOW).get(0).confidence();
        assertThat(Learner.candidates(old, NOW)).as("six approvals two months ago are weak evidence").isEmpty();

        List<Observation> withNo = new ArrayList<>(recent);
        withNo.add(seen(99, Kind.REJECTED, "pump", DeviceType.PUMP, false, 32, 600, 3, null, NOW.minus(Duration.ofDays(1))));
        Learner.Candidate doubted = Learner.candidates(withNo, NOW).get(0);
        assertThat(doubted.title()).contains("6 of 7 times");
        assertThat(doubted.confidence()).isLessThan(fresh - 0.1);
        assertThat(fresh).isGreaterThan(0.5);
    }

    @Test
    void approvalsWhateverTheSituationAreNoRuleButEnoughOfThemSuggestAskingLess() {
        List<Observation> seen = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            seen.add(seen(i + 1, Kind.APPROVED, "miner-" + (i % 3), DeviceType.MINER, false, 20 + i * 6, i * 120,
                    1 + i % 7, "Normal", NOW.minus(Duration.ofDays(i))));
        }
        List<Learner.Candidate> found = Learner.candidates(seen, NOW);

        assertThat(found).extracting(Learner.Candidate::kind).containsExactly(Suggestion.Kind.CONFIRMATION);
        assertThat(found.get(0).title()).isEqualTo("You approved every automated action in the last 30 days (12 of 12)"
                + " — stop asking before miners are paused?");
    }

    @Test
    void aTimeWindowAcrossMidnightIsOneArc() {
        List<Observation> seen = new ArrayList<>();
        int[] minutes = {23 * 60, 23 * 60 + 40, 10, 50, 22 * 60 + 50};
        for (int i = 0; i < minutes.length; i++) {
            seen.add(seen(i + 1, Kind.APPROVED, "lights", DeviceType.OTHER, false, 20 + i * 15, minutes[i], 1 + i,
                    null, NOW.minus(Duration.ofDays(i + 1))));
        }
        var time = Learner.candidates(seen, NOW).get(0).rule().conditions().stream()
                .filter(c -> c.trigger() == Trigger.TIME).findFirst().orElseThrow();
        assertThat(time.from()).hasToString("22:30");
        assertThat(time.until()).hasToString("01:00");
    }
}
