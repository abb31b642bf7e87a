// find_rules.cpp: `amends NAME` without a file: which rule file declares the rule set NAME.
//
// The directory of the amending file is looked in first (its files only), then each directory of the
// rules path in order, with the directories below it. The first place holding a file that declares NAME
// decides, so an analyst's copy beside the amending file wins over the shipped one; two such files in
// that place are an error, since carecap cannot know which was meant.
#include "lang/find_rules.h"

#include "lang/grammar.h"
#include "lang/resolve.h"

#include <tao/pegtl.hpp>

#include <algorithm>
#include <system_error>

namespace carecap {

namespace fs = std::filesystem;
namespace g = grammar;
namespace p = tao::pegtl;

namespace {

// A directory of the rules path is searched this deep and through at most this many entries in all,
// so that a rules path naming `/` costs a bounded time rather than a walk of the whole disk.
constexpr int max_search_depth = 8;
constexpr std::size_t max_entries_visited = 20'000;

struct words_before_name : p::seq<g::_, g::kw_rules, g::_> {};

// The name a rule file declares in its header, read without parsing the rest; nothing if the file
// cannot be read or does not start like a rule file.
std::optional<std::string> declared_name(const fs::path& file, std::size_t max_bytes) {
    std::string why;
    auto text = read_text_file(file.string(), max_bytes, why);
    if (!text) return std::nullopt;
    try {
        p::memory_input in(*text, file.string());
        if (text->starts_with("\xEF\xBB\xBF")) in.bump(3);
        if (!p::parse<words_before_name>(in)) return std::nullopt;
        const char* start = in.current();
        if (!p::parse<g::rule_set_name>(in)) return std::nullopt;
        return std::string(start, in.current());
    } catch (const p::parse_error&) {
        return std::nullopt;
    }
}

bool is_rule_file(const fs::directory_entry& entry) {
    std::error_code ec;
    return entry.path().extension() == ".rules" && entry.is_regular_file(ec);
}

class Search {
public:
    Search(std::string name, fs::path amending, std::size_t max_bytes)
        : name_(std::move(name)), amending_(std::move(amending)), max_bytes_(max_bytes) {}

    // Files directly in `dir` that declare the name.
    std::vector<fs::path> beside(const fs::path& dir) {
        std::vector<fs::path> found;
        std::error_code ec;
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
            if (visit()) consider(*it, found);
        return found;
    }

    // Files in `dir` or below it that declare the name.
    std::vector<fs::path> below(const fs::path& dir) {
        std::vector<fs::path> found;
        std::error_code ec;
        fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
        for (; !ec && it != end; it.increment(ec)) {
            if (!visit()) break;
            if (it.depth() >= max_search_depth) it.disable_recursion_pending();
            consider(*it, found);
        }
        return found;
    }

    bool cut_short() const { return visited_ > max_entries_visited; }

private:
    bool visit() { return ++visited_ <= max_entries_visited; }

    void consider(const fs::directory_entry& entry, std::vector<fs::path>& found) {
        if (!is_rule_file(entry)) return;
        std::error_code ec;
        if (fs::equivalent(entry.path(), amending_, ec)) return; // a file does not amend itself
        if (declared_name(entry.path(), max_bytes_) == name_) found.push_back(entry.path().lexically_normal());
    }

    std::string name_;
    fs::path amending_;
    std::size_t max_bytes_;
    std::size_t visited_ = 0;
};

std::string listed(const std::vector<std::string>& places) {
    std::string out;
    for (std::size_t i = 0; i < places.size(); ++i)
        out += (i == 0 ? "" : i + 1 == places.size() ? " and " : ", ") + places[i];
    return out;
}

} // namespace

FoundRuleSet find_rule_set(const std::string& name, const std::string& amending_file,
                           const std::vector<std::string>& rules_path, std::size_t max_bytes) {
    FoundRuleSet result;
    Search search(name, fs::path(amending_file), max_bytes);
    fs::path own = fs::path(amending_file).parent_path();
    if (own.empty()) own = ".";
    std::vector<std::string> looked;
    auto decide = [&](std::vector<fs::path> found, std::string place) {
        looked.push_back(std::move(place));
        if (found.size() == 1) result.path = found.front();
        if (found.size() > 1) {
            std::sort(found.begin(), found.end());
            std::string files;
            for (auto& f : found) files += (files.empty() ? "`" : ", `") + f.string() + "`";
            result.error = "more than one file in " + looked.back() + " declares the rule set `" + name + "`: " + files;
            result.hint = "name the one you mean: `amends " + name + " in \"FILE\"`";
        }
        return found.size() > 0;
    };
    if (decide(search.beside(own), "`" + own.string() + "` (beside this file)")) return result;
    for (const std::string& dir : rules_path) {
        std::error_code ec;
        if (dir.empty() || !fs::is_directory(dir, ec)) {
            looked.push_back("`" + dir + "` (not a directory)");
            continue;
        }
        if (decide(search.below(dir), "`" + dir + "`")) return result;
    }
    result.error = "no rule file declares the rule set `" + name + "`; looked in " + listed(looked);
    if (search.cut_short())
        result.error += " (stopping after " + std::to_string(max_entries_visited) + " directory entries)";
    result.hint = rules_path.empty() ? "write `amends " + name + " in \"FILE\"`, or give a rules path"
                                     : "write `amends " + name + " in \"FILE\"`, or add the file's directory to the "
                                       "rules path (--rules-path, CARECAP_RULES_PATH)";
    return result;
}

} // namespace carecap
