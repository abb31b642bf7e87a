// json_tree.cpp: the JSON tree of a care history (nlohmann's SAX parser, numbers kept as text)
// and the names of places and values in messages.
#include "runtime/history/json_tree.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <utility>

namespace carecap::history_json {

namespace {

// The host's limits (lang/limits.h) keep a hostile or broken document from exhausting memory or the
// stack; a real care history is a few kilobytes and four levels deep.
class TreeBuilder {
public:
    using json = nlohmann::json;

    std::optional<Node> root;
    std::optional<HistoryError> failure;

    TreeBuilder(std::string_view text, std::string_view source, const Limits& limits)
        : text_(text), source_(source), limits_(limits) {}

    bool null() { return add(Node{}); }
    bool boolean(bool value) {
        Node n;
        n.kind = Node::Kind::boolean;
        n.flag = value;
        return add(std::move(n));
    }
    bool number_integer(json::number_integer_t value) { return add(number(std::to_string(value))); }
    bool number_unsigned(json::number_unsigned_t value) { return add(number(std::to_string(value))); }
    // The parser hands over its binary double conversion (the only double in
    // carecap, forced by this callback's signature); it is ignored and the raw
    // text is kept instead, so 700.1 stays exactly 700.1.
    bool number_float(json::number_float_t /*inexact, unused*/, const json::string_t& raw) {
        std::string exact = raw;
        // The lexer writes the C locale's decimal point into the token; put
        // back the '.' that was in the document whatever the locale is.
        for (char& c : exact) {
            const bool numeric = (c >= '0' && c <= '9') || c == '-' || c == '+' || c == 'e' || c == 'E';
            if (!numeric) c = '.';
        }
        return add(number(std::move(exact)));
    }
    bool string(json::string_t& value) {
        Node n;
        n.kind = Node::Kind::string;
        n.text = std::move(value);
        return add(std::move(n));
    }
    bool binary(json::binary_t& /*value*/) { return false; } // JSON text never produces one
    bool start_object(std::size_t /*elements*/) { return open(Node::Kind::object); }
    bool key(json::string_t& name) {
        stack_.back().keys.push_back(std::move(name));
        return true;
    }
    bool end_object() { return close(); }
    bool start_array(std::size_t /*elements*/) { return open(Node::Kind::array); }
    bool end_array() { return close(); }
    bool parse_error(std::size_t position, const std::string& /*last_token*/,
                     const nlohmann::detail::exception& ex) {
        const auto [line, column] = line_and_column(position);
        failure = HistoryError{"", "invalid JSON in " + std::string(source_) + " at line " +
                                       std::to_string(line) + ", column " + std::to_string(column) +
                                       ": " + explanation(ex.what())};
        return false;
    }

private:
    static Node number(std::string text) {
        Node n;
        n.kind = Node::Kind::number;
        n.text = std::move(text);
        return n;
    }

    bool open(Node::Kind kind) {
        // A host that sets the limit in C++ is held to the same ceiling as `--limit` (lang/limits.h).
        const std::size_t depth = std::min(limits_.history_depth, Limits::max_history_depth);
        if (stack_.size() >= depth) {
            failure = HistoryError{"", "the document is nested more than " + std::to_string(depth) +
                                           " levels deep (the limit history_depth)"};
            return false;
        }
        Node n;
        n.kind = kind;
        stack_.push_back(std::move(n));
        return true;
    }

    bool close() {
        Node done = std::move(stack_.back());
        stack_.pop_back();
        return add(std::move(done));
    }

    bool add(Node n) {
        if (stack_.empty()) {
            root = std::move(n);
            return true;
        }
        Node& parent = stack_.back();
        if (parent.kind == Node::Kind::array && ++array_items_ > limits_.history_items) {
            failure = HistoryError{"", "the document has more than " + std::to_string(limits_.history_items) +
                                           " array items in total (the limit history_items)"};
            return false;
        }
        parent.items.push_back(std::move(n));
        return true;
    }

    // The parser reports a count of characters read, which is one past the
    // character at fault; counting lines here points at that character itself
    // even when it is a newline inside a string.
    std::pair<std::size_t, std::size_t> line_and_column(std::size_t position) const {
        const std::size_t at = std::min(position == 0 ? 0 : position - 1, text_.size());
        std::size_t line = 1;
        std::size_t line_start = 0;
        for (std::size_t i = 0; i < at; ++i) {
            if (text_[i] == '\n') {
                ++line;
                line_start = i + 1;
            }
        }
        return {line, at - line_start + 1};
    }

