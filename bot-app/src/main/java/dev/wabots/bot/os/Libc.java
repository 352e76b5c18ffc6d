package dev.wabots.bot.os;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Functions of the C library, through the foreign function API (JDK 22+). Linked by reflection so
 * the bot still compiles for and runs on JDK 17, where {@link #available()} is false and the
 * callers do without.
 */
public final class Libc {

  private Libc() {}

  /** Whether this JVM can call the C library at all. */
  public static boolean available() {
    return Runtime.version().feature() >= 22;
  }

  /**
   * A handle on {@code int name(int, …)}: {@code ints} parameters of type {@code int}, then
   * {@code variadicLongs} arguments passed as {@code long} in a variadic list (as {@code prctl}
   * takes them); {@code variadicLongs = 0} for a function that is not variadic.
   */
  public static MethodHandle intFunction(String name, int ints, int variadicLongs) throws ReflectiveOperationException {
    if (!available()) {
      throw new UnsupportedOperationException("calling " + name + " needs JDK 22 or later, this is " + Runtime.version());
    }
    Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
    Class<?> lookupType = Class.forName("java.lang.foreign.SymbolLookup");
    Class<?> segmentType = Class.forName("java.lang.foreign.MemorySegment");
    Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
    Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
    Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");
    Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout");
    Object linker = linkerType.getMethod("nativeLinker").invoke(null);
    Object lookup = linkerType.getMethod("defaultLookup").invoke(linker);
    Optional<?> address = (Optional<?>) lookupType.getMethod("find", String.class).invoke(lookup, name);
    if (address.isEmpty()) {
      throw new NoSuchMethodException(name + " is not in the C library");
    }
    Object javaInt = valueLayout.getField("JAVA_INT").get(null);
    Object javaLong = valueLayout.getField("JAVA_LONG").get(null);
    Object arguments = Array.newInstance(layoutType, ints + variadicLongs);
    for (int i = 0; i < ints + variadicLongs; i++) {
      Array.set(arguments, i, i < ints ? javaInt : javaLong);
    }
    Object descriptor = descriptorType.getMethod("of", layoutType, arguments.getClass()).invoke(null, javaInt, arguments);
    Object options = Array.newInstance(optionType, variadicLongs > 0 ? 1 : 0);
    if (variadicLongs > 0) {
      Array.set(options, 0, optionType.getMethod("firstVariadicArg", int.class).invoke(null, ints));
    }
    Method downcall = linkerType.getMethod("downcallHandle", segmentType, descriptorType, options.getClass());
    return (MethodHandle) downcall.invoke(linker, address.get(), descriptor, options);
  }
}
