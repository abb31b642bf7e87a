// self_test.h: `carecap_invariants --self-test`: every invariant reports an account broken on purpose.
#pragma once

#include <string>

namespace carecap::invariants {

// Returns the exit status: 0 when every breakage was caught. `root` is the source directory.
int self_test(const std::string& root);

} // namespace carecap::invariants
