package io.commandcenter.agent;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;

/** Stands in for the LLM: replies with a scripted sequence of messages and keeps every request it got. */
class ScriptedChatModel implements ChatModel {

    final Deque<AiMessage> script = new ConcurrentLinkedDeque<>();
    final List<ChatRequest> requests = new ArrayList<>();

    @Override
    public ChatResponse doChat(ChatRequest request) {
        requests.add(request);
        AiMessage next = script.poll();
        if (next == null) {
            throw new IllegalStateException("the script has no more replies");
        }
        return ChatResponse.builder().aiMessage(next).tokenUsage(new TokenUsage(100, 20)).build();
    }
}
