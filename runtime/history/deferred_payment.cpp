// history/deferred_payment.cpp: the deferred payment agreement of a care history (docs/history.md).
#include "runtime/history/history_reader.h"

namespace carecap::history_read {

namespace {

// What is deferred a week: the words "whole_charge", or a fixed amount of money.
std::optional<Decimal> read_weekly(Reader& r, const Node& n, const std::string& path, bool& bad) {
    const Node* weekly = r.member(n, path, "weekly", Need::required);
    if (!weekly) {
        bad = true;
        return std::nullopt;
    }
    if (weekly->kind == Node::Kind::string && weekly->text == "whole_charge") return std::nullopt;
    auto amount = r.money(n, path, "weekly", Need::required, false);
    bad = !amount.value;
    return amount.value;
}

void read_fees(Reader& r, const Node& n, const std::string& path, DeferredPayment& d) {
    bool bad = false;
    const Node* list = r.array(n, path, "fees", Need::optional, bad);
    if (!list) return;
    const std::string list_path = member_path(path, "fees");
    for (std::size_t i = 0; i < list->items.size(); ++i) {
        const std::string item = item_path(list_path, i);
        const Node& f = list->items[i];
        if (!r.object(f, item, {"date", "amount", "reason"}, "a fee of the deferred payment")) continue;
        auto date = r.date(f, item, "date", Need::required);
        auto amount = r.money(f, item, "amount", Need::required, false);
        auto reason = r.text(f, item, "reason", Need::required);
        if (date.value && amount.value && reason.value)
            d.fees.push_back(DeferredPaymentFee{item, *date.value, *amount.value, std::move(*reason.value)});
    }
    std::stable_sort(d.fees.begin(), d.fees.end(),
                     [](const DeferredPaymentFee& a, const DeferredPaymentFee& b) { return a.date < b.date; });
}

} // namespace

void read_deferred_payment(Reader& r, const Node& root, History& h) {
    const Node* n = r.member(root, "", "deferred_payment", Need::optional);
    const std::string path = "deferred_payment";
    if (!n || !r.object(*n, path, {"start", "end", "weekly", "fees"}, "a deferred payment agreement")) return;
    DeferredPayment d;
    auto start = r.date(*n, path, "start", Need::required);
    auto end = r.date(*n, path, "end", Need::optional);
    bool weekly_bad = false;
    d.weekly = read_weekly(r, *n, path, weekly_bad);
    read_fees(r, *n, path, d);
    if (start.value && end.value && *end.value < *start.value) {
        r.error(member_path(path, "end"), "end " + end.value->to_string() + " is before start " + start.value->to_string());
        return;
    }
    if (!start.value || end.bad || weekly_bad) return;
    d.start = *start.value;
    d.end = end.value;
    for (const DeferredPaymentFee& f : d.fees)
        if (f.date < d.start)
            r.error(member_path(f.path, "date"), "the fee's date " + f.date.to_string() +
                                                     " is before the deferred payment agreement starts (" +
                                                     d.start.to_string() + ")");
    h.deferred_payment = std::move(d);
}

void check_deferred_payment(Reader& r, const History& h) {
    if (!h.deferred_payment) return;
    // Care Act 2014 s34 and the Deferred Payment Regulations 2014 reg 2: the agreement is secured by a
    // charge on the person's home, so a person with no home recorded cannot have one.
    for (const FinancialAssessment& a : h.financial_assessments)
        if (a.property.sign() > 0) return;
    r.error("deferred_payment",
            "a deferred payment agreement is secured on the person's home, but no financial assessment records a "
            "property (financial_assessments[].property): give the home's value, or remove the deferred payment");
}

} // namespace carecap::history_read
