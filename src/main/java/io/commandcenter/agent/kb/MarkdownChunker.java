package io.commandcenter.agent.kb;

import java.util.ArrayList;
import java.util.List;

/** Splits a markdown document at its headings; a chunk's section is the path of headings above it. */
final class MarkdownChunker {

    record Chunk(String section, String content) {
    }

    private MarkdownChunker() {
    }

    static List<Chunk> chunks(String markdown) {
        List<Chunk> chunks = new ArrayList<>();
        String[] path = new String[7];
        StringBuilder body = new StringBuilder();
        String section = "";
        boolean inCode = false;
        for (String line : markdown.split("\\R")) {
            if (line.startsWith("```")) {
                inCode = !inCode;
            }
            int level = inCode ? 0 : headingLevel(line);
            if (level > 0) {
                add(chunks, section, body);
                path[level] = line.substring(level).trim();
                for (int i = level + 1; i < path.length; i++) {
                    path[i] = null;
                }
                section = join(path);
                body.setLength(0);
            } else {
                body.append(line).append('\n');
            }
        }
        add(chunks, section, body);
        return chunks;
    }

    private static void add(List<Chunk> chunks, String section, StringBuilder body) {
        String text = body.toString().strip();
        if (!text.isEmpty()) {
            // The heading path goes into the embedded text too: "Well pump" in a heading is a strong signal.
            chunks.add(new Chunk(section.isEmpty() ? "(top)" : section, text));
        }
    }

    private static int headingLevel(String line) {
        int n = 0;
        while (n < line.length() && n < 6 && line.charAt(n) == '#') {
            n++;
        }
        return n > 0 && n < line.length() && line.charAt(n) == ' ' ? n : 0;
    }

    private static String join(String[] path) {
        List<String> parts = new ArrayList<>();
        for (String p : path) {
            if (p != null) {
                parts.add(p);
            }
        }
        return String.join(" > ", parts);
    }
}
