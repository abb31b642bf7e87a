// history.h: a person's care history, loaded from JSON and validated.
//
// The format is documented field by field in docs/history.md and as a JSON
// Schema in docs/history.schema.json. Loading never throws on bad input: it
// returns every problem found, each with the JSON path of the value at fault.
#pragma once

#include "lang/limits.h"
#include "stdlib/date.h"
#include "stdlib/decimal.h"

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace carecap {

// Words that the rule files give meaning to (care setting, kind of budget,
// kind of service, payer of a top-up) stay text here: the rule file declares
// the enumeration and the evaluator checks each word against it, naming `path`.
struct EnumWord {
    std::string word;
    std::string path; // JSON path of the word, e.g. "care_periods[2].setting"
};

struct TopUp {
    EnumWord payer;      // e.g. "first_party", "third_party"
    Decimal weekly;      // money per week, >= 0
};

// A service with its weekly cost: one item of a care period's package (`services`, the package
// itemised: home care, day care, carers' support...), or a part of the package met under other
// legislation (NHS continuing healthcare, NHS-funded nursing care, section 117 aftercare) or
// otherwise outside what counts (`other_services`). The rules decide what each kind means.
struct OtherService {
    EnumWord kind;
    Decimal weekly;      // money per week, >= 0
};

// The word a care period's residence has when the stay is permanent: runs of permanent
// residence (the 12-week and 52-week property rules) are worked out from it.
inline constexpr std::string_view permanent_residence_word = "permanent";

struct CarePeriod {
    std::string id;
    std::string path;                 // "care_periods[0]"
    Date start;                       // first day of care
    std::optional<Date> end;          // last day of care (inclusive); none = ongoing
    EnumWord setting;                 // e.g. "residential", "home"
    EnumWord budget;                  // e.g. "personal", "independent"
    Decimal weekly_cost;              // cost to the authority of meeting eligible needs
    Decimal weekly_charge;            // what the person is charged a week (0 if none)
    std::optional<Decimal> invoiced_weekly; // what invoices show a week, where they differ from the budget
    std::vector<TopUp> top_ups;
    std::vector<OtherService> other_services;
    // The package itemised by kind of service; the items add up to at most weekly_cost. Empty if not given.
    std::vector<OtherService> services;
    bool pays_accommodation_separately = false; // housing benefit, owns the home, pays rent
    // "permanent" or "temporary" (the rule file declares the words). Left out of the document it is
    // "permanent", with the care period's own path, since a stay is permanent unless said otherwise;
    // a period built in code (a projection's) is permanent too.
    EnumWord residence{std::string(permanent_residence_word), ""};
    // A fee a week for arranging the care of a self-funder who asked the authority to (s18(3)); 0 if none.
    Decimal arrangement_fee;
};


struct IncomeItem {
    EnumWord kind;       // e.g. "state_pension", "pip_mobility"
    Decimal weekly;      // money per week, >= 0
};

// Capital the person owns with others (regulation 24): the whole value, and the person's share of
// it: the value divided equally among the owners unless the history shows the share.
struct JointCapital {
    std::string path;                 // "financial_assessments[0].joint_capital[1]"
    Decimal value;                    // the whole asset, >= 0
    Decimal share;                    // the person's part of it, <= value
};

// The person's partner (spouse or civil partner, or living as one) in a financial assessment.
// Only the person's own income is assessed; the partner's is recorded, never added to it.
struct Partner {
    std::optional<Date> date_of_birth;    // for the couple rates of the minimum income guarantee
    bool in_same_care_home = false;       // the pension-passing disregard is for a partner elsewhere
};

struct FinancialAssessment {
    std::string path;                 // "financial_assessments[0]"
    Date date;                        // in force from this date until the next one
    Decimal capital;                  // >= 0, not counting the main home
    Decimal property;                 // the value of the main home, >= 0 (0 if none)
    std::vector<IncomeItem> income;
    Decimal disability_related_expenditure; // money per week, >= 0
    Decimal housing_costs;            // money per week, >= 0
    std::vector<EnumWord> premiums;   // premiums the person qualifies for, e.g. "disability"
    std::vector<EnumWord> home_occupied_by; // who else lives in the person's home, e.g. "partner"
    std::vector<JointCapital> joint_capital; // capital owned with others, the person's share counted
    std::optional<Partner> partner;   // the person's partner, if the assessment declares one
    std::vector<IncomeItem> partner_income;  // the partner's income: recorded, never assessed
    Decimal pension_passed_to_partner; // pension paid over to the partner each week (0 if none)
    std::optional<bool> night_care_at_home; // whether night care is provided at home, if stated
};

struct EligibilityDecision {
    std::string path;
    Date date;
    bool eligible = false;
};

struct Move {
    std::string path;
    Date date;                        // first day in the new authority
    std::string to_authority;
};

struct Adjustment {
    std::string path;
    Date date;                        // the day the adjustment is made
    Decimal amount;                   // added to accrued costs; may be negative
    std::string reason;
    std::optional<Date> covers_from;  // the period the adjustment corrects, if stated
    std::optional<Date> covers_to;
    EnumWord kind;                    // e.g. "verification", "temporary_change"; empty if not stated
};

// A fee the authority charges for a deferred payment agreement (setting it up, a valuation, an
// annual administration charge), added to what is deferred on its date.
struct DeferredPaymentFee {
    std::string path;
    Date date;
    Decimal amount;                   // >= 0
    std::string reason;
};

// A deferred payment agreement (Care Act 2014 s34): the person's charge, or part of it, is deferred
// against their home from `start` until `end` (the agreement ends: the home sold, the debt repaid).
struct DeferredPayment {
    std::string path = "deferred_payment";
    Date start;
    std::optional<Date> end;          // last day of the agreement (inclusive); none = still running
    std::optional<Decimal> weekly;    // a fixed amount deferred a week; none = the whole charge
    std::vector<DeferredPaymentFee> fees; // sorted by date
    bool open_on(Date day) const { return start <= day && (!end || day <= *end); }
};

// Who a statement comes from and how to ask about it ("authority_contact", docs/history.md): words
// for the letter only, never read by the rules. Empty: not given.
struct AuthorityContact {
    std::string name, address, telephone, email, queries;
};

struct History {
    int format = 1;                   // "carecap_history": the format version
    std::string person_id;
    std::string person_name, person_reference; // person.name, person.reference: for letters (optional)
    AuthorityContact authority_contact;
    std::optional<Date> date_of_birth;
    std::string authority;            // the authority meeting needs at the start
    std::optional<Date> as_of;        // evaluate up to and including this day
    std::optional<Date> assessment_requested;
    std::optional<Date> need_identified;  // the day the authority identified that the person might need an assessment
    // The first day of the permanent residence the first care period continues, where it began
    // before the history does (a stay that started before the authority's records).
    std::optional<Date> permanent_residence_from;
    std::vector<EligibilityDecision> eligibility;
    std::vector<CarePeriod> care_periods;          // sorted by start, never overlapping
    std::vector<FinancialAssessment> financial_assessments; // sorted by date
    std::vector<Move> moves;                       // sorted by date
    std::vector<Adjustment> adjustments;           // sorted by date
    std::optional<DeferredPayment> deferred_payment;

    // The last day evaluated: as_of, else the last end of a care period.
    // Loading guarantees one exists when there is any care period.
    std::optional<Date> horizon() const;
};

struct HistoryError {
    std::string path;    // JSON path: "" for the document, "care_periods[1].end"
    std::string message; // what was expected and what was found
};

struct HistoryLoad {
    std::optional<History> history;   // set only when errors is empty
    std::vector<HistoryError> errors;
};

// Parses and validates a care history. `source_name` is used in messages about
// the text itself (a JSON syntax error names it with line and column).
HistoryLoad load_history(std::string_view json_text, std::string_view source_name, const Limits& limits = {});

} // namespace carecap
