/**
 * The shell around every feature: sign-in and roles (users and API tokens in the {@code security} schema),
 * the shared page layout with its navigation and STOP button, cross-feature pages (power dashboard, health),
 * and problem+json error handling. Features act for the signed-in user named by
 * {@link io.commandcenter.web.SignedInUser}; pages add themselves to the menu with a
 * {@link io.commandcenter.web.NavPage} bean.
 */
package io.commandcenter.web;
