package io.commandcenter.notify;

/**
 * One message to the owner, already rendered from a template.
 *
 * @param template  template name for the log: approval-request, approval-result, alert-poll, alert-safety, alert-stop,
 *                  alert-protective-off, alert-rules, alert-rule (an if/then rule's "notify me"), alert-workflow (a workflow's notify step)
 * @param kind      how it passes quiet hours and "critical only"
 * @param subject   email subject
 * @param emailText email body (plain text)
 * @param smsText   SMS body; null for email only
 */
public record Notice(String template, Kind kind, String subject, String emailText, String smsText) {

    public enum Kind {
        /** Always sent: critical alerts. */
        CRITICAL,
        /** A question the owner must answer (approval request): sent even with "critical only" and in quiet hours. */
        QUESTION,
        /** Results and other information: held back by quiet hours and "critical only". */
        INFO
    }
}
