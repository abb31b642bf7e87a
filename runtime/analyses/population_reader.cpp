// population_reader.cpp: starting positions from CSV or JSON lines (population_reader.h). Both formats are
// first turned into named fields, so one function reads a person and every message names the column.
#include "runtime/analyses/population_reader.h"

#include "lang/diagnostic.h"
#include "runtime/history/json_tree.h"

#include <algorithm>
#include <utility>

namespace carecap {

namespace {

constexpr std::string_view income_prefix = "income.";
const std::vector<std::string> known_columns = {"id", "age", "date_of_birth", "capital", "property",
                                                "weekly_fees", "setting", "authority"};

struct Field {
    std::string name, text;
};

struct Reader {
    std::string_view source;
    std::size_t max_errors;
    PopulationFile out;

    bool full() const { return out.errors.size() >= max_errors; }
    void error(std::size_t line, const std::string& column, const std::string& message) {
        out.errors.push_back(std::string(source) + ":" + std::to_string(line) + ": " +
                             (column.empty() ? "" : "column " + column + ": ") + message);
    }
    bool person(const std::vector<Field>& fields, std::size_t line);
};

// An amount of money as histories write it: pounds, with at most two places of pence, never negative.
std::optional<Decimal> money_field(const std::string& text, std::string& why) {
    auto value = Decimal::parse(text);
    auto dot = text.find('.');
    if (!value || (dot != std::string::npos && text.size() - dot - 1 > 2)) {
        why = "expected an amount in pounds like 145000 or 239.50, found \"" + text + "\"";
        return std::nullopt;
    }
    if (value->is_negative()) {
        why = "an amount cannot be negative: \"" + text + "\"";
        return std::nullopt;
    }
    return value;
}

bool Reader::person(const std::vector<Field>& fields, std::size_t line) {
    PopulationPerson p;
    p.line = line;
    bool ok = true, has_id = false, has_capital = false, has_fees = false;
    auto bad = [&](const std::string& column, const std::string& why) {
        error(line, column, why);
        ok = false;
    };
    for (const Field& f : fields) {
        std::string why;
        auto amount = [&](Decimal& into) {
            if (auto v = money_field(f.text, why)) into = *v;
            else bad(f.name, why);
        };
        if (f.name == "id") {
            has_id = !f.text.empty();
            p.id = f.text;
        } else if (f.name == "capital") {
            has_capital = true;
            amount(p.capital);
        } else if (f.name == "weekly_fees") {
            has_fees = true;
            amount(p.weekly_fees);
        } else if (f.name == "property") {
            if (!f.text.empty()) amount(p.property);
        } else if (f.name == "setting") {
            if (!f.text.empty()) p.setting = f.text;
        } else if (f.name == "authority") {
            if (!f.text.empty()) p.authority = f.text;
        } else if (f.name == "age") {
            auto a = Decimal::parse(f.text);
            if (f.text.empty()) continue;
            if (!a || !a->is_integer() || a->is_negative() || *a > Decimal(130)) bad("age", "expected a whole number of years from 0 to 130, found \"" + f.text + "\"");
            else p.age = *a->to_int64();
        } else if (f.name == "date_of_birth") {
            if (f.text.empty()) continue;
            if (auto d = Date::parse(f.text)) p.date_of_birth = d;
            else bad("date_of_birth", "expected a date YYYY-MM-DD, found \"" + f.text + "\"");
        } else if (f.name.starts_with(income_prefix) && f.name.size() > income_prefix.size()) {
            if (f.text.empty()) continue;
            Decimal weekly;
            amount(weekly);
            p.income.push_back(IncomeItem{EnumWord{f.name.substr(income_prefix.size()), f.name}, weekly});
        }
    }
    if (p.age && p.date_of_birth) bad("age", "give an age or a date of birth, not both");
    if (!has_id) bad("id", "every person needs an id");
    if (!has_capital) bad("capital", "missing (the chargeable capital, not counting the home)");
    if (!has_fees) bad("weekly_fees", "missing (the weekly cost of care)");
    if (ok) out.people.push_back(std::move(p));
    return ok;
}

// A column name the reader does not know, with the nearest it does.
std::string unknown_column(const std::string& name) {
    std::string near = closest_name(name, known_columns);
    return "unknown column \"" + name + "\"" + (near.empty() ? "" : ": did you mean " + near + "?") +
           " (the columns are id, age or date_of_birth, capital, property, income.KIND, weekly_fees, setting, authority)";
}

// One CSV line split at commas; a field in double quotes may hold commas and doubled quotes.
std::vector<std::string> csv_cells(std::string_view line) {
    std::vector<std::string> cells(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') cells.back() += line[++i];
        else if (c == '"') quoted = !quoted;
        else if (c == ',' && !quoted) cells.emplace_back();
        else cells.back() += c;
    }
    return cells;
}

std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        auto end = text.find('\n');
        std::string_view line = text.substr(0, end);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    return lines;
}

// The message for a CSV that is not starting positions, or nothing.
std::optional<std::string> wrong_csv(const std::vector<std::string>& header) {
    for (const std::string& h : header)
        if (h == "person_id" || h == "start" || h == "end")
            return "this looks like care periods (a caseload of histories), not starting positions: use batch or "
                   "compare for it, or give columns id, capital, weekly_fees ...";
    bool id = false;
    for (const std::string& h : header) id = id || h == "id";
    if (!id) return "this is not a CSV of starting positions: its first line must name the columns, among them id, capital and weekly_fees";
    return std::nullopt;
}

void read_csv(Reader& r, std::string_view text) {
    auto lines = lines_of(text);
    std::vector<std::string> header = csv_cells(lines.front());
    if (auto wrong = wrong_csv(header)) return r.error(1, "", *wrong);
    for (const std::string& h : header)
        if (!h.starts_with(income_prefix) && std::find(known_columns.begin(), known_columns.end(), h) == known_columns.end())
            return r.error(1, "", unknown_column(h));
    for (std::size_t i = 1; i < lines.size() && !r.full(); ++i) {
        if (lines[i].find_first_not_of(" \t") == std::string_view::npos) continue;
        std::vector<std::string> cells = csv_cells(lines[i]);
        if (cells.size() != header.size()) {
            r.error(i + 1, "", "expected " + std::to_string(header.size()) + " fields, as the header names, found " +
                                   std::to_string(cells.size()));
            continue;
        }
        std::vector<Field> fields;
        for (std::size_t c = 0; c < header.size(); ++c) fields.push_back({header[c], cells[c]});
        r.person(fields, i + 1);
    }
}

// The fields of one JSON object; `income` is an object of weekly amounts by kind.
bool json_fields(Reader& r, const history_json::Node& object, std::size_t line, std::vector<Field>& fields) {
    using Kind = history_json::Node::Kind;
    for (std::size_t k = 0; k < object.keys.size(); ++k) {
        const std::string& key = object.keys[k];
        const history_json::Node& v = object.items[k];
        if (key == "income" && v.kind == Kind::object) {
            for (std::size_t i = 0; i < v.keys.size(); ++i) {
                if (v.items[i].kind != Kind::string && v.items[i].kind != Kind::number)
                    return r.error(line, "income." + v.keys[i], "expected an amount, found " + history_json::kind_of(v.items[i])), false;
                fields.push_back({"income." + v.keys[i], v.items[i].text});
            }
        } else if (std::find(known_columns.begin(), known_columns.end(), key) == known_columns.end()) {
            return r.error(line, "", unknown_column(key)), false;
        } else if (v.kind != Kind::string && v.kind != Kind::number) {
            return r.error(line, key, "expected a string or a number, found " + history_json::kind_of(v)), false;
        } else {
            fields.push_back({key, v.text});
        }
    }
    return true;
}

void read_json_lines(Reader& r, std::string_view text) {
    auto lines = lines_of(text);
    for (std::size_t i = 0; i < lines.size() && !r.full(); ++i) {
        if (lines[i].find_first_not_of(" \t") == std::string_view::npos) continue;
        HistoryError failure;
        auto node = history_json::parse_tree(lines[i], r.source, Limits{}, failure);
        if (!node && i == 0 && lines[i].find_first_not_of(" \t{") == std::string_view::npos)
            return r.error(1, "", "this looks like one JSON document over several lines: put one starting position on each line");
        if (!node) {
            r.error(i + 1, "", "not JSON: " + failure.message);
            continue;
        }
        if (node->kind != history_json::Node::Kind::object) {
            r.error(i + 1, "", "expected an object for one person, found " + history_json::kind_of(*node));
            continue;
        }
        for (const std::string& key : node->keys)
            if (key == "care_periods" || key == "financial_assessments")
                return r.error(i + 1, "", "this looks like care histories, not starting positions: use eval for one, batch or compare for a caseload");
        std::vector<Field> fields;
        if (json_fields(r, *node, i + 1, fields)) r.person(fields, i + 1);
    }
}

} // namespace