    // nlohmann's text starts "[json.exception.parse_error.101] parse error at
    // line 1, column 2: "; only the explanation after that is worth showing,
    // since the position is given in our own terms.
    static std::string explanation(std::string what) {
        if (!what.empty() && what.front() == '[') {
            const auto close_bracket = what.find("] ");
            if (close_bracket != std::string::npos) what.erase(0, close_bracket + 2);
        }
        if (what.rfind("parse error", 0) == 0) {
            const auto colon = what.find(": ");
            if (colon != std::string::npos) what.erase(0, colon + 2);
        }
        return what;
    }

    std::string_view text_;
    std::string_view source_;
    std::vector<Node> stack_;
    std::size_t array_items_ = 0;
    const Limits& limits_;
};

// A member name that a path can show after a dot.
bool is_identifier(std::string_view name) {
    if (name.empty()) return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        const bool digit = c >= '0' && c <= '9';
        if (!letter && !(digit && i > 0)) return false;
    }
    return true;
}

} // namespace

std::optional<Node> parse_tree(std::string_view text, std::string_view source, const Limits& limits,
                               HistoryError& failure) {
    // nlohmann's lexer takes a NUL byte for the end of the input, so the rest of a history after one
    // would be dropped without a word; a raw NUL is never valid JSON (RFC 8259: not even in a string).
    if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
        const std::string_view before = text.substr(0, nul);
        const std::size_t line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
        const std::size_t line_start = before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
        failure = HistoryError{"", "invalid JSON in " + std::string(source) + " at line " + std::to_string(line) +
                                       ", column " + std::to_string(nul - line_start + 1) +
                                       ": a NUL byte (0x00), which JSON does not allow anywhere"};
        return std::nullopt;
    }
    TreeBuilder builder(text, source, limits);
    const bool parsed = nlohmann::json::sax_parse(text.data(), text.data() + text.size(), &builder);
    if (parsed && builder.root) return std::move(builder.root);
    failure = builder.failure.value_or(HistoryError{"", "invalid JSON in " + std::string(source)});
    return std::nullopt;
}

// Text shown between quotes: control characters escaped so a message stays on
// one line, and long values cut (at a UTF-8 boundary) so it stays readable.
std::string in_quotes(std::string_view text) {
    constexpr std::size_t max_shown = 60;
    std::string out = "\"";
    std::size_t shown = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        const bool continuation = (byte & 0xC0U) == 0x80U;
        if (!continuation && shown++ == max_shown) {
            out += "...";
            break;
        }
        if (byte == '"' || byte == '\\') {
            out += '\\';
            out += text[i];
        } else if (byte < 0x20U) {
            constexpr char hex[] = "0123456789abcdef";
            out += "\\u00";
            out += hex[byte >> 4U];
            out += hex[byte & 0x0FU];
        } else {
            out += text[i];
        }
    }
    out += '"';
    return out;
}

std::string member_path(const std::string& parent, std::string_view name) {
    if (is_identifier(name)) return parent.empty() ? std::string(name) : parent + "." + std::string(name);
    return parent + "[" + in_quotes(name) + "]";
}

std::string item_path(const std::string& parent, std::size_t index) {
    return parent + "[" + std::to_string(index) + "]";
}

// The kind of a value, for "expected X, found Y" when the kind is wrong.
std::string kind_of(const Node& n) {
    switch (n.kind) {
    case Node::Kind::null: return "null";
    case Node::Kind::boolean: return n.flag ? "a boolean (true)" : "a boolean (false)";
    case Node::Kind::number: return "a number";
    case Node::Kind::string: return "a string";
    case Node::Kind::array: return "an array";
    case Node::Kind::object: return "an object";
    }
    return "a value";
}

// A scalar as it was written in the document, for messages about its value.
std::string as_written(const Node& n) {
    if (n.kind == Node::Kind::string) return in_quotes(n.text);
    if (n.kind == Node::Kind::number) return n.text;
    return kind_of(n);
}

} // namespace carecap::history_json
