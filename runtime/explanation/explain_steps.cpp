// explain_steps.cpp: writes a worked expression out by splicing values into the
// rule's own text, so the reader sees the expression as the rule file has it.
#include "runtime/explanation/explain_steps.h"

#include "lang/show.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace carecap {

namespace {

int height(const Step& s) {
    int h = 0;
    for (const Step& o : s.operands) h = std::max(h, height(o));
    return h + 1;
}

bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == ')'; }

// The text before `at` (in `text`) ends with a grouping '(' (not a call's), and the text
// from `after` starts with its ')': such parentheses go once what they hold is one value.
bool grouped(std::string_view text, std::size_t at, std::size_t after) {
    std::size_t open = at;
    while (open > 0 && text[open - 1] == ' ') --open;
    if (open == 0 || text[open - 1] != '(') return false;
    std::size_t before = open - 1;
    while (before > 0 && text[before - 1] == ' ') --before;
    if (before > 0 && name_char(text[before - 1])) return false; // max( ... ): a call
    std::size_t close = after;
    while (close < text.size() && text[close] == ' ') ++close;
    return close < text.size() && text[close] == ')';
}

std::string shown(const Step& s, const RuleSet* rules) { return show(s.value, s.expr->type, rules); }

// The step's text with every operand written at `level`: an operand no deeper than
// `level` is replaced by its value.
std::string render(const Step& s, int level, const RuleSet* rules) {
    if (level > 0 && height(s) <= level) return shown(s, rules);
    const Span& span = s.expr->span;
    std::string_view text = span.text();
    std::vector<const Step*> inside;
    for (const Step& o : s.operands) {
        const Span& os = o.expr->span;
        if (os.file == span.file && os.begin >= span.begin && os.end <= span.end && os.begin < os.end)
            inside.push_back(&o);
    }
    std::sort(inside.begin(), inside.end(),
              [](const Step* a, const Step* b) { return a->expr->span.begin < b->expr->span.begin; });
    std::string out;
    std::size_t pos = 0; // in `text`
    for (const Step* o : inside) {
        std::size_t from = o->expr->span.begin - span.begin, to = o->expr->span.end - span.begin;
        if (from < pos) continue; // overlapping spans: leave the rule's text as it is
        std::string piece = render(*o, level, rules);
        bool single = level > 0 && height(*o) <= level;
        if (single && grouped(text, from, to)) {
            // Drop the '(' before and the ')' after: "(£3.00)" reads as "£3.00".
            std::size_t open = text.rfind('(', from);
            std::size_t close = text.find(')', to);
            out += text.substr(pos, open - pos);
            out += piece;
            pos = close + 1;
            continue;
        }
        out += text.substr(pos, from - pos);
        out += piece;
        pos = to;
    }
    out += text.substr(pos);
    return one_line(out);
}

void facts(const Step& s, const RuleSet& rules, std::set<std::string>& seen, std::vector<std::string>& out) {
    const Expr& e = *s.expr;
    bool is_fact = (e.kind == ExprKind::name && e.ref != RefKind::enum_member) || e.kind == ExprKind::call ||
                   e.kind == ExprKind::at_date;
    if (is_fact) {
        std::string text = formula_text(e);
        if (seen.insert(text).second) out.push_back(text + " is " + shown(s, &rules));
    }
    for (const Step& o : s.operands) facts(o, rules, seen, out);
}

// The expression's own steps without values: enough to write it as the rule has it.
Step unworked(const Expr& e) {
    Step s;
    s.expr = &e;
    for (const ExprPtr& child : e.children) s.operands.push_back(unworked(*child));
    return s;
}

} // namespace

std::string formula_text(const Expr& e) { return render(unworked(e), 0, nullptr); }

std::vector<std::string> substituted_lines(const Step& worked, const RuleSet& rules) {
    std::vector<std::string> lines;
    int h = height(worked);
    for (int level = 0; level <= h; ++level) {
        std::string line = render(worked, level, &rules);
        if (lines.empty() || lines.back() != line) lines.push_back(std::move(line));
    }
    return lines;
}

std::string condition_facts(const Step& condition, const RuleSet& rules) {
    std::set<std::string> seen;
    std::vector<std::string> out;
    // A condition that is one name or call ("has_invoices") says its own value by holding or not.
    seen.insert(formula_text(*condition.expr));
    facts(condition, rules, seen, out);
    std::string joined;
    for (const std::string& f : out) joined += (joined.empty() ? "" : ", ") + f;
    return joined;
}

std::string exact_text(const Value& value, const Type& type, const RuleSet& rules) {
    if (auto* d = std::get_if<Decimal>(&value)) return d->to_exact();
    return show(value, type, &rules);
}

} // namespace carecap