PopulationFile read_population(std::string_view text, std::string_view source, std::size_t max_errors) {
    Reader r{source, max_errors, {}};
    auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        r.error(1, "", "the file is empty: expected starting positions, as CSV or JSON lines");
        return std::move(r.out);
    }
    if (text[first] == '{') read_json_lines(r, text);
    else if (text[first] == '[') r.error(1, "", "this is a JSON array: put one starting position on each line (JSON lines), not in an array");
    else read_csv(r, text);
    if (r.out.errors.empty() && r.out.people.empty()) r.error(1, "", "no starting positions: the file has a header and nothing else");
    return std::move(r.out);
}

std::optional<ProjectionStart> starting_position(const PopulationPerson& person, Date start, std::int64_t weeks,
                                                 std::string& error) {
    ProjectionStart s;
    s.start = start;
    s.weeks = weeks;
    s.capital = person.capital;
    s.property = person.property;
    s.weekly_fees = person.weekly_fees;
    s.income = person.income;
    s.setting = person.setting;
    s.authority = person.authority;
    if (person.date_of_birth && *person.date_of_birth > start) {
        error = "date_of_birth " + person.date_of_birth->to_string() + " is after the first day in care, " + start.to_string();
        return std::nullopt;
    }
    s.date_of_birth = person.age ? birth_date_for_age(start, *person.age) : person.date_of_birth;
    if (person.age && !s.date_of_birth) {
        error = "age " + std::to_string(*person.age) + " puts the date of birth before 1800";
        return std::nullopt;
    }
    return s;
}

} // namespace carecap
