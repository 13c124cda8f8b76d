/**
 * The shell around every feature: sign-in and roles (users and API tokens in the {@code security} schema),
 * the shared page layout with its navigation (each feature's {@link io.commandcenter.navigation.NavPage}, shown to
 * whom the security rules let open it) and the approvals badge, and problem+json error handling for every feature's
 * refusals. Page controllers live in the feature they show; the STOP button's state comes from {@code control}.
 */
package io.commandcenter.web;
