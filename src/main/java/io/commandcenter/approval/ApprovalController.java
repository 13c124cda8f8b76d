package io.commandcenter.approval;

import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import io.commandcenter.notify.NotificationSettingsService;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * Approvals for signed-in operators (JSON) and the signed links from the email (small HTML pages).
 * A link GET only shows a confirm button that POSTs: mail scanners that prefetch links must not approve.
 */
@RestController
class ApprovalController {

    private final ApprovalService approvals;
    private final LinkSigner signer;
    private final ApprovalRepository repository;
    private final NotificationSettingsService settings;
    private final Clock clock;

    ApprovalController(ApprovalService approvals, LinkSigner signer, ApprovalRepository repository,
                       NotificationSettingsService settings, Clock clock) {
        this.settings = settings;
        this.approvals = approvals;
        this.signer = signer;
        this.repository = repository;
        this.clock = clock;
    }

    @GetMapping({"/approvals/pending", "/api/v1/approvals/pending"})
    List<PendingAction> pending() {
        return approvals.pending();
    }

    @GetMapping({"/approvals/recent", "/api/v1/approvals/recent"})
    List<PendingAction> recent(@RequestParam(defaultValue = "50") int limit) {
        io.commandcenter.validation.InvalidParams.checkLimit("limit", limit);
        return approvals.recent(limit);
    }

    @PostMapping(path = {"/approvals/{id}/approve", "/api/v1/approvals/{id}/approve"}, params = "!sig")
    ResponseEntity<ApprovalResult> approveSignedIn(@PathVariable UUID id, Principal user) {
        return json(approvals.approve(id, operator(user), "WEB"));
    }

    @PostMapping(path = {"/approvals/{id}/reject", "/api/v1/approvals/{id}/reject"}, params = "!sig")
    ResponseEntity<ApprovalResult> rejectSignedIn(@PathVariable UUID id, Principal user) {
        return json(approvals.reject(id, operator(user), "WEB"));
    }

    @GetMapping(path = "/approvals/{id}/{decision:approve|reject}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> confirmPage(@PathVariable UUID id, @PathVariable String decision,
                                       @RequestParam long exp, @RequestParam String sig) {
        ResponseEntity<String> refused = checkLink(id, decision, exp, sig);
        if (refused != null) {
            return refused;
        }
        String summary = approvals.find(id).map(PendingAction::summary).orElse("this action");
        return page(HttpStatus.OK, decision.equals("approve") ? "Approve?" : "Reject?", """
                <p>%s: %s</p>
                <form method="post"><input type="hidden" name="exp" value="%d"><input type="hidden" name="sig" value="%s">
                <button type="submit">%s</button></form>
                """.formatted(decision.equals("approve") ? "Approve" : "Reject", HtmlUtils.htmlEscape(summary), exp,
                HtmlUtils.htmlEscape(sig), decision.equals("approve") ? "Yes, approve" : "Yes, reject"));
    }

    @PostMapping(path = "/approvals/{id}/{decision:approve|reject}", params = "sig", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> answerByLink(@PathVariable UUID id, @PathVariable String decision,
                                        @RequestParam long exp, @RequestParam String sig) {
        ResponseEntity<String> refused = checkLink(id, decision, exp, sig);
        if (refused != null) {
            return refused;
        }
        var action = approvals.find(id);
        if (decision.equals("approve")) {
            // Before the link is used up: during STOP it must still work once STOP is released.
            var held = approvals.heldByStop(id);
            if (held.isPresent()) {
                return page(HttpStatus.CONFLICT, "Emergency stop engaged", HtmlUtils.htmlEscape(held.get().message()));
            }
        }
        // The link went to the owner's address: that address is who answered.
        String email = settings.current().email();
        String by = email == null ? "email link" : email;
        if (!repository.useLink(id, decision, clock.instant())) {
            // Single use: a second click answers with the state, never acts again.
            ApprovalResult r = approvals.explain(id);
            return page(HttpStatus.OK, "Already answered", HtmlUtils.htmlEscape(r.message()));
        }
        ApprovalResult r = decision.equals("approve") ? approvals.approve(id, by, "LINK") : approvals.reject(id, by, "LINK");
        HttpStatus status = r.outcome() == ApprovalResult.Outcome.EXPIRED ? HttpStatus.GONE : HttpStatus.OK;
        return page(status, action.map(PendingAction::summary).orElse("Approval"), HtmlUtils.htmlEscape(r.message()));
    }

    private ResponseEntity<String> checkLink(UUID id, String decision, long exp, String sig) {
        if (!signer.valid(id, decision, exp, sig)) {
            return page(HttpStatus.FORBIDDEN, "Invalid link", "This link is not valid.");
        }
        if (clock.instant().getEpochSecond() >= exp) {
            approvals.expireOverdue();
            return page(HttpStatus.GONE, "Expired", "This link has expired; the action was not done.");
        }
        return null;
    }

    private static ResponseEntity<ApprovalResult> json(ApprovalResult r) {
        HttpStatus status = switch (r.outcome()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case EXPIRED -> HttpStatus.GONE;
            case ALREADY_RESOLVED, HELD_BY_STOP -> HttpStatus.CONFLICT;
            default -> HttpStatus.OK;
        };
        return ResponseEntity.status(status).body(r);
    }

    private static ResponseEntity<String> page(HttpStatus status, String title, String body) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body("""
                <!doctype html><html><head><meta charset="utf-8"><title>CommandCenter: %s</title></head>
                <body><h1>%s</h1>%s</body></html>
                """.formatted(HtmlUtils.htmlEscape(title), HtmlUtils.htmlEscape(title), body));
    }

    private static String operator(Principal user) {
        return user == null ? "operator" : user.getName();
    }
}
