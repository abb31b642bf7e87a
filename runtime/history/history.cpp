// history.cpp: loads a care history from JSON, keeping money exact and reporting every problem.
#include "runtime/history/history.h"

#include "runtime/history/history_reader.h"
#include "runtime/history/json_tree.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <utility>

namespace carecap {

std::optional<Date> History::horizon() const {
    if (as_of) return as_of;
    std::optional<Date> last;
    for (const auto& period : care_periods) {
        // An ongoing period with no as_of has no last day; loading forbids it,
        // but a History built by hand could still hold one.
        if (!period.end) return std::nullopt;
        if (!last || *period.end > *last) last = period.end;
    }
    return last;
}

namespace {

using namespace history_json;
using namespace history_read;

// ---------------------------------------------------------------------------
// The format itself.

std::string span(const CarePeriod& p) {
    return p.end ? "(" + p.start.to_string() + " to " + p.end->to_string() + ")"
                 : "(" + p.start.to_string() + " onwards)";
}

void read_format(Reader& r, const Node& root, History& h) {
    const Node* n = r.member(root, "", "carecap_history", Need::optional);
    if (!n) {
        r.error("", "missing required field \"carecap_history\" (the format version, 1; is this a care history?)");
        return;
    }
    if (n->kind != Node::Kind::number) {
        r.error("carecap_history", "expected the format version 1, found " + kind_of(*n));
        return;
    }
    const auto version = Decimal::parse(n->text);
    if (!version || *version != Decimal(1)) {
        r.error("carecap_history", "unsupported format version " + n->text + " (this carecap reads version 1)");
        return;
    }
    h.format = 1;
}

void read_person(Reader& r, const Node& root, History& h) {
    const Node* n = r.member(root, "", "person", Need::required);
    if (!n || !r.object(*n, "person", {"id", "date_of_birth", "name", "reference"}, "the person")) return;
    if (auto id = r.text(*n, "person", "id", Need::required); id.value) h.person_id = std::move(*id.value);
    h.date_of_birth = r.date(*n, "person", "date_of_birth", Need::optional).value;
    h.person_name = r.text(*n, "person", "name", Need::optional).value.value_or("");
    h.person_reference = r.text(*n, "person", "reference", Need::optional).value.value_or("");
}

// "authority_contact": words for the statement letter (who it is from, how to ask about it).
void read_authority_contact(Reader& r, const Node& root, History& h) {
    const Node* n = r.member(root, "", "authority_contact", Need::optional);
    const std::string at = "authority_contact";
    if (!n || !r.object(*n, at, {"name", "address", "telephone", "email", "queries"}, "the authority's contact details"))
        return;
    AuthorityContact& c = h.authority_contact;
    c.name = r.text(*n, at, "name", Need::optional).value.value_or("");
    c.address = r.text(*n, at, "address", Need::optional).value.value_or("");
    c.telephone = r.text(*n, at, "telephone", Need::optional).value.value_or("");
    c.email = r.text(*n, at, "email", Need::optional).value.value_or("");
    c.queries = r.text(*n, at, "queries", Need::optional).value.value_or("");
}

void read_eligibility(Reader& r, const Node& root, History& h) {
    bool bad = false;
    const Node* list = r.array(root, "", "eligibility", Need::optional, bad);
    if (!list) return;
    for (std::size_t i = 0; i < list->items.size(); ++i) {
        const std::string path = item_path("eligibility", i);
        const Node& item = list->items[i];
        if (!r.object(item, path, {"date", "eligible"}, "an eligibility decision")) continue;
        auto date = r.date(item, path, "date", Need::required);
        auto eligible = r.boolean(item, path, "eligible", Need::required);
        if (date.value && eligible.value) h.eligibility.push_back(EligibilityDecision{path, *date.value, *eligible.value});
    }
}

// Top-ups and other services share a shape: a word naming what, and money a week.
template <typename T>
void read_weekly_list(Reader& r, const Node& period, const std::string& path, std::string_view name,
                      std::string_view word_name, std::string_view what, std::vector<T>& out) {
    bool bad = false;
    const Node* list = r.array(period, path, name, Need::optional, bad);
    if (!list) return;
    const std::string list_path = member_path(path, name);
    for (std::size_t i = 0; i < list->items.size(); ++i) {
        const std::string item = item_path(list_path, i);
        const Node& n = list->items[i];
        if (!r.object(n, item, {word_name, "weekly"}, what)) continue;
        auto word = r.word(n, item, word_name, Need::required);
        auto weekly = r.money(n, item, "weekly", Need::required, false);
        if (word.value && weekly.value) out.push_back(T{std::move(*word.value), *weekly.value});
    }
}

// The package itemised: its services cost together at most what the whole package costs, or one of the
// two figures is wrong and a council's free services would be taken off a cost they are not part of.
void check_services_within_cost(Reader& r, const Node& period, const std::string& path, const Decimal& weekly_cost,
                                const std::vector<OtherService>& services) {
    Decimal sum;
    for (const OtherService& s : services) sum += s.weekly;
    if (sum <= weekly_cost) return;
    r.error(member_path(path, "services"),
            "the services add up to \"" + sum.to_fixed(2, Rounding::half_up) + "\" a week, more than the weekly_cost " +
                as_written(*r.member(period, path, "weekly_cost", Need::optional)) +
                " (the services itemise the package: together they cost at most the whole of it)");
}

void read_care_periods(Reader& r, const Node& root, History& h) {
    bool bad = false;
    const Node* list = r.array(root, "", "care_periods", Need::required, bad);
    if (!list) return;
    std::map<std::string, std::string> first_with_id;
    for (std::size_t i = 0; i < list->items.size(); ++i) {
        const std::string path = item_path("care_periods", i);
        const Node& n = list->items[i];
        if (!r.object(n, path,
                      {"id", "start", "end", "setting", "budget", "weekly_cost", "weekly_charge", "invoiced_weekly", "top_ups",
                       "other_services", "services", "pays_accommodation_separately", "residence", "arrangement_fee"},
                      "a care period"))
            continue;
        CarePeriod p;
        p.path = path;
        auto id = r.text(n, path, "id", Need::required);
        auto start = r.date(n, path, "start", Need::required);
        auto end = r.date(n, path, "end", Need::optional);
        auto setting = r.word(n, path, "setting", Need::required);
        auto budget = r.word(n, path, "budget", Need::required);
        auto cost = r.money(n, path, "weekly_cost", Need::required, false);
        auto charge = r.money(n, path, "weekly_charge", Need::optional, false);
        auto invoiced = r.money(n, path, "invoiced_weekly", Need::optional, false);
        read_weekly_list(r, n, path, "top_ups", "payer", "an item of top_ups", p.top_ups);
        read_weekly_list(r, n, path, "other_services", "kind", "an item of other_services", p.other_services);
        read_weekly_list(r, n, path, "services", "kind", "an item of services", p.services);
        if (cost.value) check_services_within_cost(r, n, path, *cost.value, p.services);
        auto separately = r.boolean(n, path, "pays_accommodation_separately", Need::optional);
        auto residence = r.word(n, path, "residence", Need::optional);
        auto arrangement_fee = r.money(n, path, "arrangement_fee", Need::optional, false);

        if (start.value && end.value && *end.value < *start.value) {
            r.error(member_path(path, "end"),
                    "end " + end.value->to_string() + " is before start " + start.value->to_string());
            end.bad = true;
        }
        if (id.value) {
            // Reported at the later one in the document, the one a reader
            // reaches after seeing the first.
            const auto [first, inserted] = first_with_id.emplace(*id.value, path);
            if (!inserted)
                r.error(member_path(path, "id"), "duplicate id " + in_quotes(*id.value) + " (also " + first->second + ")");
        }
        // A period whose dates are unreadable cannot take part in the overlap
        // and as_of checks without producing guesses; one whose other fields
        // are bad still can, and the load fails on their errors anyway.
        if (!id.value || !start.value || end.bad) continue;
        p.id = std::move(*id.value);
        p.start = *start.value;
        p.end = end.value;
        if (setting.value) p.setting = std::move(*setting.value);
        if (budget.value) p.budget = std::move(*budget.value);
        if (cost.value) p.weekly_cost = *cost.value;
        p.weekly_charge = charge.value.value_or(Decimal(0));
        p.invoiced_weekly = invoiced.value;
        p.pays_accommodation_separately = separately.value.value_or(false);
        p.residence = residence.value.value_or(EnumWord{std::string(permanent_residence_word), path});
        p.arrangement_fee = arrangement_fee.value.value_or(Decimal(0));
        h.care_periods.push_back(std::move(p));
    }
}

// A list of words the rule file declares, such as the premiums or who lives in the home.
void read_word_list(Reader& r, const Node& obj, const std::string& path, std::string_view name, std::string_view what,
                    std::vector<EnumWord>& out) {
    bool bad = false;
    const Node* list = r.array(obj, path, name, Need::optional, bad);
    if (!list) return;
    const std::string list_path = member_path(path, name);
    for (std::size_t k = 0; k < list->items.size(); ++k) {
        const Node& w = list->items[k];
        const std::string item = item_path(list_path, k);
        if (w.kind != Node::Kind::string || w.text.empty())
            r.error(item, "expected " + std::string(what) + " (a non-empty string), found " +
                              (w.kind == Node::Kind::string ? std::string("\"\"") : kind_of(w)));
        else
            out.push_back(EnumWord{w.text, item});
    }
}

// The number of joint owners: a whole number of at least 2 (the person and someone else).
std::optional<Decimal> read_owners(Reader& r, const Node& item, const std::string& path) {
    const Node* n = r.member(item, path, "owners", Need::optional);
    if (!n) return Decimal(2);
    const std::string here = member_path(path, "owners");
    const bool whole = n->kind == Node::Kind::number && !n->text.empty() &&
                       std::all_of(n->text.begin(), n->text.end(), [](char c) { return c >= '0' && c <= '9'; });
    const auto owners = whole ? Decimal::parse(n->text) : std::nullopt;
    if (!owners || *owners < Decimal(2)) {
        r.error(here, "expected the number of owners, a whole number of at least 2, found " +
                          (n->kind == Node::Kind::number ? as_written(*n) : kind_of(*n)));
        return std::nullopt;
    }
    return owners;
}

// Regulation 24: each joint owner is treated as owning an equal share, unless the share is shown.
void read_joint_capital(Reader& r, const Node& n, const std::string& path, FinancialAssessment& a) {
    bool bad = false;
    const Node* list = r.array(n, path, "joint_capital", Need::optional, bad);
    if (!list) return;
    const std::string list_path = member_path(path, "joint_capital");
    for (std::size_t k = 0; k < list->items.size(); ++k) {
        const std::string item = item_path(list_path, k);
        const Node& j = list->items[k];
        if (!r.object(j, item, {"value", "owners", "share"}, "an item of joint_capital")) continue;
        auto value = r.money(j, item, "value", Need::required, false);
        auto share = r.money(j, item, "share", Need::optional, false);
        if (share.value && r.member(j, item, "owners", Need::optional)) {
            r.error(member_path(item, "owners"), "give owners (for equal shares) or share (the person's own), not both");
            continue;
        }
        const auto owners = share.value ? std::optional<Decimal>(Decimal(1)) : read_owners(r, j, item);
        if (!value.value || !owners || share.bad) continue;
        if (share.value && *share.value > *value.value) {
            r.error(member_path(item, "share"), "the person's share " + as_written(*r.member(j, item, "share", Need::optional)) +
                                                    " is more than the whole value " +
                                                    as_written(*r.member(j, item, "value", Need::optional)));
            continue;
        }
        a.joint_capital.push_back(JointCapital{item, *value.value, share.value.value_or(*value.value / *owners)});
    }
}

// The partner, and what only a partner can explain: their income, a pension passed to them.
void read_couple(Reader& r, const Node& n, const std::string& path, FinancialAssessment& a) {
    if (const Node* p = r.member(n, path, "partner", Need::optional)) {
        const std::string here = member_path(path, "partner");
        if (r.object(*p, here, {"date_of_birth", "in_same_care_home"}, "the partner")) {
            Partner partner;
            partner.date_of_birth = r.date(*p, here, "date_of_birth", Need::optional).value;
            partner.in_same_care_home = r.boolean(*p, here, "in_same_care_home", Need::optional).value.value_or(false);
            a.partner = partner;
        }
    }
    read_weekly_list(r, n, path, "partner_income", "kind", "an item of partner_income", a.partner_income);
    auto passed = r.money(n, path, "pension_passed_to_partner", Need::optional, false);
    a.pension_passed_to_partner = passed.value.value_or(Decimal(0));
    a.night_care_at_home = r.boolean(n, path, "night_care_at_home", Need::optional).value;
    if (a.partner || r.member(n, path, "partner", Need::optional)) return;
    const std::string none = " is given, but this assessment declares no partner (add \"partner\")";
    if (r.member(n, path, "partner_income", Need::optional))
        r.error(member_path(path, "partner_income"), "a partner's income" + none);
    if (passed.value)
        r.error(member_path(path, "pension_passed_to_partner"), "a pension passed to a partner" + none);
}

// A partner in the same care home does not live in the person's home.
void check_partner_at_home(Reader& r, const FinancialAssessment& a) {
    if (!a.partner || !a.partner->in_same_care_home) return;
    for (const EnumWord& w : a.home_occupied_by)
        if (w.word == "partner")
            r.error(w.path, "lists the partner as living in the home, but " + member_path(a.path, "partner") +
                                " says they are in the same care home as the person");
}

void read_assessments(Reader& r, const Node& root, History& h) {
    bool bad = false;
    const Node* list = r.array(root, "", "financial_assessments", Need::optional, bad);
    if (!list) return;
    for (std::size_t i = 0; i < list->items.size(); ++i) {
        const std::string path = item_path("financial_assessments", i);
        const Node& n = list->items[i];
        if (!r.object(n, path,
                      {"date", "capital", "property", "income", "disability_related_expenditure", "housing_costs",
                       "premiums", "home_occupied_by", "joint_capital", "partner", "partner_income",
                       "pension_passed_to_partner", "night_care_at_home"},
                      "a financial assessment"))
            continue;
        FinancialAssessment a;
        a.path = path;
        auto date = r.date(n, path, "date", Need::required);
        auto capital = r.money(n, path, "capital", Need::required, false);
        read_weekly_list(r, n, path, "income", "kind", "an item of income", a.income);
        auto property = r.money(n, path, "property", Need::optional, false);
        auto dre = r.money(n, path, "disability_related_expenditure", Need::optional, false);
        auto housing = r.money(n, path, "housing_costs", Need::optional, false);
        read_word_list(r, n, path, "premiums", "the name of a premium", a.premiums);
        read_word_list(r, n, path, "home_occupied_by", "who lives in the home", a.home_occupied_by);
        read_joint_capital(r, n, path, a);
        read_couple(r, n, path, a);
        check_partner_at_home(r, a);
        if (!date.value || !capital.value) continue;
        a.date = *date.value;
        a.capital = *capital.value;
        a.property = property.value.value_or(Decimal(0));
        a.disability_related_expenditure = dre.value.value_or(Decimal(0));
        a.housing_costs = housing.value.value_or(Decimal(0));
        h.financial_assessments.push_back(std::move(a));
    }
}

void read_moves(Reader& r, const Node& root, History& h) {
    bool bad = false;
    const Node* list = r.array(root, "", "moves", Need::optional, bad);
    if (!list) return;
    for (std::size_t i = 0; i < list->items.size(); ++i) {
        const std::string path = item_path("moves", i);
        const Node& n = list->items[i];
        if (!r.object(n, path, {"date", "to_authority"}, "a move")) continue;
        auto date = r.date(n, path, "date", Need::required);
        auto to = r.text(n, path, "to_authority", Need::required);
        if (date.value && to.value) h.moves.push_back(Move{path, *date.value, std::move(*to.value)});
    }
}

void read_adjustments(Reader& r, const Node& root, History& h) {
    bool bad = false;
    const Node* list = r.array(root, "", "adjustments", Need::optional, bad);
    if (!list) return;
    for (std::size_t i = 0; i < list->items.size(); ++i) {
        const std::string path = item_path("adjustments", i);
        const Node& n = list->items[i];
        if (!r.object(n, path, {"date", "amount", "reason", "kind", "covers_from", "covers_to"}, "an adjustment")) continue;
        auto date = r.date(n, path, "date", Need::required);
        auto amount = r.money(n, path, "amount", Need::required, true);
        auto reason = r.text(n, path, "reason", Need::required);
        auto from = r.date(n, path, "covers_from", Need::optional);
        auto to = r.date(n, path, "covers_to", Need::optional);
        auto kind = r.word(n, path, "kind", Need::optional);
        if (from.value && to.value && *to.value < *from.value) {
            r.error(member_path(path, "covers_to"),
                    "covers_to " + to.value->to_string() + " is before covers_from " + from.value->to_string());
            continue;
        }
        if (date.value && amount.value && reason.value)
            h.adjustments.push_back(Adjustment{path, *date.value, *amount.value, std::move(*reason.value), from.value,
                                               to.value, kind.value.value_or(EnumWord{})});
    }
}

// Checks across care periods, on those read well enough (already sorted).
void check_care_periods(Reader& r, const History& h, bool as_of_bad) {
    // Sorted by start, a period overlaps an earlier one exactly when it starts
    // no later than the furthest-reaching earlier period ends.
    const CarePeriod* reach = nullptr;
    for (const auto& p : h.care_periods) {
        if (reach && (!reach->end || p.start <= *reach->end))
            r.error(p.path, "overlaps " + reach->path + " " + span(*reach));
        if (!reach || (reach->end && (!p.end || *p.end > *reach->end))) reach = &p;
    }

    if (h.care_periods.empty()) return;
    if (!h.as_of && !as_of_bad) {
        for (const auto& p : h.care_periods) {
            if (!p.end) {
                r.error("", "missing required field \"as_of\": " + p.path +
                                " has no end, so the last day to evaluate must be given");
                break;
            }
        }
    }
    if (h.as_of && *h.as_of < h.care_periods.front().start)
        r.error("as_of", "as_of " + h.as_of->to_string() + " is before the first care period starts (" +
                             h.care_periods.front().start.to_string() + ")");
}

// A first day of permanent residence given by the history says when the stay the first care
// period continues began; it means nothing for a temporary stay or after the history starts.
void check_permanent_residence_from(Reader& r, const History& h) {
    if (!h.permanent_residence_from) return;
    const std::string day = h.permanent_residence_from->to_string();
    if (h.care_periods.empty()) {
        r.error("permanent_residence_from", "permanent_residence_from " + day +
                                                " is given, but there is no care period for it to begin");
        return;
    }
    const CarePeriod& first = h.care_periods.front();
    if (*h.permanent_residence_from > first.start)
        r.error("permanent_residence_from", "permanent_residence_from " + day + " is after the first care period starts (" +
                                                first.start.to_string() +
                                                "): give it only for a stay that began before the history");
    else if (first.residence.word != permanent_residence_word)
        r.error("permanent_residence_from", "permanent_residence_from " + day + " is given, but the first care period (" +
                                                first.path + ") is not a permanent stay (residence " +
                                                in_quotes(first.residence.word) + ")");
}

// Sorting keeps documents that list items in any order equivalent; stable so
// that two items on one day keep the order the document gave them.
template <typename T>
void sort_by_date(std::vector<T>& items) {
    std::stable_sort(items.begin(), items.end(), [](const T& a, const T& b) { return a.date < b.date; });
}

} // namespace

HistoryLoad load_history(std::string_view json_text, std::string_view source_name, const Limits& limits) {
    HistoryLoad result;
    if (json_text.size() > limits.history_bytes) {
        result.errors.push_back(HistoryError{
            "", std::string(source_name) + " is " + std::to_string(json_text.size()) + " bytes, over the limit of " +
                    std::to_string(limits.history_bytes) + " bytes (the limit history_bytes)"});
        return result;
    }

    if (json_text.starts_with("\xFF\xFE") || json_text.starts_with("\xFE\xFF")) {
        result.errors.push_back(HistoryError{"", std::string(source_name) +
                                                     " is UTF-16 text: a care history must be UTF-8 JSON"});
        return result;
    }
    HistoryError failure;
    std::optional<Node> tree = parse_tree(json_text, source_name, limits, failure);
    if (!tree) {
        result.errors.push_back(std::move(failure));
        return result;
    }
    const Node& root = *tree;

    Reader r(result.errors);
    if (!r.object(root, "",
                  {"carecap_history", "person", "authority", "authority_contact", "as_of", "assessment_requested", "need_identified", "eligibility",
                   "care_periods", "financial_assessments", "moves", "adjustments", "permanent_residence_from",
                   "deferred_payment"},
                  "a care history")) {
        return result;
    }

    History h;
    read_format(r, root, h);
    read_person(r, root, h);
    read_authority_contact(r, root, h);
    if (auto authority = r.text(root, "", "authority", Need::required); authority.value)
        h.authority = std::move(*authority.value);
    auto as_of = r.date(root, "", "as_of", Need::optional);
    h.as_of = as_of.value;
    h.assessment_requested = r.date(root, "", "assessment_requested", Need::optional).value;
    h.need_identified = r.date(root, "", "need_identified", Need::optional).value;
    h.permanent_residence_from = r.date(root, "", "permanent_residence_from", Need::optional).value;
    read_eligibility(r, root, h);
    read_care_periods(r, root, h);
    read_assessments(r, root, h);
    read_moves(r, root, h);
    read_adjustments(r, root, h);
    read_deferred_payment(r, root, h);

    std::stable_sort(h.care_periods.begin(), h.care_periods.end(),
                     [](const CarePeriod& a, const CarePeriod& b) { return a.start < b.start; });
    sort_by_date(h.financial_assessments);
    sort_by_date(h.moves);
    sort_by_date(h.adjustments);
    sort_by_date(h.eligibility);
    check_care_periods(r, h, as_of.bad);
    check_permanent_residence_from(r, h);
    check_deferred_payment(r, h);

    if (result.errors.empty()) result.history = std::move(h);
    return result;
}

} // namespace carecap
