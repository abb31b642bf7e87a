// known_failures.cpp: see known_failures.h, and tests/invariants/findings/README.md for each in full.
#include "tests/invariants/known_failures.h"

namespace carecap::invariants {

const std::vector<KnownFailure>& known_failures() {
    static const std::vector<KnownFailure> all = {
    };
    return all;
}

const KnownFailure* known_failure(std::string_view invariant, std::string_view profile, std::string_view message) {
    for (const KnownFailure& k : known_failures())
        if (invariant == k.invariant && (std::string_view(k.profile).empty() || profile == k.profile) &&
            message.find(k.message_contains) != std::string_view::npos)
            return &k;
    return nullptr;
}

} // namespace carecap::invariants
