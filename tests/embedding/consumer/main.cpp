// main.cpp: the smallest C++ host of an installed carecap: consumer_cpp RULES HISTORY prints the JSON.
#include "carecap/carecap.hpp"

#include <fstream>
#include <iostream>
#include <iterator>

int main(int argc, char** argv) {
    if (argc != 3) return 2;
    auto loaded = carecap::load_rules(argv[1]);
    std::cerr << loaded.diagnostics;
    if (!loaded.rules) return 1;
    std::ifstream in(argv[2], std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto result = carecap::evaluate_json(*loaded.rules, text, argv[2]);
    for (auto& e : result.errors) std::cerr << e << "\n";
    if (!result.ok) return 1;
    std::cout << result.json.dump(2) << "\n";
    return 0;
}
