// report_text.cpp: the care account in plain English, figure by figure, each
// with the rule that produced it, where that rule is, and what it cites.
#include "runtime/format.h"
#include "runtime/report.h"

#include <set>
#include <sstream>

namespace carecap {

namespace {

std::string where(const Span& s) { return s.file ? s.file->name + ":" + std::to_string(s.line) : "?"; }

std::string of_ceiling(const MeterStretch& m) { return m.has_ceiling ? " of " + money(m.ceiling) : std::string(); }

std::string cited(const Citation& c) { return c.text.empty() ? "" : "  [" + c.text + "]"; }

void explain_record(std::ostringstream& out, const TraceRecord& r, const RuleSet& rules) {
    switch (r.what) {
    case TraceRecord::What::definition: {
        const DefinitionDecl& d = *r.definition;
        out << "    " << d.name;
        if (!r.args.empty()) {
            out << "(";
            for (std::size_t i = 0; i < r.args.size(); ++i)
                out << (i ? ", " : "") << show(r.args[i], d.formals[i].type.resolved, &rules);
            out << ")";
        }
        out << " = " << show(r.value, d.type.resolved, &rules) << "\n";
        if (r.used_exception) {
            const ExceptionDecl& x = *r.used_exception;
            out << "        by the exception" << (x.label.empty() ? "" : " \"" + x.label + "\"") << " when "
                << x.condition->span.text() << "  (" << where(x.span) << ")" << cited(x.cite) << "\n";
        } else if (r.used_case && r.used_case->condition) {
            out << "        because " << r.used_case->condition->span.text() << ": " << r.used_case->value->span.text()
                << "  (" << where(r.used_case->span) << ")" << cited(d.cite) << "\n";
        } else if (r.used_case) {
            std::string how = r.used_case->span.text().starts_with("otherwise") ? "otherwise: " : "";
            out << "        " << how << r.used_case->value->span.text() << "  (" << where(d.span) << ")" << cited(d.cite)
                << "\n";
        }
        break;
    }
    case TraceRecord::What::parameter:
        out << "    " << r.parameter->name << " = " << show(r.value, r.parameter->type.resolved, &rules)
            << "  (parameter, value from " << r.parameter_value->from.to_string() << ", "
            << where(r.parameter_value->span) << ")" << cited(r.parameter_value->cite) << "\n";
        break;
    case TraceRecord::What::input:
        out << "    " << r.input->name << " = " << show(r.value, r.input->type.resolved, &rules)
            << "  (from the care history)\n";
        break;
    }
}

} // namespace

std::string explain_account(const Account& account) {
    const RuleSet& rules = *account.rules;
    const Header& h = rules.header();
    std::ostringstream out;
    out << "Care account of " << (account.history->person_id.empty() ? "the person" : account.history->person_id)
        << ", worked out under " << h.name << " version \"" << h.version << "\" (in force from "
        << h.in_force.to_string() << ", " << rules.content_hash.substr(0, 19) << ")\n";
    if (!h.source.empty()) out << "Source: " << h.source << "\n";
    out << "Arithmetic is exact; amounts are shown to the penny, halves rounded away from zero.\n";

    for (const Stretch& s : account.stretches) {
        out << "\n" << s.first.to_string() << " to " << s.last.to_string() << " (" << s.days()
            << (s.days() == 1 ? " day" : " days") << ")";
        if (s.care)
            out << ": care period " << s.care->id << ", " << s.care->setting.word << ", " << s.care->budget.word
                << " budget";
        else
            out << ": no care period";
        out << "\n";
        if (!s.rules_in_force) {
            out << "    before these rules are in force (" << h.in_force.to_string() << "): nothing counts\n";
            continue;
        }
        // Each figure once, the one the meter uses first, then what it rests on.
        std::set<const void*> shown;
        for (auto it = s.trace.rbegin(); it != s.trace.rend(); ++it) {
            const void* key = it->definition ? static_cast<const void*>(it->definition)
                              : it->parameter ? static_cast<const void*>(it->parameter)
                                              : static_cast<const void*>(it->input);
            if (it->args.empty() && !shown.insert(key).second) continue;
            explain_record(out, *it, rules);
        }
        for (std::size_t i = 0; i < s.meters.size(); ++i) {
            const MeterStretch& m = s.meters[i];
            const MeterDecl& decl = *account.meters[i].meter;
            if (!m.metering) {
                out << "  " << decl.name << ": nothing accrues"
                    << (s.care ? " (the ceiling was already reached)" : " (no care)") << "; total "
                    << money(m.total_start) << of_ceiling(m) << "\n";
                continue;
            }
            out << "  " << decl.name << " accrues " << money(m.rate) << " per " << to_string(m.per) << " ("
                << decl.rate->span.text() << ", " << where(decl.span) << ")" << cited(decl.cite) << "\n";
            if (m.reached_on) {
                out << "    from " << money(m.total_start) << ", the ceiling of " << money(m.ceiling) << " ("
                    << decl.ceiling->span.text() << ") is reached on " << m.reached_on->to_string() << ", day "
                    << (*m.reached_on - s.first + 1) << " of this stretch: " << money(m.accrued)
                    << " accrues here, and nothing after\n";
            } else {
                out << "    " << money(m.rate) << " per " << to_string(m.per) << " x " << s.days() << " days"
                    << (m.per == Per::week ? " / 7" : "") << " = " << money(m.accrued) << "; running total "
                    << money(m.total_start + m.accrued) << of_ceiling(m) << "\n";
            }
        }
    }
    for (const Statement& st : account.statements) {
        if (st.date == account.statements.front().date)
            out << "\nCare account statements"
                << (rules.statements->cite.text.empty() ? "" : " (" + rules.statements->cite.text + ")") << "\n";
        if (!st.issued) {
            out << "  " << st.date.to_string() << ": no statement: " << st.not_issued_because << "\n";
            continue;
        }
        out << "  " << st.date.to_string() << ", from " << st.authority << " (" << st.budget << " budget)\n"
            << "    1. the cap: " << money(st.cap_level) << "\n"
            << "    2. the total cost of meeting your needs: " << money(st.total_cost) << " a week\n"
            << "    3. your current rate of progress: " << money(st.rate) << " a week\n"
            << "    4. daily living costs: " << money(st.living_costs) << " a week\n"
            << "    5. accrued costs: " << money(st.accrued) << "\n"
            << "    6. adjustments since the last statement: " << (st.adjustments.empty() ? "none" : "") << "\n";
        for (auto& e : st.adjustments) out << "       " << e.date.to_string() << " " << e.text << "\n";
        out << "    7. expected to reach the cap: "
            << (st.expected_shown ? st.expected_on->to_string() + " (by " + st.expected_by + ")"
                                  : std::string("not within the period statements show it for")) << "\n"
            << "    8. " << (st.caveat.empty() ? "(no caveat for this kind of budget)" : st.caveat) << "\n";
    }
    out << "\n";
    for (const MeterTotal& m : account.meters) {
        out << m.meter->name << ": " << money(m.total);
        if (m.ceiling) {
            out << " of " << money(*m.ceiling) << " ("
                << (m.ceiling->sign() > 0 ? percent(m.total / *m.ceiling) : std::string("-")) << ")";
            out << (m.reached_on ? "; ceiling reached on " + m.reached_on->to_string() : "; ceiling not reached");
        } else {
            out << " (no ceiling: this meter records)";
        }
        out << "\n";
        for (const MeterEvent& e : m.events) out << "  " << e.date.to_string() << "  " << e.text << "\n";
    }
    return out.str();
}

} // namespace carecap
