/**
 * The contract between the orchestrator and its bots, compiled by both sides: every message of
 * the two HTTP directions as a plain record, and {@link dev.wabots.contract.ContractJson}, the one
 * codec both use (snake_case names, ISO-8601 times, nulls written, unknown fields ignored so that
 * a bot and an orchestrator one version apart still understand each other).
 *
 * <p>Bot → orchestrator: {@link dev.wabots.contract.ChatRequest} / {@link
 * dev.wabots.contract.ChatAnswer} ({@code POST /internal/chat}), {@link
 * dev.wabots.contract.SpeechRequest} ({@code POST /internal/speech}). Orchestrator → bot: {@link
 * dev.wabots.contract.BotConfiguration} ({@code GET /internal/config}, which the bot asks for),
 * the funnel report and log lines ({@code GET /internal/report}, {@code /internal/logs} on the
 * bot's port, with the orchestrator's credential).
 */
package dev.wabots.contract;
