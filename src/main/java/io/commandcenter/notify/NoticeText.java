package io.commandcenter.notify;

/**
 * Makes text that someone typed (a chat question, an agent's explanation) safe to put into a
 * notification: notification texts are fixed templates, and whatever a user or model wrote is cut to
 * {@link #MAX_QUOTED} characters, freed of control and format characters and quoted, so it cannot pass
 * for CommandCenter's own words, add mail headers or lines, or reorder the text around it.
 */
public final class NoticeText {

    /** The most characters of user-written text a notification carries. */
    public static final int MAX_QUOTED = 160;

    private NoticeText() {
    }

    /**
     * One line of at most {@code max} characters: control characters (CR, LF, TAB, NUL ...), line and
     * paragraph separators become spaces; format characters (bidi overrides and isolates, zero-width
     * characters), unpaired surrogates and private-use characters are dropped; runs of spaces collapse;
     * double quotes become single ones. Text cut short ends with "…" (counted in {@code max}).
     */
    public static String clean(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max * 2));
        boolean space = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = out.length() > 0;
                continue;
            }
            if (type == Character.FORMAT || type == Character.SURROGATE || type == Character.PRIVATE_USE
                    || type == Character.UNASSIGNED) {
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.appendCodePoint(cp == '"' ? '\'' : cp);
        }
        if (out.codePointCount(0, out.length()) <= max) {
            return out.toString();
        }
        int end = out.offsetByCodePoints(0, Math.max(0, max - 1));
        return out.substring(0, end).stripTrailing() + "…";
    }

    /** {@link #clean} to {@link #MAX_QUOTED} characters, in double quotes: someone else's words. */
    public static String quote(String text) {
        return "\"" + clean(text, MAX_QUOTED) + "\"";
    }

    /** A name or label (device, user) as one clean line of at most 64 characters. */
    public static String name(String text) {
        return clean(text, 64);
    }
}
