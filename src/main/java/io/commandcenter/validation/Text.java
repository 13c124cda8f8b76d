package io.commandcenter.validation;

/** Checks on free text: no control characters, no bidirectional overrides, a maximum length. */
public final class Text {

    private Text() {
    }

    /** True for C0 controls, DEL, C1 controls and the bidirectional embedding, override and isolate marks. */
    public static boolean isForbidden(int c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F)
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200E || c == 0x200F || c == 0x061C;
    }

    /** Like {@link #isForbidden} but tab, line feed and carriage return pass (multi-line text such as rules). */
    public static boolean isForbiddenInMultiLine(int c) {
        return c != '\t' && c != '\n' && c != '\r' && isForbidden(c);
    }

    /** What is wrong with a single-line text, or null when it is fine (null text is fine). */
    public static String problem(String s, int max) {
        if (s == null) {
            return null;
        }
        if (s.length() > max) {
            return "at most " + max + " characters";
        }
        if (s.codePoints().anyMatch(Text::isForbidden)) {
            return "must not contain control characters";
        }
        return null;
    }

    /** Like {@link #problem} but tab and line breaks pass. */
    public static String multiLineProblem(String s, int max) {
        if (s == null) {
            return null;
        }
        if (s.length() > max) {
            return "at most " + max + " characters";
        }
        return hasForbiddenMultiLine(s) ? "must not contain control characters" : null;
    }

    /** Whether the text has characters no request should carry, not even multi-line text. */
    public static boolean hasForbiddenMultiLine(String s) {
        return s != null && s.codePoints().anyMatch(Text::isForbiddenInMultiLine);
    }
}
