// explain_account.cpp: a whole care account explained in plain English: the opening and closing
// parts around the stretches (explain_text.cpp writes those, figure by figure), and the whole.
#include "runtime/explanation/explain_model.h"
#include "stdlib/format.h"
#include "runtime/reports/explain_render.h"
#include "runtime/reports/statement_fields.h"

#include <algorithm>
#include <sstream>

namespace carecap {

std::string explain_heading(const Account& account) {
    const RuleSet& rules = *account.rules;
    const Header& h = rules.header();
    std::ostringstream out;
    out << "Care account of " << (account.history->person_id.empty() ? "the person" : account.history->person_id)
        << ", worked out under " << h.name << " version \"" << h.version << "\" (in force from "
        << h.in_force.to_string() << ", " << rules.content_hash.substr(0, 19) << ")\n";
    if (account.chosen_by_authority) {
        // Rules chosen through a registry: say which rules each part of the history was under.
        out << "Rules chosen by authority, through the registry:\n";
        for (std::size_t k = 0; k < account.rule_sets.size(); ++k) {
            const RuleSet& r = *account.rule_sets[k];
            out << "  " << r.header().name << " version \"" << r.header().version << "\" ("
                << r.content_hash.substr(0, 19) << "):";
            std::size_t covered = 0;
            for (const Stretch& s : account.stretches)
                if (s.rule_set == k) ++covered;
            if (!covered) out << " no stretch";
            for (std::size_t i = 0; i < account.stretches.size(); ++i) {
                const Stretch& s = account.stretches[i];
                if (s.rule_set != k || (i > 0 && account.stretches[i - 1].rule_set == k)) continue;
                std::size_t j = i;
                while (j + 1 < account.stretches.size() && account.stretches[j + 1].rule_set == k) ++j;
                out << " " << s.first.to_string() << " to " << account.stretches[j].last.to_string() << " ("
                    << s.authority << ")";
            }
            out << "\n";
        }
    }
    out << "Arithmetic is exact; amounts are shown to the penny, halves rounded away from zero.\n";
    return out.str();
}

std::string explain_statements(const Account& account) {
    const RuleSet& rules = *account.rules;
    std::ostringstream out;
    for (const Statement& st : account.statements) {
        if (st.date == account.statements.front().date)
            out << "\nCare account statements"
                << (rules.statements->cite.text.empty() ? "" : " (" + rules.statements->cite.text + ")") << "\n";
        if (!st.issued) {
            out << "  " << st.date.to_string() << ": no statement: " << st.not_issued_because << "\n";
            continue;
        }
        out << "  " << st.date.to_string() << ", from " << st.authority << " (" << st.budget << " budget)\n";
        for (const StatementField& f : statement_fields)
            if (f.amount)
                out << "    " << f.number << ". " << f.short_title << ": " << money(st.*f.amount)
                    << (f.weekly ? " a week" : "") << "\n";
        out << "    6. " << statement_field(6).short_title << ": " << (st.adjustments.empty() ? "none" : "") << "\n";
        for (auto& e : st.adjustments) out << "       " << e.date.to_string() << " " << e.text << "\n";
        out << "    7. " << statement_field(7).short_title << ": "
            << (st.expected_shown ? st.expected_on->to_string() + " (by " + st.expected_by + ")"
                                  : std::string("not within the period statements show it for")) << "\n"
            << "    8. " << (st.caveat.empty() ? "(no caveat for this kind of budget)" : st.caveat) << "\n";
    }
    return out.str();
}

std::string explain_answer(const Account& account) {
    std::ostringstream out;
    out << "\n";
    for (const MeterTotal& m : account.meters) {
        const MeterDecl& d = *m.meter;
        out << (d.label.empty() ? d.name : d.label + " (" + d.name + ")") << ": " << money(m.total);
        if (m.ceiling) {
            out << " of " << money(*m.ceiling) << " ("
                << (m.ceiling->sign() > 0 ? percent(m.total / *m.ceiling) : std::string("-")) << ")";
            out << (m.reached_on ? "; ceiling reached on " + m.reached_on->to_string() : "; ceiling not reached");
        } else {
            out << " (no ceiling: this meter records)";
        }
        if (m.meter->interest && !(m.total.is_zero() && m.interest_pending.is_zero()))
            out << ": " << money(m.total - m.fees_added - m.interest_added) << " deferred, " << money(m.fees_added)
                << " of fees and " << money(m.interest_added) << " of interest (" << money(m.interest_pending)
                << " more earned since the last 1st of a month, not yet added)";
        out << (d.cite.text.empty() ? "" : "  [" + d.cite.text + "]") << "\n";
        for (const MeterEvent& e : m.events) out << "  " << e.date.to_string() << "  " << e.text << "\n";
    }
    return out.str();
}

// Each source the rules name, once: every rule set the account was worked out under, in order.
std::string explain_sources(const Account& account) {
    std::vector<std::string> sources;
    for (const RuleSet* rules : account.rule_sets)
        for (const auto& file : rules->files)
            for (const std::string& s : file->header.sources)
                if (std::find(sources.begin(), sources.end(), s) == sources.end()) sources.push_back(s);
    std::string out = sources.empty() ? "" : "\nSources:\n";
    for (const std::string& s : sources) out += "  " + s + "\n";
    return out;
}

std::string explain_account(const Account& account) {
    ExplainResult result = explain_figures(account, {});
    if (!result.explanation) {
        std::string out = explain_heading(account);
        for (const std::string& e : result.errors) out += "error: " + e + (e.ends_with('\n') ? "" : "\n");
        return out;
    }
    return explain_to_text(*result.explanation);
}

} // namespace carecap
