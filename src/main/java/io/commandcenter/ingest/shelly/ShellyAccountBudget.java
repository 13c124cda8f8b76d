package io.commandcenter.ingest.shelly;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One Shelly Cloud account's request budget (Shelly allows one request per second per account), shared by polls and
 * relay commands: one request at a time, each taking a turn ({@link #awaitTurn}) and reporting its end
 * ({@link #finished}); the next turn starts {@code spacing} after the end of the one before. Counted from the end,
 * not the start: the cloud counts a request when it arrives, which may be late in its round trip, and a request
 * started after the previous answer came back cannot arrive before the previous one did. A waiting command always
 * goes before a waiting poll. Polls give up after a bounded wait (the round is skipped), commands wait their turn.
 */
public final class ShellyAccountBudget {

    /** Who asks: a command (switching a relay, or reading it for one) goes first. */
    public enum Priority { COMMAND, POLL }

    private final long spacingNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long nextTurn = System.nanoTime();
    private int waitingCommands;
    private boolean inFlight;
    private long turnsTaken;

    /** @param spacing least time between two requests of the account */
    public ShellyAccountBudget(Duration spacing) {
        this.spacingNanos = spacing.toNanos();
    }

    /**
     * Waits for a turn for at most {@code maxWait}; false when none came (or the thread was interrupted): the caller
     * must not send.
     */
    public boolean awaitTurn(Priority priority, Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        lock.lock();
        try {
            if (priority == Priority.COMMAND) {
                waitingCommands++;
            }
            try {
                while (true) {
                    long now = System.nanoTime();
                    boolean yieldToCommand = priority == Priority.POLL && waitingCommands > 0;
                    if (!yieldToCommand && !inFlight && now >= nextTurn) {
                        inFlight = true;
                        turnsTaken++;
                        return true;
                    }
                    long wait = yieldToCommand || inFlight ? deadline - now : Math.min(deadline - now, nextTurn - now);
                    if (deadline - now <= 0) {
                        return false;
                    }
                    changed.awaitNanos(Math.max(1, wait));
                }
            } finally {
                if (priority == Priority.COMMAND) {
                    waitingCommands--;
                }
                changed.signalAll();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** The request of the turn taken has ended (answered, failed or timed out): the next turn is due {@code spacing} from now. */
    public void finished() {
        lock.lock();
        try {
            inFlight = false;
            nextTurn = Math.max(nextTurn, System.nanoTime() + spacingNanos);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The cloud said to slow down: no turn starts before {@code wait} from now. */
    public void holdOff(Duration wait) {
        lock.lock();
        try {
            nextTurn = Math.max(nextTurn, System.nanoTime() + wait.toNanos());
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether a command is waiting for a turn now (a poll may then leave the rest of its round for later). */
    public boolean commandWaiting() {
        lock.lock();
        try {
            return waitingCommands > 0;
        } finally {
            lock.unlock();
        }
    }

    /** Requests let through since start, for figures. */
    public long turnsTaken() {
        lock.lock();
        try {
            return turnsTaken;
        } finally {
            lock.unlock();
        }
    }

    Duration spacing() {
        return Duration.ofNanos(spacingNanos);
    }

    static Duration spacingOf(int rateLimit, Duration ratePeriod) {
        return rateLimit <= 0 ? Duration.ZERO : ratePeriod.dividedBy(rateLimit);
    }
}
