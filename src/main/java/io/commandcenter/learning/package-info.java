/**
 * Learning mode: watches what people do — answers to waiting actions, manual commands, undoing what automation did —
 * with the site's situation at that moment ({@link io.commandcenter.learning.Watcher}), finds habits
 * ({@link io.commandcenter.learning.Learner}: rule induction over the situations, Wilson confidence over
 * recency-weighted evidence), proves each suggested rule in a dry run and the safety gate, and offers it on
 * /automation. Accepting makes it the owner's if/then rule, approved in advance; nothing changes on its own. Behind
 * the LEARNING flag. See docs/learning.md.
 */
package io.commandcenter.learning;
