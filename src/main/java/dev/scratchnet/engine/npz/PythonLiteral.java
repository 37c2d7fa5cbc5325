package dev.scratchnet.engine.npz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the Python literal an {@code .npy} header holds, such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (784, 50), }}.
 * NumPy reads it with {@code ast.literal_eval}; this accepts the subset that literal can hold in a well-formed
 * header (strings, booleans, integers, tuples, lists, one dict) and refuses anything else rather than guessing.
 */
final class PythonLiteral {

    /** A Python tuple, kept apart from a list because NumPy insists the shape is a tuple. */
    record Tuple(List<Object> items) {}

    // A header is at most 10 000 characters; without a bound "((((…" would exhaust the stack.
    private static final int MAX_NESTING = 8;

    private final String entry;
    private final String text;
    private int position;

    private PythonLiteral(String entry, String text) {
        this.entry = entry;
        this.text = text;
    }

    /** Parses {@code text} as a dict literal; {@code entry} names the array in error messages. */
    static Map<String, Object> parseDict(String entry, String text) {
        PythonLiteral parser = new PythonLiteral(entry, text);
        parser.skipSpace();
        if (!parser.at('{')) {
            throw parser.refuse("'{'");
        }
        Map<String, Object> dict = parser.dict(0);
        parser.skipSpace();
        if (parser.position != text.length()) {
            throw parser.refuse("the end of the header");
        }
        return dict;
    }

    /** Writes a parsed value back as Python prints it, for messages: {@code [('x', '<f4')]}. */
    static String repr(Object value) {
        if (value instanceof String string) {
            return "'" + string + "'";
        }
        if (value instanceof Boolean bool) {
            return bool ? "True" : "False";
        }
        if (value instanceof Tuple tuple) {
            String items = join(tuple.items());
            return "(" + items + (tuple.items().size() == 1 ? ",)" : ")");
        }
        if (value instanceof List<?> list) {
            return "[" + join(list) + "]";
        }
        return String.valueOf(value);
    }

    private static String join(List<?> items) {
        return String.join(", ", items.stream().map(PythonLiteral::repr).toList());
    }

    private Map<String, Object> dict(int depth) {
        position++;
        Map<String, Object> dict = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            if (at('}')) {
                position++;
                return dict;
            }
            if (!at('\'') && !at('"')) {
                throw refuse("a quoted key or '}'");
            }
            String key = string();
            skipSpace();
            expect(':');
            if (dict.put(key, value(depth + 1)) != null) {
                throw new NpzFormatException(entry + ": header repeats the key '" + key + "'");
            }
            if (!comma('}')) {
                throw refuse("',' or '}'");
            }
        }
    }

    private Object value(int depth) {
        if (depth > MAX_NESTING) {
            throw new NpzFormatException(entry + ": header nests deeper than " + MAX_NESTING + " levels");
        }
        skipSpace();
        if (position >= text.length()) {
            throw refuse("a value");
        }
        char c = text.charAt(position);
        if (c == '\'' || c == '"') {
            return string();
        }
        if (c == '(') {
            return new Tuple(sequence(')', depth));
        }
        if (c == '[') {
            return sequence(']', depth);
        }
        if (c >= '0' && c <= '9') {
            return integer();
        }
        if (text.startsWith("True", position)) {
            position += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("False", position)) {
            position += 5;
            return Boolean.FALSE;
        }
        throw refuse("a string, number, boolean, tuple or list");
    }

    private List<Object> sequence(char close, int depth) {
        position++;
        List<Object> items = new ArrayList<>();
        while (true) {
            skipSpace();
            if (at(close)) {
                position++;
                return items;
            }
            items.add(value(depth + 1));
            if (!comma(close)) {
                throw refuse("',' or '" + close + "'");
            }
        }
    }

    /** Consumes a ',' and returns true, or returns true before {@code close}, or false on anything else. */
    private boolean comma(char close) {
        skipSpace();
        if (at(',')) {
            position++;
            return true;
        }
        return at(close);
    }

    private String string() {
        char quote = text.charAt(position);
        int end = text.indexOf(quote, position + 1);
        if (end < 0) {
            throw new NpzFormatException(entry + ": header has an unterminated string at offset " + position);
        }
        String value = text.substring(position + 1, end);
        if (value.indexOf('\\') >= 0) {
            throw new NpzFormatException(entry + ": header string " + text.substring(position, end + 1)
                    + " has an escape; dtype and key names never need one");
        }
        position = end + 1;
        return value;
    }

    private Long integer() {
        int start = position;
        while (position < text.length() && text.charAt(position) >= '0' && text.charAt(position) <= '9') {
            position++;
        }
        String digits = text.substring(start, position);
        // Python 2's NumPy wrote long integers with a suffix: (784L, 50L).
        if (at('L')) {
            position++;
        }
        if (digits.length() > 18) {
            throw new NpzFormatException(entry + ": header number " + digits + " is too large");
        }
        return Long.parseLong(digits);
    }

    private void expect(char c) {
        if (!at(c)) {
            throw refuse("'" + c + "'");
        }
        position++;
    }

    private boolean at(char c) {
        return position < text.length() && text.charAt(position) == c;
    }

    private void skipSpace() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private NpzFormatException refuse(String expected) {
        String found = position < text.length() ? "'" + text.charAt(position) + "'" : "the end";
        return new NpzFormatException(entry + ": header is not the Python dict NumPy writes: expected " + expected
                + " at offset " + position + ", found " + found);
    }
}
