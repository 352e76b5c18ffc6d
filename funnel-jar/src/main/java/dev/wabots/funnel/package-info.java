/**
 * The sales funnel of {@code docs/FUNNEL.md}: a validated, data-driven {@link
 * dev.wabots.funnel.FunnelDefinition}, the pure {@link dev.wabots.funnel.FunnelEngine}, the
 * {@link dev.wabots.funnel.QuoteCalculator}, the {@link dev.wabots.funnel.FunnelReport}, and the
 * one-call facade {@link dev.wabots.funnel.Funnel} over a {@link dev.wabots.funnel.FunnelStore}.
 */
package dev.wabots.funnel;
