// limits.cpp: naming and setting the host's limits (limits.h).
#include "lang/limits.h"

#include <charconv>
#include <limits>

namespace carecap {

namespace {

// Each limit's name, what it bounds, and where it lives in Limits: one table, so that a new limit is
// one row here and one member there.
struct Row {
    LimitInfo info;
    std::size_t Limits::*size = nullptr;
    std::uint64_t Limits::*count = nullptr;
};

const std::vector<Row>& rows() {
    static const std::vector<Row> table = {
        {{"rule_file_bytes", "bytes in each rule file"}, &Limits::rule_file_bytes, nullptr},
        {{"amends_depth", "rule files an amended chain may reach back through"}, &Limits::amends_depth, nullptr},
        {{"nesting_depth", "levels of brackets, operators and calls in one expression (at most 1000)"},
         &Limits::nesting_depth, nullptr},
        {{"declarations", "declarations in one rule set, amended files included"}, &Limits::declarations, nullptr},
        {{"evaluation_depth", "levels of expression one inside another when a value is worked out, through the "
                              "definitions it uses (at most 4000)"},
         &Limits::evaluation_depth, nullptr},
        {{"evaluation_steps", "expression steps evaluated for one stretch of a care history (a run of days with the same facts)"}, nullptr, &Limits::evaluation_steps},
        {{"value_bits", "bits of the numerator or of the denominator of any one exact value worked out"},
         &Limits::value_bits, nullptr},
        {{"history_stretches", "stretches (runs of days with the same facts) one care history's timeline is cut into"},
         &Limits::history_stretches, nullptr},
        {{"history_bytes", "bytes of care history JSON"}, &Limits::history_bytes, nullptr},
        {{"history_items", "array items in one care history, in all (periods, events, income...)"},
         &Limits::history_items, nullptr},
        {{"history_depth", "levels of nested objects and arrays in a care history"}, &Limits::history_depth, nullptr},
    };
    return table;
}

const Row* find(const std::string& name) {
    for (const Row& r : rows())
        if (name == r.info.name) return &r;
    return nullptr;
}

} // namespace

const std::vector<LimitInfo>& limit_names() {
    static const std::vector<LimitInfo> names = [] {
        std::vector<LimitInfo> out;
        for (const Row& r : rows()) out.push_back(r.info);
        return out;
    }();
    return names;
}

std::optional<std::string> set_limit(Limits& limits, const std::string& name, const std::string& value) {
    const Row* row = find(name);
    if (!row) {
        std::string known;
        for (const Row& r : rows()) known += std::string(known.empty() ? "" : ", ") + r.info.name;
        return "there is no limit called `" + name + "` (the limits are " + known + ")";
    }
    std::uint64_t n = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (value.empty() || ec != std::errc() || end != value.data() + value.size() || n == 0)
        return "the limit " + name + " must be a whole number above 0, not \"" + value + "\"";
    if (row->size) {
        if (n > std::numeric_limits<std::size_t>::max()) return "the limit " + name + " is too large";
        if (row->size == &Limits::nesting_depth && n > Limits::max_nesting_depth)
            return "the limit nesting_depth can be at most " + std::to_string(Limits::max_nesting_depth) +
                   ": deeper expressions could exhaust the stack";
        if (row->size == &Limits::history_depth && n > Limits::max_history_depth)
            return "the limit history_depth can be at most " + std::to_string(Limits::max_history_depth) +
                   ": a deeper history's tree could exhaust the stack when it is freed";
        if (row->size == &Limits::evaluation_depth && n > Limits::max_evaluation_depth)
            return "the limit evaluation_depth can be at most " + std::to_string(Limits::max_evaluation_depth) +
                   ": deeper evaluation could exhaust the stack";
        limits.*(row->size) = static_cast<std::size_t>(n);
    } else {
        limits.*(row->count) = n;
    }
    return std::nullopt;
}

std::string limit_value(const Limits& limits, const std::string& name) {
    const Row* row = find(name);
    if (!row) return "?";
    return row->size ? std::to_string(limits.*(row->size)) : std::to_string(limits.*(row->count));
}

} // namespace carecap
