package io.commandcenter.agent.kb;

/**
 * One search result.
 *
 * @param document file name relative to the KB folder, e.g. "safety-checklist.md"
 * @param section  heading path, e.g. "Safety checklist > Before switching miners"
 * @param content  the chunk text
 * @param score    cosine similarity, -1..1
 */
public record KbHit(String document, String section, String content, double score) {

    public String citation() {
        return document + " § " + section;
    }
}
