// sha256_test.cpp: carecap::sha256_hex against the published FIPS 180-2 / NIST test vectors.
#include "stdlib/sha256.h"

#include <doctest/doctest.h>

#include <string>

using carecap::sha256_hex;

TEST_CASE("sha256: empty message") {
    // FIPS 180-2 vector for the zero-length message.
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("sha256: one-block message \"abc\"") {
    // FIPS 180-2 Appendix B.1.
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("sha256: 448-bit two-block message") {
    // FIPS 180-2 Appendix B.2. 56 bytes leave no room for the 8-byte length after
    // the 0x80 pad byte (56 + 1 + 8 = 65 > 64), so padding spills into a second block.
    const std::string msg = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    REQUIRE(msg.size() == 56);
    CHECK(sha256_hex(msg) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("sha256: 896-bit message") {
    // NIST vector: the 14 eight-letter windows "abcdefgh", "bcdefghi", ... "nopqrstu" (112 bytes).
    const std::string alphabet = "abcdefghijklmnopqrstuvwxyz";
    std::string msg;
    for (std::size_t i = 0; i < 14; ++i) msg += alphabet.substr(i, 8);
    REQUIRE(msg.size() == 112);
    CHECK(sha256_hex(msg) == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

TEST_CASE("sha256: one million 'a'") {
    // FIPS 180-2 Appendix B.3: 1,000,000 repetitions of 'a' (15625 full blocks + padding block).
    const std::string msg(1000000, 'a');
    CHECK(sha256_hex(msg) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256: output shape") {
    // 256 bits = 64 hex digits, always lowercase.
    const std::string h = sha256_hex("carecap");
    CHECK(h.size() == 64);
    CHECK(h.find_first_not_of("0123456789abcdef") == std::string::npos);
}
