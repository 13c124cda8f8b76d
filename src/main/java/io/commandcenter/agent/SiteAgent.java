package io.commandcenter.agent;

import dev.langchain4j.service.Result;
import dev.langchain4j.service.UserMessage;

/** An LLM-backed agent; built by LangChain4j's AiServices with the {@link AgentTools} bean. */
interface SiteAgent {

    Result<String> answer(@UserMessage String question);
}
