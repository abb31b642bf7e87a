// check_depth.cpp: definitions that depend on themselves, and chains of definitions too deep to work
// out. Both walk the graph of definitions with a stack of their own, never by native recursion, so
// that a chain of thousands of definitions (each using the one before) costs memory on the heap, not
// the thread's stack, and the check runs in time proportional to the rules' size.
#include "lang/check_depth.h"

#include <algorithm>
#include <unordered_map>

namespace carecap {

namespace {

// A use of a definition inside an expression, `offset` levels below the expression's top.
struct Use {
    const DefinitionDecl* target;
    std::uint32_t offset;
};

// What one definition's expressions hold: how tall they are, and the definitions they use.
struct Summary {
    std::uint32_t height = 0;
    std::vector<Use> uses;
};

// The expression tree itself is at most nesting_depth tall (the parser bounds it), so walking it
// natively is safe; only the jump from a use to the definition it names is taken off the stack.
void collect(const Expr& e, std::uint32_t level, Summary& out) {
    out.height = std::max(out.height, level);
    if (e.definition && (e.ref == RefKind::definition || e.kind == ExprKind::call))
        out.uses.push_back({e.definition, level});
    for (const auto& child : e.children) collect(*child, level + 1, out);
}

Summary summarise(const DefinitionDecl& d) {
    Summary s;
    for (const ExceptionDecl* x : d.exceptions) {
        collect(*x->condition, 1, s);
        collect(*x->value, 1, s);
    }
    for (const Case& c : d.cases) {
        if (c.condition) collect(*c.condition, 1, s);
        collect(*c.value, 1, s);
    }
    return s;
}

class DepthWalk {
public:
    DepthWalk(const RuleSet& rules, std::size_t limit, Diagnostics& diagnostics)
        : rules_(rules), limit_(limit), diagnostics_(diagnostics) {
        for (const auto& [name, d] : rules.definitions) summary_.emplace(d, summarise(*d));
    }

    void run() {
        for (const auto& [name, d] : rules_.definitions)
            if (state_[d] == fresh) walk(d);
    }

private:
    enum State { fresh, open, done };
    struct Frame {
        const DefinitionDecl* d;
        std::size_t next_use = 0;
    };

    // Depth-first from `root`, a definition finished only when all it uses are.
    void walk(const DefinitionDecl* root) {
        std::vector<Frame> stack{{root}};
        state_[root] = open;
        while (!stack.empty()) {
            Frame& f = stack.back();
            const Summary& s = summary_.at(f.d);
            if (f.next_use < s.uses.size()) {
                const DefinitionDecl* next = s.uses[f.next_use++].target;
                State& st = state_[next];
                if (st == open) report_cycle(stack, next);
                else if (st == fresh) {
                    st = open;
                    stack.push_back({next}); // `f` may dangle from here on
                }
                continue;
            }
            finish(f.d, s);
            state_[f.d] = done;
            stack.pop_back();
        }
    }

    // A definition's depth: the levels of its own expressions, and through each use, the levels
    // above the use plus the depth of the definition used.
    void finish(const DefinitionDecl* d, const Summary& s) {
        std::size_t deepest = s.height;
        const DefinitionDecl* via = nullptr;
        bool beneath_too_deep = false;
        for (const Use& u : s.uses) {
            auto found = depth_.find(u.target);
            if (found == depth_.end()) continue; // in a cycle, already reported
            beneath_too_deep = beneath_too_deep || found->second > limit_;
            if (u.offset + found->second > deepest) {
                deepest = u.offset + found->second;
                via = u.target;
            }
        }
        depth_[d] = deepest;
        deepest_use_[d] = via;
        // Reported once, where the chain first goes over, not at every definition above that point.
        if (deepest > limit_ && !beneath_too_deep && reported_++ < max_reports) report_too_deep(d, deepest);
    }

    void report_cycle(const std::vector<Frame>& stack, const DefinitionDecl* next) {
        std::string loop;
        auto start = std::find_if(stack.begin(), stack.end(), [&](const Frame& f) { return f.d == next; });
        for (auto it = start; it != stack.end(); ++it) loop += it->d->name + " -> ";
        diagnostics_.push_back({Severity::error, next->name_span,
                                "`" + next->name + "` depends on itself: " + loop + next->name,
                                "a definition cannot use its own value; rules have no loops", {}});
    }

    void report_too_deep(const DefinitionDecl* d, std::size_t depth) {
        std::string chain = d->name;
        std::size_t count = 1;
        for (const DefinitionDecl* at = deepest_use_[d]; at; at = deepest_use_[at], ++count)
            if (count < 4) chain += " -> " + at->name;
        if (count >= 4) chain += " -> ... (" + std::to_string(count) + " definitions)";
        diagnostics_.push_back(
            {Severity::error, d->name_span,
             "working out `" + d->name + "` would go " + std::to_string(depth) +
                 " levels deep through the definitions it uses, over the limit of " + std::to_string(limit_) +
                 " (the limit evaluation_depth): " + chain,
             "shorten the chain of definitions, each using the next, or ask whoever runs carecap to raise the limit",
             {}});
    }

    static constexpr int max_reports = 5;
    const RuleSet& rules_;
    std::size_t limit_;
    Diagnostics& diagnostics_;
    std::unordered_map<const DefinitionDecl*, Summary> summary_;
    std::unordered_map<const DefinitionDecl*, State> state_;
    std::unordered_map<const DefinitionDecl*, std::size_t> depth_;
    std::unordered_map<const DefinitionDecl*, const DefinitionDecl*> deepest_use_;
    int reported_ = 0;
};

} // namespace

void check_definition_depth(const RuleSet& rules, std::size_t limit, Diagnostics& diagnostics) {
    DepthWalk(rules, limit, diagnostics).run();
}

} // namespace carecap
