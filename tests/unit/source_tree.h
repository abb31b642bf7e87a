// source_tree.h: reading the repository's own files inside unit tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace carecap::testing {

// Paths in outputs are relative to the source tree, so the files are the same on every machine:
// a test that produces them works from there for as long as this lives.
struct InSourceTree {
    std::filesystem::path saved = std::filesystem::current_path();
    InSourceTree() { std::filesystem::current_path(CARECAP_SOURCE_DIR); }
    ~InSourceTree() { std::filesystem::current_path(saved); }
};

// A whole file, byte for byte; "" when it cannot be read.
inline std::string read(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace carecap::testing
