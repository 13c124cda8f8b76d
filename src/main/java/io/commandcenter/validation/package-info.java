/**
 * Shared input checks every feature may use (a leaf package: it depends on no feature and no feature
 * package is needed to use it): {@link io.commandcenter.validation.PlainText} and
 * {@link io.commandcenter.validation.PhoneNumber} constraints, the {@link io.commandcenter.validation.Limits}
 * every API shares, {@link io.commandcenter.validation.InvalidParams} for problems naming each bad field,
 * the strict JSON reading of request bodies and the request-size limit, and {@link io.commandcenter.validation.Rejected},
 * the base of the refusals each feature throws for a caller's mistake (the web shell alone turns them into
 * problem+json). See docs/security.md.
 */
package io.commandcenter.validation;
