// history_reader.h: reading the care history's JSON tree field by field, each problem reported with
// its path. history.cpp reads the format with it; kept apart so the format's parts stay small files.
#pragma once

#include "stdlib/date.h"
#include "stdlib/decimal.h"
#include "runtime/history/history.h"
#include "runtime/history/json_tree.h"

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace carecap::history_read {

using namespace history_json;

// Optimal string alignment distance: edits, counting a swap of two adjacent
// letters as one, since "wekly" and "weekyl" are the usual slips.
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1, 0));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.size()][b.size()];
}

inline std::string lowercase(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

inline std::optional<std::string_view> suggestion(std::string_view unknown, std::initializer_list<std::string_view> known) {
    // Names far from every known one are more likely deliberate than a typo,
    // and a wrong suggestion misleads more than none.
    const std::string lower = lowercase(unknown);
    std::optional<std::string_view> best;
    std::size_t best_distance = 0;
    for (const auto name : known) {
        const std::size_t distance = edit_distance(lower, name);
        const std::size_t allowed = std::max<std::size_t>(2, name.size() / 3);
        if (distance <= allowed && (!best || distance < best_distance)) {
            best = name;
            best_distance = distance;
        }
    }
    return best;
}

// ---------------------------------------------------------------------------
// Reading values. A Read is absent (no value, not bad), good (a value) or bad
// (an error has been recorded): cross-field checks run only on good values so
// one mistake is reported once, not again as every check it spoils.

template <typename T>
struct Read {
    std::optional<T> value;
    bool bad = false;
    bool absent() const { return !value && !bad; }
};

enum class Need { required, optional };

class Reader {
public:
    explicit Reader(std::vector<HistoryError>& errors) : errors_(errors) {}

    void error(std::string path, std::string message) {
        errors_.push_back(HistoryError{std::move(path), std::move(message)});
    }

    // Reports unknown and repeated names; true if the value is an object.
    bool object(const Node& n, const std::string& path, std::initializer_list<std::string_view> known,
                std::string_view what) {
        if (n.kind != Node::Kind::object) {
            error(path, "expected " + std::string(what) + " (an object), found " + kind_of(n));
            return false;
        }
        std::map<std::string_view, std::size_t> seen;
        for (const auto& name : n.keys) {
            const std::string here = member_path(path, name);
            if (std::find(known.begin(), known.end(), name) == known.end()) {
                std::string message = "unknown field " + in_quotes(name);
                if (const auto near = suggestion(name, known)) {
                    message += " (did you mean " + in_quotes(*near) + "?)";
                } else {
                    std::string list;
                    for (const auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
                    message += " (expected one of: " + list + ")";
                }
                error(here, std::move(message));
            } else if (++seen[name] == 2) {
                error(here, "duplicate field " + in_quotes(name) + " (only the first may be given)");
            }
        }
        return true;
    }

    // The first member called `name`, or nothing; reports it if required.
    const Node* member(const Node& obj, const std::string& path, std::string_view name, Need need) {
        for (std::size_t i = 0; i < obj.keys.size(); ++i)
            if (obj.keys[i] == name) return &obj.items[i];
        if (need == Need::required) error(path, "missing required field " + in_quotes(name));
        return nullptr;
    }

    // Null in an optional field is refused rather than read as "absent", so
    // the document has one spelling for "none"; the message says which.
    template <typename T>
    Read<T> wrong_kind(const Node& n, const std::string& path, std::string_view name, Need need,
                       const std::string& expected) {
        std::string message = "expected " + expected + ", found " + kind_of(n);
        if (n.kind == Node::Kind::null && need == Need::optional)
            message += " (leave " + in_quotes(name) + " out if there is none)";
        error(path, std::move(message));
        return Read<T>{std::nullopt, true};
    }

    Read<std::string> text(const Node& obj, const std::string& path, std::string_view name, Need need) {
        const Node* n = member(obj, path, name, need);
        if (!n) return Read<std::string>{std::nullopt, need == Need::required};
        const std::string here = member_path(path, name);
        if (n->kind != Node::Kind::string) return wrong_kind<std::string>(*n, here, name, need, "a string");
        if (n->text.empty()) {
            error(here, "expected a non-empty string, found \"\"");
            return Read<std::string>{std::nullopt, true};
        }
        return Read<std::string>{n->text, false};
    }

    Read<EnumWord> word(const Node& obj, const std::string& path, std::string_view name, Need need) {
        auto t = text(obj, path, name, need);
        if (!t.value) return Read<EnumWord>{std::nullopt, t.bad};
        return Read<EnumWord>{EnumWord{std::move(*t.value), member_path(path, name)}, false};
    }

    Read<bool> boolean(const Node& obj, const std::string& path, std::string_view name, Need need) {
        const Node* n = member(obj, path, name, need);
        if (!n) return Read<bool>{std::nullopt, need == Need::required};
        if (n->kind != Node::Kind::boolean)
            return wrong_kind<bool>(*n, member_path(path, name), name, need, "true or false");
        return Read<bool>{n->flag, false};
    }

    Read<Date> date(const Node& obj, const std::string& path, std::string_view name, Need need) {
        const Node* n = member(obj, path, name, need);
        if (!n) return Read<Date>{std::nullopt, need == Need::required};
        const std::string here = member_path(path, name);
        const std::string expected = "a date \"YYYY-MM-DD\"";
        if (n->kind != Node::Kind::string) return wrong_kind<Date>(*n, here, name, need, expected);
        if (const auto d = Date::parse(n->text)) return Read<Date>{*d, false};
        error(here, "expected " + expected + ", found " + in_quotes(n->text) + why_not_a_date(n->text));
        return Read<Date>{std::nullopt, true};
    }

    Read<Decimal> money(const Node& obj, const std::string& path, std::string_view name, Need need,
                        bool may_be_negative) {
        const Node* n = member(obj, path, name, need);
        if (!n) return Read<Decimal>{std::nullopt, need == Need::required};
        const std::string here = member_path(path, name);
        const std::string expected = "an amount of money like \"700.00\"";
        if (n->kind != Node::Kind::string && n->kind != Node::Kind::number)
            return wrong_kind<Decimal>(*n, here, name, need, expected + " (a string or a number)");
        const std::string& t = n->text;
        const std::string shown = as_written(*n);

        // Checked here, not left to Decimal::parse, so the message can say what
        // is wrong and so the accepted spelling is exactly what docs/history.md says.
        std::size_t i = (!t.empty() && t[0] == '-') ? 1 : 0;
        const std::size_t whole_start = i;
        while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
        bool well_formed = i > whole_start;
        std::size_t places = 0;
        if (well_formed && i < t.size() && t[i] == '.') {
            const std::size_t fraction_start = ++i;
            while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
            places = i - fraction_start;
            well_formed = places > 0;
        }
        well_formed = well_formed && i == t.size();
        if (!well_formed) {
            const bool exponent = n->kind == Node::Kind::number && t.find_first_of("eE") != std::string::npos;
            error(here, "expected " + expected + ", found " + shown +
                            (exponent ? " (write money without an exponent)" : ""));
            return Read<Decimal>{std::nullopt, true};
        }
        if (places > 2) {
            error(here, "at most 2 decimal places (pence), found " + shown);
            return Read<Decimal>{std::nullopt, true};
        }
        const auto value = Decimal::parse(t);
        if (!value) {
            error(here, "expected " + expected + ", found " + shown);
            return Read<Decimal>{std::nullopt, true};
        }
        if (!may_be_negative && value->is_negative()) {
            error(here, "must not be negative, found " + shown);
            return Read<Decimal>{std::nullopt, true};
        }
        return Read<Decimal>{*value, false};
    }

    // The array in `name`, or nothing; each element is then read by the caller.
    const Node* array(const Node& obj, const std::string& path, std::string_view name, Need need, bool& bad) {
        const Node* n = member(obj, path, name, need);
        if (!n) {
            bad = bad || need == Need::required;
            return nullptr;
        }
        if (n->kind != Node::Kind::array) {
            wrong_kind<bool>(*n, member_path(path, name), name, need, "an array");
            bad = true;
            return nullptr;
        }
        return n;
    }

private:
    // A date that has the right shape but does not exist says why, since
    // "2023-02-30" looks right at a glance.
    static std::string why_not_a_date(const std::string& t) {
        const bool shaped = t.size() == 10 && t[4] == '-' && t[7] == '-' &&
                            std::all_of(t.begin(), t.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
        if (!shaped) return "";
        const int year = std::stoi(t.substr(0, 4));
        const int month = std::stoi(t.substr(5, 2));
        if (year < 1800 || year > 2399) return " (years 1800 to 2399 only)";
        if (month < 1 || month > 12) return " (no such month)";
        return " (no such day)";
    }

    std::vector<HistoryError>& errors_;
};

// The deferred payment agreement (runtime/history/deferred_payment.cpp).
void read_deferred_payment(Reader& r, const Node& root, History& h);
// A deferred payment is secured on the home: a history that records none is refused.
void check_deferred_payment(Reader& r, const History& h);

} // namespace carecap::history_read
