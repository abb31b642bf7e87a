// parse_outputs.h: the syntax tree of `outputs NAME [as ROLE], ...` to OutputName. Private to lang/
// (parse.cpp alone includes it); a template over parse.cpp's builder, which gives spans.
#pragma once

#include "lang/ast.h"
#include "lang/grammar.h"

#include <tao/pegtl/contrib/parse_tree.hpp>

#include <vector>

namespace carecap::parse_outputs {

using Node = tao::pegtl::parse_tree::node;

// outputs_decl: [output_name...], each output_name [ident, output_role [ident]]
template <typename Builder>
void read(Builder& b, const Node& n, std::vector<OutputName>& out) {
    for (const auto& c : n.children) {
        OutputName o;
        o.span = b.span(*c->children.at(0));
        o.name = c->children.at(0)->string();
        if (c->children.size() > 1) {
            const Node& role = *c->children[1]->children.at(0);
            o.role = role.string();
            o.role_span = b.span(role);
        }
        out.push_back(std::move(o));
    }
}

} // namespace carecap::parse_outputs
