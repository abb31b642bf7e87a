// explain_text.cpp: each stretch in plain English: what each meter added, then
// every figure behind it with its operands' values, the rule's file:line and the
// guidance it cites. What is as on the stretch before is said once, briefly.
#include "runtime/explanation/explain_model.h"
#include "runtime/explanation/explain_steps.h"
#include "lang/show.h"
#include "runtime/reports/explain_render.h"

#include <sstream>

namespace carecap {

namespace {


std::string cited(const Figure& f) {
    const Citation* c = f.citation();
    return c ? "  [" + c->text + "]" : "";
}

// One derivation: on one line when it is short, else one `= ...` a line.
void write_worked(std::ostringstream& out, const std::vector<std::string>& lines) {
    std::string joined;
    for (const std::string& l : lines) joined += (joined.empty() ? "" : " = ") + l;
    if (joined.size() <= 100) {
        out << "      " << joined << "\n";
        return;
    }
    for (std::size_t i = 0; i < lines.size(); ++i) out << (i ? "    = " : "      ") << lines[i] << "\n";
}

std::string condition_line(const Step& condition, const RuleSet& rules) {
    std::string facts = condition_facts(condition, rules);
    return formula_text(*condition.expr) + (facts.empty() ? "" : " (" + facts + ")");
}

// Why this case or exception gave the value: the condition that held, and those that did not.
void write_conditions(std::ostringstream& out, const Figure& f, const RuleSet& rules) {
    const DefinitionDecl& d = *f.definition;
    std::size_t exceptions = d.exceptions.size();
    for (std::size_t i = 0; i < f.conditions.size(); ++i) {
        const Step& c = f.conditions[i];
        bool held = std::get<bool>(c.value);
        if (i < exceptions) {
            const ExceptionDecl& x = *d.exceptions[i];
            std::string label = x.label.empty() ? "" : " \"" + x.label + "\"";
            if (held && &x == f.used_exception)
                out << "      by the exception" << label << ", because " << condition_line(c, rules) << "\n";
            else if (!held)
                out << "      not the exception" << label << " (" << x.span.file_line("?") << "): it needs "
                    << condition_line(c, rules) << "\n";
            continue;
        }
        out << "      " << (held ? "because " : "not ") << condition_line(c, rules) << "\n";
    }
    if (f.used_case && !f.used_case->condition && f.used_case->span.text().starts_with("otherwise"))
        out << "      otherwise:\n";
}

void write_figure(std::ostringstream& out, const Figure& f, const RuleSet& rules) {
    out << "  " << f.label() << " = ";
    if (!f.not_worked_out.empty()) {
        out << "(not worked out on this stretch: " << f.not_worked_out << ")\n";
        return;
    }
    out << show(f.value, f.type, &rules);
    switch (f.kind) {
    case Figure::Kind::input: out << "  (from the care history)\n"; return;
    case Figure::Kind::parameter:
        out << "  (parameter, value from " << f.parameter_value->from.to_string() << ", "
            << f.parameter_value->span.file_line("?") << ")" << cited(f) << "\n";
        return;
    default: break;
    }
    out << "  (" << f.rule_span()->file_line("?") << ")" << cited(f) << "\n";
    if (f.definition) write_conditions(out, f, rules);
    if (f.worked) write_worked(out, substituted_lines(*f.worked, rules));
}

// Every figure reachable from the roots, each once, in the order a reader needs them.
// An unchanged figure reached from a changed one (or a root) is named in the "as before"
// line; what an unchanged figure rests on goes without saying, unless it changed itself.
struct Order {
    std::vector<std::size_t> changed, as_before;
};

void order(const ExplainedStretch& s, std::size_t i, bool under_unchanged, std::vector<char>& seen, Order& out) {
    if (seen[i]) return;
    seen[i] = 1;
    const Figure& f = s.figures[i];
    if (!f.unchanged) out.changed.push_back(i);
    else if (!under_unchanged) out.as_before.push_back(i);
    for (std::size_t used : f.uses) order(s, used, f.unchanged, seen, out);
}

// A meter that charges interest: what the stretch earned, added to the total on the 1st of next month.
void write_interest(std::ostringstream& out, const Stretch& s, const MeterStretch& m, const MeterDecl& decl) {
    if (!m.charges_interest || m.interest_rate.is_zero()) return; // no agreement running: nothing to say
    out << "  " << decl.name << " earns interest at " << percent(m.interest_rate) << " a year / 365 a day on the total at the"
        << " start of each of the " << s.days() << (s.days() == 1 ? " day" : " days") << ": " << money(m.interest)
        << " (exactly " << m.interest.to_fixed(6, Rounding::half_up) << "), added with the month's interest on the 1st"
        << " of the next month, to the penny\n";
}

void write_meter_accrual(std::ostringstream& out, const Stretch& s, const MeterStretch& m, const MeterDecl& decl) {
    std::string of = m.has_ceiling ? " of " + money(m.ceiling) : std::string();
    if (!m.metering) {
        out << "  " << decl.name << ": nothing accrues"
            << (s.care ? " (the ceiling was already reached)" : " (no care)") << "; total " << money(m.total_start) << of
            << "\n";
        return;
    }
    if (m.reached_on) {
        out << "  " << decl.name << ": from " << money(m.total_start) << " at " << money(m.rate) << " per "
            << to_string(m.per) << ", the ceiling of " << money(m.ceiling) << " is reached on "
            << m.reached_on->to_string() << ", day " << (*m.reached_on - s.first + 1)
            << " of this stretch: " << money(m.accrued) << " accrues here, and nothing after\n";
        return;
    }
    out << "  " << decl.name << " accrues " << money(m.rate) << " per " << to_string(m.per) << " x ";
    if (m.whole_weeks) { // `accrues by whole weeks`: a week's rate on each week's last day in the stretch
        const std::int64_t weeks = whole_weeks_ending(s.care, s.first, s.last);
        out << weeks << (weeks == 1 ? " whole week ended" : " whole weeks ended");
    } else {
        out << s.days() << (s.days() == 1 ? " day" : " days") << (m.per == Per::week ? " / 7" : "");
    }
    out << " = " << money(m.accrued)
        << "; running total " << (m.total_start.is_zero() ? "" : money(m.total_start) + " + " + money(m.accrued) + " = ")
        << money(m.total_start + m.accrued) << of << "\n";
}

void write_meter(std::ostringstream& out, const Stretch& s, const MeterStretch& m, const MeterDecl& decl) {
    write_meter_accrual(out, s, m, decl);
    write_interest(out, s, m, decl);
}

void write_stretch(std::ostringstream& out, const Explanation& ex, const ExplainedStretch& es) {
    const Account& account = *ex.account;
    const Stretch& s = *es.stretch;
    const RuleSet& rules = account.rules_of(s);
    out << "\n" << s.first.to_string() << " to " << s.last.to_string() << " (" << s.days()
        << (s.days() == 1 ? " day" : " days") << ")";
    if (s.care)
        out << ": care period " << s.care->id << ", " << s.care->setting.word << ", " << s.care->budget.word << " budget";
    else
        out << ": no care period";
    if (account.chosen_by_authority) out << "; " << s.authority << ", under " << rules.header().name;
    out << "\n";
    if (!s.rules_in_force) {
        out << "  before these rules are in force (" << rules.header().in_force.to_string() << "): nothing counts\n";
        return;
    }
    if (ex.filter.figure.empty() || ex.only_meter)
        for (std::size_t m = 0; m < s.meters.size(); ++m)
            if (!ex.only_meter || ex.only_meter->name == rules.meter_order[m]->name)
                write_meter(out, s, s.meters[m], *rules.meter_order[m]);
    std::vector<char> seen(es.figures.size(), 0);
    Order shown;
    for (std::size_t root : es.roots) order(es, root, false, seen, shown);
    if (shown.changed.empty() && shown.as_before.empty()) {
        if (ex.filter.figure.empty()) out << "  (nothing was worked out on this stretch)\n";
        else out << "  (no figure named " << ex.filter.figure << " was worked out on this stretch)\n";
        return;
    }
    for (std::size_t i : shown.changed) write_figure(out, es.figures[i], rules);
    std::string same;
    for (std::size_t i : shown.as_before) {
        const Figure& f = es.figures[i];
        same += (same.empty() ? "" : ", ") + f.label() + " " + show(f.value, f.type, &rules);
    }
    if (!same.empty())
        out << "  " << (shown.changed.empty() ? "every figure as before: " : "as before: ") << same << "\n";
}

} // namespace

std::string explain_to_text(const Explanation& ex) {
    std::ostringstream out;
    // The answer first (each meter's total), then how every figure was worked out, then the
    // statements, and last the sources the citations name, each once.
    out << explain_heading(*ex.account);
    if (ex.whole()) out << explain_answer(*ex.account);
    if (!ex.filter.figure.empty()) out << "Only " << ex.filter.figure << " and what it rests on.\n";
    if (!ex.stretches.empty()) out << "\nHow each figure was worked out, stretch by stretch:\n";
    for (const ExplainedStretch& s : ex.stretches) write_stretch(out, ex, s);
    if (ex.whole()) out << explain_statements(*ex.account);
    out << explain_sources(*ex.account);
    return out.str();
}

} // namespace carecap
