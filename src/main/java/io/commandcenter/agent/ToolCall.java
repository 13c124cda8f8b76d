package io.commandcenter.agent;

/** One tool an agent called, for the conversation record and the progress stream. */
public record ToolCall(String tool, String arguments) {
}
