// json_tree.h: a care history's JSON read into a tree that keeps every number as the text it
// was written as, so that money never passes through binary floating point; and how places and
// values in that tree are named in messages. history.cpp reads the care history format from it.
#pragma once

#include "lang/limits.h"
#include "runtime/history/history.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace carecap::history_json {

struct Node {
    enum class Kind { null, boolean, number, string, array, object };
    Kind kind = Kind::null;
    bool flag = false;
    std::string text;               // a string's value, or a number's text
    std::vector<Node> items;        // array elements, or object member values
    std::vector<std::string> keys;  // object member names, parallel to items
};

// Parses `text` (named `source` in messages) within the host's limits (history_bytes is the
// caller's to check; the depth and the number of array items are checked here). Nothing, with
// `failure` set to the line and column and what is wrong, when it is not JSON or over a limit.
std::optional<Node> parse_tree(std::string_view text, std::string_view source, const Limits& limits,
                               HistoryError& failure);

// The path of a member or an item below `parent`, as messages show it: care_periods[0].start,
// or person["odd name"].
std::string member_path(const std::string& parent, std::string_view name);
std::string item_path(const std::string& parent, std::size_t index);

// Text between quotes, control characters escaped and long values cut, for messages.
std::string in_quotes(std::string_view text);

// The kind of a value ("a string"), for "expected X, found Y".
std::string kind_of(const Node& n);

// A scalar as it was written in the document, for messages about its value.
std::string as_written(const Node& n);

} // namespace carecap::history_json
