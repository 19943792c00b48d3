// Temporary stay: the A card of art. 61/4, decided when a document ends.
#include "../replay.hpp"

namespace sejour61 {

namespace bg = boost::gregorian;

namespace procedure {

// @rule R-DATE-CHAIN (procedure.md R-DATE-CHAIN): when a document's last day
// L has passed, the decision is taken on the facts as they stand on L under
// the rule set in force on L, and the next document (an extension, a renewal,
// the A card) continues from L + 1.
void Replay::document_end(const Date& last) {
    const RuleSet& rs = rules_at(last, "document end");
    DecisionFacts facts;
    GuardContext g = conditions(last, rs, &facts);
    g.personal_stay = rs.p.reflection_end_provisional;  // read at the end of a reflection only
    if (labour_track(rs)) labour_read_until_ = last;
    last_ = g;
    Decision& dec = trace_.decide(last + bg::days(1), "", "time:document_end", std::nullopt, Text(), m_.state());
    if (trace_.on()) dec.facts = facts;
    Fired f = m_.fire(Trigger::document_end, g);
    if (!f.handled || !f.row) throw std::logic_error("no transition for the end of a document");
    apply(f, last, last + bg::days(1), rs, nullptr);
    // residence-without-cooperation: conditions 2 and 3 were waived for this decision.
    if (rs.p.conditions_2_3_waived && (f.row->rule == std::string("R-61/4-A") || f.row->rule == std::string("R-61/4-RENEW")))
        trace_.read(dec, rs, {"conditions.waived"});
}

// What the guards of a decision on `d` read: the conditions of art. 61/4 from
// the facts ledger (R-FACTS) under the reforms of `rs`, and what is left of
// the extensions and renewals.
GuardContext Replay::conditions(const Date& d, const RuleSet& rs, DecisionFacts* facts) const {
    bool labour = labour_track(rs);
    bool for_all = rs.p.conditions_2_3_waived;  // residence-without-cooperation
    bool waived = waived_on(d, rs);
    Conditions c = facts_.read(labour, waived);
    GuardContext g;
    g.victim = c.victim;
    g.proceedings = c.proceedings;
    g.cooperation = c.cooperation;
    g.identity = c.identity;
    g.extension_left = book_.extensions < rs.p.provisional_max_extensions;
    g.renewal_left = !rs.p.temporary_max_renewals || book_.renewals < *rs.p.temporary_max_renewals;
    if (facts && trace_.on())
        *facts = DecisionFacts{d, c.victim, c.proceedings, c.cooperation, c.identity, waived, waived && for_all, labour};
    return g;
}

// @rule R-61/4-A (art. 61/4 §1; PAG-ASA, agii.be): at the end of the ai, the
// A card for temporary.months months (R-DATE-CHAIN) when the four conditions
// hold: victim, proceedings ongoing, cooperation, identity.
void Replay::issue_a_card(const Date& act, const Date& effective, const RuleSet& rs) {
    book_.renewals = 0;
    book_.a_card_first = effective;
    a_card(act, effective, rs, "msg.a_card");
}

// @rule R-61/4-RENEW (art. 61/4 §2; PAG-ASA, agii.be): at the end of each A
// card, renewed for temporary.months months while conditions 1-3 hold and
// temporary.max_renewals is not reached.
void Replay::renew_a_card(const Date& act, const Date& effective, const RuleSet& rs) {
    ++book_.renewals;
    a_card(act, effective, rs, "msg.a_card_renewed");
}

void Replay::a_card(const Date& act, const Date& effective, const RuleSet& rs, const char* message) {
    Decision& dec = trace_.current();
    EndCount k = PeriodBook::months(act, rs.p.temporary_months, rs);
    trace_.read(dec, rs, {"temporary.months", "temporary.max_renewals", "dates.month_convention"});
    dec.also.insert(dec.also.end(), {"R-FACTS", "R-DATE-CHAIN", "R-DATE-MONTHS", "R-REGIME"});
    Period p = PeriodBook::document(State::temporary, "a_card", effective, k.unrolled, rs, k, dec.rule);
    p.extensions = book_.renewals;
    p.first_issued = book_.a_card_first.value_or(effective);
    book_.open(std::move(p));
    dec.text = S61_TEXT(message, {{"from", format_date(effective)}, {"until", format_date(k.unrolled)}});
}

// A condition of R-61/4-A (at the end of the ai) or R-61/4-RENEW (at the end
// of the A card) fails, or no renewal is left: the procedure closes.
void Replay::close_not_met(Action a, const Date& end, const Date& closed) {
    close("conditions_not_met", closed);
    Decision& dec = trace_.current();
    dec.also.push_back("R-FACTS");
    if (!trace_.on()) return;  // the text below is the trace's only
    bool renewal = a == Action::close_not_renewed;
    std::string failing;
    auto tri = [](Tri t) { return t == Tri::holds ? "holds" : t == Tri::fails ? "fails" : "unknown"; };
    for (auto [name, value] : {std::pair{"victim", last_.victim}, std::pair{"proceedings", last_.proceedings},
                               std::pair{"cooperation", last_.cooperation}, std::pair{"identity", last_.identity}}) {
        if (renewal && std::string(name) == "identity") continue;
        if (value != Tri::holds)
            failing += (failing.empty() ? "" : ",") + std::string("@cond.") + name + "." + tri(value);
    }
    if (renewal && failing.empty()) failing = "@cond.no_renewal_left";
    dec.text = Text("msg.not_met", {{"end", format_date(end)}, {"failing", failing}});
}

}  // namespace procedure
}  // namespace sejour61
