package io.commandcenter.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Slows down password guessing, per user name and per client address, for form sign-in and HTTP Basic alike.
 * After {@code maxFailures} failures of a user name (or {@code maxAddressFailures} from one address) within
 * {@code window}, attempts are refused, even with the right password, until the lockout has passed: it is
 * {@code lockout} after the last failure and doubles with every further failure, up to {@code window}.
 * Refused attempts do not count as failures, so a lockout cannot be extended by hammering it. Kept in memory
 * (per node); a sign-in that succeeds clears the failures of that user name.
 */
@Component
class LoginThrottle {

    private static final int MAX_KEYS = 50_000;

    private final SecurityProperties.SignIn settings;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    LoginThrottle(SecurityProperties properties, Clock clock) {
        this.settings = properties.signIn();
        this.clock = clock;
    }

    /** How long until this user name / address may try again; empty when it may try now. */
    Optional<Duration> refusedFor(String username, String address) {
        Instant now = clock.instant();
        Duration wait = max(waitFor(userKey(username), settings.maxFailures(), now),
                waitFor(addressKey(address), settings.maxAddressFailures(), now));
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    void failed(String username, String address) {
        Instant now = clock.instant();
        if (failures.size() > MAX_KEYS) {
            failures.entrySet().removeIf(e -> pruned(e.getValue(), now).isEmpty());
        }
        record(userKey(username), now);
        record(addressKey(address), now);
    }

    void succeeded(String username) {
        failures.remove(userKey(username));
    }

    /** Forgets all failures (tests, or an admin after an incident). */
    void clear() {
        failures.clear();
    }

    private void record(String key, Instant now) {
        if (key != null) {
            failures.compute(key, (k, list) -> {
                Deque<Instant> times = list == null ? new ArrayDeque<>() : pruned(list, now);
                times.addLast(now);
                return times;
            });
        }
    }

    private Duration waitFor(String key, int max, Instant now) {
        if (key == null || max <= 0) {
            return Duration.ZERO;
        }
        Deque<Instant> list = failures.get(key);
        if (list == null) {
            return Duration.ZERO;
        }
        Instant last;
        int count;
        synchronized (list) {
            pruned(list, now);
            count = list.size();
            last = list.peekLast();
        }
        if (count < max || last == null) {
            return Duration.ZERO;
        }
        int doublings = Math.min(count - max, 20);
        Duration lockout = settings.lockout().multipliedBy(1L << doublings);
        if (lockout.compareTo(settings.window()) > 0) {
            lockout = settings.window();
        }
        Duration left = Duration.between(now, last.plus(lockout));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private Deque<Instant> pruned(Deque<Instant> list, Instant now) {
        synchronized (list) {
            Instant oldest = now.minus(settings.window());
            while (!list.isEmpty() && !list.peekFirst().isAfter(oldest)) {
                list.removeFirst();
            }
            return list;
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String userKey(String username) {
        return username == null || username.isBlank() ? null : "user:" + username.strip().toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return address == null || address.isBlank() ? null : "addr:" + address;
    }
}
