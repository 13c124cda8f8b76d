package io.commandcenter.control.shellycloud;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Hands out turns for one Shelly Cloud account: first come, first served, each turn at least {@code spacing} after
 * the one before. Shelly allows one request per second per account; two commands at once would otherwise collide
 * and the second would get 429.
 */
final class AccountPacer {

    private final long spacingNanos;
    private long nextTurn = System.nanoTime();

    AccountPacer(Duration spacing) {
        this.spacingNanos = spacing.toNanos();
    }

    /** Blocks until the caller's turn. */
    void awaitTurn() {
        long turn;
        synchronized (this) {
            long now = System.nanoTime();
            turn = Math.max(now, nextTurn);
            nextTurn = turn + spacingNanos;
        }
        long wait;
        while ((wait = turn - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    /** The cloud said to slow down: no turn starts before {@code wait} from now. */
    synchronized void holdOff(Duration wait) {
        nextTurn = Math.max(nextTurn, System.nanoTime() + wait.toNanos());
    }
}
