// builtins.h: the built-in functions rule files call, in one table. Each entry
// checks its arguments' types the same way and evaluates exactly.
#pragma once

#include "stdlib/types.h"
#include "stdlib/value.h"

#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace carecap {

// Raised by a built-in when its arguments make no sense at run time (a zero
// rounding step); the evaluator turns it into an error at the call's span.
struct BuiltinError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Builtin {
    std::string_view name;
    std::string_view usage;        // "round_up(value, step)"
    std::string_view description;  // one line, for the reference and for hints
    std::size_t min_args, max_args;
    // The result type for these argument types, or an error message naming the
    // argument at fault (the checker adds the span and the usage).
    std::optional<Type> (*check)(const std::vector<Type>& args, std::string& error);
    // Evaluates with arguments of the types `check` accepted.
    Value (*evaluate)(std::span<const Value> args, const std::vector<Type>& arg_types);
};

// The table, in the order the reference documents it.
const std::vector<Builtin>& builtins();
const Builtin* find_builtin(std::string_view name);

} // namespace carecap
