// sha256.h: SHA-256 digests (FIPS 180-4), used for the content hash of rule sets.
#pragma once

#include <string>
#include <string_view>

namespace carecap {

// The SHA-256 digest of `bytes` as 64 lowercase hexadecimal characters.
std::string sha256_hex(std::string_view bytes);

} // namespace carecap
