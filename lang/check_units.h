// check_units.h: the arithmetic of the rule language, operator by pair of
// types: which sums, products, quotients and comparisons have a meaning, and
// what type (and unit conversion) they give. Part of phase 3, the checker.
#pragma once

#include "lang/ast.h"

#include <functional>
#include <string>

namespace carecap {

// Reports an error at a place, with a hint (which may be empty).
using Report = std::function<void(const Span&, std::string, std::string)>;

// "money", "a date", "money per week": how a type reads inside a sentence.
std::string a_type(const Type& t);

// Each gives the type of `e` (a binary expression with operands of types a and b),
// or Kind::unknown after reporting why the operation has no meaning. multiply
// also records the unit conversion in e.scale (1/7 for money per week x days).
Type add_subtract(Expr& e, const Type& a, const Type& b, const Report& error);
Type multiply(Expr& e, const Type& a, const Type& b, const Report& error);
Type divide(Expr& e, const Type& a, const Type& b, const Report& error);
Type compare(Expr& e, const Type& a, const Type& b, const Report& error);

} // namespace carecap
