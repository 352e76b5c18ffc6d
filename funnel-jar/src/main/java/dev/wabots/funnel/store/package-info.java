/**
 * The per-bot SQLite store of the funnel ({@link dev.wabots.funnel.store.SqliteFunnelStore}),
 * with Flyway migrations under {@code dev/wabots/funnel/store/migration}.
 */
package dev.wabots.funnel.store;
