// check_exceptions.cpp: two exceptions to one definition must never both apply.
//
// The conditions are split into atoms: a test of an enumeration (`setting =
// residential`) is one variable ranging over its members; any other yes/no
// leaf (an input, a comparison of amounts) is a free true/false variable. The
// checker tries every assignment. Treating comparisons as free is cautious: it
// may call two conditions overlapping when arithmetic would rule it out, and the
// fix it asks for (say which exception wins, by excluding the other) is always
// clearer to a reader anyway.
#include "lang/check_exceptions.h"

#include <map>
#include <string>

namespace carecap {

namespace {

constexpr std::size_t max_assignments = 1u << 14;

// The same leaf written with different spacing is the same atom.
std::string compact(std::string_view text) {
    std::string out;
    for (char c : text)
        if (c != ' ' && c != '\n' && c != '\t' && c != '\r') out += c;
    return out;
}

struct Atom {
    std::string text;                 // the leaf, as written (tidied)
    std::size_t choices = 2;          // members of an enumeration, or 2 for true/false
    std::vector<std::string> labels;  // what each choice is called, for the example
};

class Atoms {
public:
    // Registers the leaves of a condition.
    void collect(const Expr& e) {
        if (auto* test = enum_test(e)) {
            add(test->subject->span.text(), test->members);
            return;
        }
        if (e.kind == ExprKind::logical_not) return collect(*e.children[0]);
        if (e.kind == ExprKind::binary && (e.op == BinaryOp::logical_and || e.op == BinaryOp::logical_or)) {
            collect(*e.children[0]);
            collect(*e.children[1]);
            return;
        }
        if (e.kind == ExprKind::literal) return;
        add(e.span.text(), {"false", "true"});
    }

    // Evaluates a condition under one assignment of the atoms.
    bool holds(const Expr& e, const std::vector<std::size_t>& choice) const {
        if (auto* test = enum_test(e)) {
            bool equal = choice[index_.at(compact(test->subject->span.text()))] == test->member;
            return test->negated ? !equal : equal;
        }
        if (e.kind == ExprKind::logical_not) return !holds(*e.children[0], choice);
        if (e.kind == ExprKind::binary && e.op == BinaryOp::logical_and)
            return holds(*e.children[0], choice) && holds(*e.children[1], choice);
        if (e.kind == ExprKind::binary && e.op == BinaryOp::logical_or)
            return holds(*e.children[0], choice) || holds(*e.children[1], choice);
        if (e.kind == ExprKind::literal) return std::get<bool>(e.literal);
        return choice[index_.at(compact(e.span.text()))] == 1;
    }

    std::size_t assignments() const {
        std::size_t n = 1;
        for (auto& a : atoms_) {
            if (n > max_assignments) break;
            n *= a.choices;
        }
        return n;
    }

    std::vector<std::size_t> assignment(std::size_t number) const {
        std::vector<std::size_t> choice;
        for (auto& a : atoms_) {
            choice.push_back(number % a.choices);
            number /= a.choices;
        }
        return choice;
    }

    std::string describe(const std::vector<std::size_t>& choice) const {
        std::string out;
        for (std::size_t i = 0; i < atoms_.size(); ++i) {
            out += out.empty() ? "" : " and ";
            const Atom& a = atoms_[i];
            if (a.labels.size() == 2 && a.labels[0] == "false") out += a.text + " is " + a.labels[choice[i]];
            else out += a.text + " = " + a.labels[choice[i]];
        }
        return out;
    }

private:
    struct EnumTest {
        const Expr* subject;
        std::size_t member;
        bool negated;
        std::vector<std::string> members;
    };

    // `x = member`, `member = x`, `x != member`: a test of an enumeration value.
    static const EnumTest* enum_test(const Expr& e) {
        thread_local EnumTest test;
        if (e.kind != ExprKind::binary || (e.op != BinaryOp::eq && e.op != BinaryOp::ne)) return nullptr;
        const Expr& l = *e.children[0];
        const Expr& r = *e.children[1];
        if (l.type.kind != Kind::enumeration) return nullptr;
        const Expr* member = r.ref == RefKind::enum_member ? &r : l.ref == RefKind::enum_member ? &l : nullptr;
        if (!member || (l.ref == RefKind::enum_member && r.ref == RefKind::enum_member)) return nullptr;
        test.subject = member == &r ? &l : &r;
        test.member = member->index;
        test.negated = e.op == BinaryOp::ne;
        test.members.clear();
        // The members are known from the subject's enumeration; their names come from the rule set.
        test.members = member_names_ && member_names_->count(l.type.enumeration) ? member_names_->at(l.type.enumeration) : std::vector<std::string>{};
        return &test;
    }

    void add(std::string_view text, const std::vector<std::string>& labels) {
        std::string key = compact(text);
        if (index_.count(key)) return;
        index_[key] = atoms_.size();
        atoms_.push_back({one_line(text), std::max<std::size_t>(labels.size(), 1), labels});
    }

    std::vector<Atom> atoms_;
    std::map<std::string, std::size_t> index_;

public:
    static inline thread_local const std::map<std::string, std::vector<std::string>>* member_names_ = nullptr;
};

} // namespace

void check_exception_conflicts(const RuleSet& rules, Diagnostics& diagnostics) {
    std::map<std::string, std::vector<std::string>> members;
    for (auto& [name, e] : rules.enums)
        for (auto& m : e->members) members[name].push_back(m.name);
    Atoms::member_names_ = &members;

    for (auto& [name, def] : rules.definitions) {
        const auto& xs = def->exceptions;
        for (std::size_t i = 0; i < xs.size(); ++i)
            for (std::size_t j = i + 1; j < xs.size(); ++j) {
                const ExceptionDecl& a = *xs[i];
                const ExceptionDecl& b = *xs[j];
                if (a.condition->type.kind != Kind::boolean || b.condition->type.kind != Kind::boolean) continue;
                if (compact(a.value->span.text()) == compact(b.value->span.text())) continue; // same answer: no conflict
                Atoms atoms;
                atoms.collect(*a.condition);
                atoms.collect(*b.condition);
                std::size_t n = atoms.assignments();
                if (n > max_assignments) continue;
                for (std::size_t k = 0; k < n; ++k) {
                    auto choice = atoms.assignment(k);
                    if (!atoms.holds(*a.condition, choice) || !atoms.holds(*b.condition, choice)) continue;
                    auto label = [](const ExceptionDecl& x) {
                        return x.label.empty() ? "the exception at line " + std::to_string(x.span.line)
                                               : "\"" + x.label + "\"";
                    };
                    diagnostics.push_back(
                        {Severity::error, b.span,
                         "two exceptions to `" + name + "` can both apply, with different values: " + label(a) +
                             " and " + label(b) + ", for example when " + atoms.describe(choice),
                         "make the conditions exclusive (add `and not ...` to one of them) or merge them into one "
                         "exception",
                         {{Severity::note, a.span, "the other exception is here", "", {}}}});
                    break;
                }
            }
    }
    Atoms::member_names_ = nullptr;
}

} // namespace carecap
