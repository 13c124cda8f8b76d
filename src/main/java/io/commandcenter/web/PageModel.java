package io.commandcenter.web;

import java.util.Comparator;
import java.util.List;

import io.commandcenter.approval.ApprovalService;
import io.commandcenter.navigation.NavPage;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's layout needs: who is signed in, with which role, and the navigation. */
@ControllerAdvice
class PageModel {

    private final List<NavPage> pages;
    private final ApprovalService approvals;
    private final WebInvocationPrivilegeEvaluator privileges;

    PageModel(List<NavPage> pages, ApprovalService approvals, WebInvocationPrivilegeEvaluator privileges) {
        this.pages = pages.stream().sorted(Comparator.comparingInt(NavPage::order)).toList();
        this.approvals = approvals;
        this.privileges = privileges;
    }

    /** The navigation badge: actions waiting for a person's yes. */
    @ModelAttribute("pendingApprovals")
    Integer pendingApprovals() {
        return signedInRole() == null ? null : approvals.pending().size();
    }

    /** The pages this user may open, as {@link SecurityConfiguration} decides: one place says who sees what. */
    @ModelAttribute("navPages")
    List<NavPage> navPages(HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (role(auth) == null) {
            return List.of();
        }
        return pages.stream()
                .filter(p -> privileges.isAllowed(request.getContextPath(), p.path(), "GET", auth))
                .toList();
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }

    @ModelAttribute("signedIn")
    String signedIn() {
        String name = SignedInUser.name();
        return SignedInUser.SYSTEM.equals(name) ? null : name;
    }

    /** The highest role held, for showing or hiding controls (the server checks again on every action). */
    @ModelAttribute("signedInRole")
    Role signedInRole() {
        return role(SecurityContextHolder.getContext().getAuthentication());
    }

    @ModelAttribute("canOperate")
    boolean canOperate() {
        Role role = signedInRole();
        return role != null && role.compareTo(Role.OPERATOR) >= 0;
    }

    @ModelAttribute("isAdmin")
    boolean isAdmin() {
        return signedInRole() == Role.ADMIN;
    }

    static Role role(Authentication auth) {
        if (auth == null) {
            return null;
        }
        Role highest = null;
        for (GrantedAuthority authority : auth.getAuthorities()) {
            for (Role role : Role.values()) {
                if (role.authority().equals(authority.getAuthority()) && (highest == null || role.compareTo(highest) > 0)) {
                    highest = role;
                }
            }
        }
        return highest;
    }
}
