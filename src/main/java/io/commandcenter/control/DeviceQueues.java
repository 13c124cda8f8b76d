package io.commandcenter.control;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * One queue per device, so actions on a device run one after another, in the order they came, and never interleave.
 * Not the maintenance lock a person puts on a device (that is the rules' business): this only makes commands take
 * turns. Nobody waits here: a command that is not first in its queue is woken when its turn comes.
 */
@Component
class DeviceQueues {

    private final Map<String, Deque<UUID>> byDevice = new HashMap<>();

    /** Joins the end of the device's queue; true when it is the action's turn at once. */
    synchronized boolean join(String device, UUID action) {
        Deque<UUID> queue = byDevice.computeIfAbsent(device, d -> new ArrayDeque<>());
        queue.addLast(action);
        return queue.peekFirst().equals(action);
    }

    synchronized boolean hasTurn(String device, UUID action) {
        Deque<UUID> queue = byDevice.get(device);
        return queue != null && action.equals(queue.peekFirst());
    }

    /** The action whose turn it is on the device. */
    synchronized Optional<UUID> current(String device) {
        Deque<UUID> queue = byDevice.get(device);
        return queue == null ? Optional.empty() : Optional.ofNullable(queue.peekFirst());
    }

    /**
     * Leaves the queue, done or tired of waiting; answers the action whose turn it now is when this one had the
     * turn and another waits.
     */
    synchronized Optional<UUID> leave(String device, UUID action) {
        Deque<UUID> queue = byDevice.get(device);
        if (queue == null) {
            return Optional.empty();
        }
        boolean hadTurn = action.equals(queue.peekFirst());
        queue.remove(action);
        if (queue.isEmpty()) {
            byDevice.remove(device);
            return Optional.empty();
        }
        return hadTurn ? Optional.of(queue.peekFirst()) : Optional.empty();
    }
}
