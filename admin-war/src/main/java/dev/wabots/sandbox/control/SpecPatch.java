package dev.wabots.sandbox.control;

import tools.jackson.core.JsonPointer;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One edit of Meta's OpenAPI document, addressed by a JSON pointer (RFC 6901), with the reason we
 * need it. The operations follow JSON Patch (RFC 6902) but stricter, so that a new version of the
 * file cannot be patched silently: {@code add} refuses to overwrite an existing member, and
 * {@code replace}/{@code remove} need an existing target.
 *
 * @param op what to do
 * @param pointer where, e.g. {@code /components/schemas/Message/oneOf/-}
 * @param value the JSON value to add, replace with or compare to (null for remove)
 * @param reason one line: why Meta's file needs this edit
 */
record SpecPatch(Op op, String pointer, JsonNode value, String reason) {

  /** Patch values are JSON; single-quoted strings are allowed to keep them readable in Java. */
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();

  /** The supported operations. */
  enum Op {
    TEST,
    ADD,
    REPLACE,
    REMOVE
  }

  static SpecPatch test(String pointer, String json, String reason) {
    return new SpecPatch(Op.TEST, pointer, JSON.readTree(json), reason);
  }

  static SpecPatch add(String pointer, String json, String reason) {
    return new SpecPatch(Op.ADD, pointer, JSON.readTree(json), reason);
  }

  static SpecPatch replace(String pointer, String json, String reason) {
    return new SpecPatch(Op.REPLACE, pointer, JSON.readTree(json), reason);
  }

  static SpecPatch remove(String pointer, String reason) {
    return new SpecPatch(Op.REMOVE, pointer, null, reason);
  }

  /**
   * Applies this edit to {@code document} in place.
   *
   * @throws SpecPatchException when the pointer does not resolve or a test fails
   */
  void applyTo(JsonNode document) {
    JsonPointer target = JsonPointer.compile(pointer);
    if (target.matches()) {
      throw failure("the document root cannot be patched");
    }
    if (op == Op.TEST) {
      JsonNode actual = document.at(target);
      if (actual.isMissingNode()) {
        throw failure("nothing at " + pointer);
      }
      if (!actual.equals(value)) {
        throw failure("expected " + value + " but found " + actual);
      }
      return;
    }
    JsonNode parent = document.at(target.head());
    String last = target.last().getMatchingProperty();
    if (parent instanceof ObjectNode object) {
      applyToObject(object, last);
    } else if (parent instanceof ArrayNode array) {
      applyToArray(array, last);
    } else {
      throw failure("no object or array at " + target.head());
    }
  }

  private void applyToObject(ObjectNode object, String name) {
    boolean present = object.has(name);
    switch (op) {
      case ADD -> {
        if (present) {
          throw failure("'" + name + "' already exists (has Meta fixed this? review the patch)");
        }
        object.set(name, value.deepCopy());
      }
      case REPLACE -> {
        requirePresent(present, name);
        object.set(name, value.deepCopy());
      }
      case REMOVE -> {
        requirePresent(present, name);
        object.remove(name);
      }
      default -> throw new IllegalStateException(op.name());
    }
  }

  private void applyToArray(ArrayNode array, String segment) {
    if (op == Op.ADD && "-".equals(segment)) {
      array.add(value.deepCopy());
      return;
    }
    int index = index(segment);
    boolean present = index >= 0 && index < array.size();
    switch (op) {
      case ADD -> {
        if (index < 0 || index > array.size()) {
          throw failure("index " + segment + " is outside the array of " + array.size());
        }
        array.insert(index, value.deepCopy());
      }
      case REPLACE -> {
        requirePresent(present, segment);
        array.set(index, value.deepCopy());
      }
      case REMOVE -> {
        requirePresent(present, segment);
        array.remove(index);
      }
      default -> throw new IllegalStateException(op.name());
    }
  }

  private void requirePresent(boolean present, String name) {
    if (!present) {
      throw failure("'" + name + "' does not exist");
    }
  }

  private static int index(String segment) {
    try {
      return Integer.parseInt(segment);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private SpecPatchException failure(String why) {
    return new SpecPatchException(this, why);
  }

  @Override
  public String toString() {
    return op.name().toLowerCase(java.util.Locale.ROOT) + " " + pointer + " (" + reason + ")";
  }
}
