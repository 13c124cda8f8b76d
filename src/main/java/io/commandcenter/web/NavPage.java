package io.commandcenter.web;

/**
 * A page in the top navigation. A feature that adds a page declares one as a bean, so the menu only
 * lists pages that exist; {@code order} sorts them left to right; users below {@code minimum} do not see it.
 */
public record NavPage(String path, String label, int order, Role minimum) {

    public NavPage(String path, String label, int order) {
        this(path, label, order, Role.VIEWER);
    }
}
