package dev.wabots.admin.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a node of a funnel definition ({@code screens.menu.buttons[1].title}) is in its JSON text,
 * for the JSON view's problems: the line and column of the node, or of its nearest enclosing node
 * that exists (a missing field points at its object).
 */
final class JsonLocations {

  private static final JsonFactory JSON = new JsonFactory();
  private static final Pattern SEGMENT = Pattern.compile("([^.\\[]+)|\\[(\\d+)]");

  private JsonLocations() {}

  /** A position in the text, 1-based. */
  record At(long line, long column) {}

  static Optional<At> of(String json, String node) {
    if (json == null || node == null || node.isBlank()) {
      return Optional.empty();
    }
    List<String> target = segments(node.replaceFirst(" \\(.*\\)$", ""));
    Deque<Frame> frames = new ArrayDeque<>();
    At best = null;
    int bestDepth = 0;
    try (JsonParser parser = JSON.createParser(json)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        switch (token) {
          case FIELD_NAME -> frames.peek().key = parser.currentName();
          case END_OBJECT, END_ARRAY -> {
            frames.pop();
            next(frames);
          }
          default -> {
            List<String> path = path(frames);
            int depth = prefix(path, target);
            if (depth == path.size() && depth > bestDepth) {
              JsonLocation at = parser.currentTokenLocation();
              best = new At(at.getLineNr(), at.getColumnNr());
              bestDepth = depth;
              if (depth == target.size()) {
                return Optional.of(best);
              }
            }
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
              frames.push(new Frame(token == JsonToken.START_ARRAY));
            } else {
              next(frames);
            }
          }
        }
      }
    } catch (IOException e) {
      // A text that does not parse: its problem says where.
    }
    return Optional.ofNullable(best);
  }

  private static void next(Deque<Frame> frames) {
    Frame top = frames.peek();
    if (top != null && top.array) {
      top.index++;
    }
  }

  private static List<String> path(Deque<Frame> frames) {
    List<String> path = new ArrayList<>();
    frames.descendingIterator().forEachRemaining(f -> path.add(f.array ? "[" + f.index + "]" : f.key));
    return path;
  }

  private static int prefix(List<String> path, List<String> target) {
    int n = 0;
    while (n < path.size() && n < target.size() && target.get(n).equals(path.get(n))) {
      n++;
    }
    return n;
  }

  static List<String> segments(String node) {
    List<String> segments = new ArrayList<>();
    Matcher m = SEGMENT.matcher(node);
    while (m.find()) {
      segments.add(m.group(1) != null ? m.group(1) : "[" + m.group(2) + "]");
    }
    return segments;
  }

  private static final class Frame {
    final boolean array;
    String key;
    int index;

    Frame(boolean array) {
      this.array = array;
    }
  }
}
