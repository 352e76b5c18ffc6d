package dev.wabots.platform;

import java.util.Hashtable;
import org.eclipse.persistence.internal.databaseaccess.DatabaseCall;
import org.eclipse.persistence.internal.databaseaccess.FieldTypeDefinition;
import org.eclipse.persistence.internal.expressions.ExpressionSQLPrinter;
import org.eclipse.persistence.internal.expressions.SQLSelectStatement;
import org.eclipse.persistence.platform.database.DatabasePlatform;
import org.eclipse.persistence.queries.ValueReadQuery;

/**
 * EclipseLink has no SQLite platform, and the generic one gets generated ids wrong (it never asks
 * for them) and pages in memory. This one reads identities with {@code last_insert_rowid()}, pages
 * with {@code LIMIT ? OFFSET ?} and names SQLite's storage classes. It touches EclipseLink internals,
 * so it is tied to the EclipseLink that Payara bundles (4.0.x).
 */
public class SQLitePlatform extends DatabasePlatform {

  @Override
  public boolean supportsIdentity() {
    return true;
  }

  @Override
  public ValueReadQuery buildSelectQueryForIdentity() {
    return new ValueReadQuery("SELECT last_insert_rowid()");
  }

  @Override
  public boolean supportsSequenceObjects() {
    return false;
  }

  @Override
  public boolean supportsForeignKeyConstraints() {
    return true;
  }

  @Override
  public boolean supportsGlobalTempTables() {
    return false;
  }

  @Override
  public boolean supportsLocalTempTables() {
    return false;
  }

  @Override
  public boolean isDynamicSQLRequiredForFunctions() {
    return false;
  }

  @Override
  public String getSelectForUpdateString() {
    // SQLite locks the whole database for a write transaction; there is no row lock clause.
    return "";
  }

  @Override
  public void printSQLSelectStatement(
      DatabaseCall call, ExpressionSQLPrinter printer, SQLSelectStatement statement) {
    int max = statement.getQuery() == null ? 0 : statement.getQuery().getMaxRows();
    if (max <= 0 || !shouldUseRownumFiltering()) {
      super.printSQLSelectStatement(call, printer, statement);
      return;
    }
    statement.setUseUniqueFieldAliases(true);
    call.setFields(statement.printSQL(printer));
    printer.printString(" LIMIT ");
    printer.printParameter(DatabaseCall.MAXROW_FIELD);
    printer.printString(" OFFSET ");
    printer.printParameter(DatabaseCall.FIRSTRESULT_FIELD);
    call.setIgnoreFirstRowSetting(true);
    call.setIgnoreMaxResultsSetting(true);
  }

  @Override
  public int computeMaxRowsForSQL(int firstResultIndex, int maxResults) {
    // EclipseLink hands over "first + count"; LIMIT wants the count.
    return maxResults - Math.max(firstResultIndex, 0);
  }

  @Override
  protected Hashtable<Class<?>, FieldTypeDefinition> buildFieldTypes() {
    Hashtable<Class<?>, FieldTypeDefinition> types = new Hashtable<>();
    FieldTypeDefinition integer = new FieldTypeDefinition("INTEGER", false);
    FieldTypeDefinition real = new FieldTypeDefinition("REAL", false);
    FieldTypeDefinition text = new FieldTypeDefinition("TEXT", false);
    FieldTypeDefinition blob = new FieldTypeDefinition("BLOB", false);
    for (Class<?> c :
        new Class<?>[] {
          Boolean.class, Integer.class, Long.class, Short.class, Byte.class,
          java.math.BigInteger.class
        }) {
      types.put(c, integer);
    }
    types.put(Float.class, real);
    types.put(Double.class, real);
    types.put(java.math.BigDecimal.class, text);
    types.put(String.class, text);
    types.put(Character.class, text);
    types.put(char[].class, text);
    types.put(Character[].class, text);
    types.put(byte[].class, blob);
    types.put(Byte[].class, blob);
    types.put(java.sql.Date.class, text);
    types.put(java.sql.Time.class, text);
    types.put(java.sql.Timestamp.class, text);
    return types;
  }
}
