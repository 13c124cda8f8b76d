/**
 * Approval: actions that wait for a person's yes. Holds allowed automated actions when the
 * confirmation mode asks for it, takes agent suggestions, asks the owner by email (signed links)
 * and SMS (reply YES/NO with a short code), and runs an approved action exactly once through the
 * control pipeline, which re-checks the rules against current readings first.
 */
package io.commandcenter.approval;
