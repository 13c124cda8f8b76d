package io.commandcenter.control;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;

/**
 * Control's step scheduler in tests. Like the real one it runs each step when the clock reaches the step's time; but
 * while no step is running and the next one is due later, it moves the {@link SkippingClock} forward to it at once.
 * Verification reads, backoff and settle waits then take no wall time, and every timeout still passes in the order
 * the clock says. A test that has to act while a command waits (engage STOP, let a late command land) switches to
 * {@link #realTime()}, and may {@link #advance} the clock by hand.
 */
final class FastForwardScheduler implements TaskScheduler, AutoCloseable {

    private final SkippingClock clock;
    private final PriorityQueue<Step> steps = new PriorityQueue<>();
    private final AtomicLong order = new AtomicLong();
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-command-step");
        t.setDaemon(true);
        return t;
    });
    private final Thread dispatcher = new Thread(this::dispatch, "test-command-clock");
    private int running;
    private boolean fastForward = true;
    private boolean closed;

    FastForwardScheduler(SkippingClock clock) {
        this.clock = clock;
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    /** Skips ahead whenever nothing runs (the default). */
    synchronized void fastForward() {
        fastForward = true;
        notifyAll();
    }

    /** Waits run at the wall clock's pace, as in production. */
    synchronized void realTime() {
        fastForward = false;
        notifyAll();
    }

    /** Moves the clock on by {@code duration}; the steps it reaches run. */
    synchronized void advance(Duration duration) {
        clock.skip(duration);
        notifyAll();
    }

    @Override
    public java.time.Clock getClock() {
        return clock;
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
        Step step = new Step(task, startTime, order.incrementAndGet());
        steps.add(step);
        notifyAll();
        return step;
    }

    private void dispatch() {
        synchronized (this) {
            while (!closed) {
                Step next = steps.peek();
                if (next == null) {
                    waitQuietly(0);
                    continue;
                }
                Instant now = clock.instant();
                if (!next.at.isAfter(now)) {
                    steps.poll();
                    running++;
                    workers.execute(() -> {
                        try {
                            next.run();
                        } finally {
                            finished();
                        }
                    });
                } else if (fastForward && running == 0) {
                    clock.skipTo(next.at);
                } else {
                    waitQuietly(Math.max(1, Duration.between(now, next.at).toMillis()));
                }
            }
        }
    }

    private synchronized void finished() {
        running--;
        notifyAll();
    }

    private synchronized void cancel(Step step) {
        steps.remove(step);
        notifyAll();
    }

    private void waitQuietly(long millis) {
        try {
            wait(millis);
        } catch (InterruptedException e) {
            closed = true;
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        workers.shutdownNow();
    }

    private final class Step implements ScheduledFuture<Object>, Runnable {
        final Runnable task;
        final Instant at;
        final long seq;
        final CompletableFuture<Object> done = new CompletableFuture<>();

        Step(Runnable task, Instant at, long seq) {
            this.task = task;
            this.at = at;
            this.seq = seq;
        }

        @Override
        public void run() {
            if (done.isDone()) {
                return;
            }
            try {
                task.run();
                done.complete(null);
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
                throw e;
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(clock.instant(), at));
        }

        @Override
        public int compareTo(Delayed other) {
            Step that = (Step) other;
            int byTime = at.compareTo(that.at);
            return byTime != 0 ? byTime : Long.compare(seq, that.seq);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = done.cancel(false);
            FastForwardScheduler.this.cancel(this);
            return cancelled;
        }

        @Override
        public boolean isCancelled() {
            return done.isCancelled();
        }

        @Override
        public boolean isDone() {
            return done.isDone();
        }

        @Override
        public Object get() throws InterruptedException, ExecutionException {
            return done.get();
        }

        @Override
        public Object get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException,
                TimeoutException {
            return done.get(timeout, unit);
        }
    }

    // Control schedules single steps only.

    @Override
    public ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
        throw new UnsupportedOperationException("control schedules single steps only");
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant startTime, Duration period) {
        throw new UnsupportedOperationException("control schedules single steps only");
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
        throw new UnsupportedOperationException("control schedules single steps only");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
        throw new UnsupportedOperationException("control schedules single steps only");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
        throw new UnsupportedOperationException("control schedules single steps only");
    }
}
