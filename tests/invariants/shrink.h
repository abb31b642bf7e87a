// shrink.h: the smallest history that still shows a failure, to be turned into a regression test.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace carecap::invariants {

// Removes members and array items from the history (a JSON object), shallowest first, keeping each
// removal after which `still_fails` holds, until no single removal does. `still_fails` must also say
// no to a history that can no longer be evaluated. Returns the history indented, in its own order.
std::string shrink(std::string_view json, const std::function<bool(const std::string&)>& still_fails,
                   std::size_t max_tries = 4000);

} // namespace carecap::invariants
