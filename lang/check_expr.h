// check_expr.h: the expression half of phase 3, the checker. ExprChecker gives
// every expression a type and resolves every name in it; the declaration checker
// (check.cpp) is built on it and checks each kind of declaration with it.
#pragma once

#include "lang/check_units.h"
#include "lang/rule_set.h"

#include <set>
#include <string>
#include <vector>

namespace carecap {

class ExprChecker {
public:
    ExprChecker(RuleSet& rules, const LoadOptions& options, Diagnostics& diagnostics);

protected:
    // ---- reporting ----
    Report report();
    void error(const Span& s, std::string message, std::string hint = {}, Diagnostics notes = {});
    std::vector<std::string> all_names() const;
    std::string did_you_mean(const std::string& name, const std::vector<std::string>& candidates) const;

    // ---- types ----
    Type resolve_type(TypeRef& t);
    static bool assignable(const Type& to, const Type& from);
    void require(const Expr& e, const Type& want, const std::string& what);

    // ---- expressions ----
    // Gives `e` (and everything in it) its type, records it in e.type and returns it.
    Type expr(Expr& e);

    RuleSet& rules_;
    const LoadOptions& options_;
    Diagnostics& diagnostics_;
    Date first_day_;
    const std::vector<Formal>* formals_ = nullptr; // a definition's parameters while its body is checked
    bool today_allowed_ = false;
    bool reading_at_date_ = false;
    bool in_adjustment_condition_ = false; // inputs that exist only while an adjustment is considered
    int formal_uses_ = 0;
    std::set<const ParameterDecl*> reported_unset_;

private:
    Type expr_type(Expr& e);
    Type name(Expr& e);
    std::vector<std::string> enum_names() const;
    Type member_ref(Expr& e, const EnumDecl& en, const std::string& member);
    // A parameter read on `day` must have a value in force then.
    void check_in_force(const ParameterDecl& p, Date day, const Span& where, bool explicit_date);
    Type at_date(Expr& e);
    // reached(m): whether meter m has reached its ceiling (from the day after it does).
    Type meter_reached(Expr& e);
    Type call(Expr& e);
    Type binary(Expr& e);
    Type today_comparison(Expr& e, Expr& other);
};

} // namespace carecap
