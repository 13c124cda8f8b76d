package io.commandcenter.approval;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Approvals.
 *
 * @param expiry        how long a pending action waits for an answer
 * @param linkSecret    key signing the approve/reject links; generated and stored in the database when unset
 * @param publicBaseUrl the address the owner's mail client reaches CommandCenter at, for links
 * @param expiryCheck   how often overdue pending actions are marked expired
 */
@ConfigurationProperties("commandcenter.approval")
@Validated
record ApprovalProperties(@DefaultValue("5m") @NotNull @DurationMin(inclusive = false) Duration expiry,
                          String linkSecret,
                          @DefaultValue("http://localhost:8080") @NotNull URI publicBaseUrl,
                          @DefaultValue("30s") @NotNull @DurationMin(inclusive = false) Duration expiryCheck) {
}
