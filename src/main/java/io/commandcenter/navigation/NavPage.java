package io.commandcenter.navigation;

/**
 * A page in the top navigation. A feature that adds a page declares one as a bean, so the menu only
 * lists pages that exist; {@code order} sorts them left to right. Who sees it is not said here: the
 * menu shows a page to those the security rules let open it.
 */
public record NavPage(String path, String label, int order) {
}
