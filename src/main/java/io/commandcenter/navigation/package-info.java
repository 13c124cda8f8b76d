/**
 * The top navigation's vocabulary: a feature that shows a page declares a {@link io.commandcenter.navigation.NavPage}
 * bean, and the web shell's layout lists it. A leaf, so every feature may add a page without depending on the shell
 * that depends on them.
 */
package io.commandcenter.navigation;
