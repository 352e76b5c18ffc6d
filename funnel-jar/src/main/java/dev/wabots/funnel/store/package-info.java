/**
 * SQLite for a bot's file: the transaction seam {@link dev.wabots.funnel.store.Transactions} (work
 * on a {@link dev.wabots.funnel.store.Session}, no JDBC types), its implementation {@link
 * dev.wabots.funnel.store.SqliteDatabase} (the file's one owner), and the funnel's tables over it
 * ({@link dev.wabots.funnel.store.SqliteFunnelStore}, Flyway migrations under {@code
 * dev/wabots/funnel/store/migration}).
 */
package dev.wabots.funnel.store;
