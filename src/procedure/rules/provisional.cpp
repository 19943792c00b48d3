// Provisional stay: the ai (attestation d'immatriculation) of art. 61/3.
#include "../replay.hpp"

namespace sejour61::procedure {

// Cooperation during the reflection period ends it (R-61/2-END) and gives the
// ai (R-61/3-AI); at any other time it is a fact (condition 3, R-FACTS).
void Replay::on_cooperation(const Event& e, const RuleSet& rs) {
    facts_.set(facts_.cooperation, Tri::holds, e);
    if (m_.state() != State::reflection) {
        fact_decision(e, S61_TEXT("msg.fact.cooperation", {{"form", e.form}, {"date", format_date(e.date)}}));
        return;
    }
    decide(e.date, "R-61/3-AI", e, Text());
    Fired f = m_.fire(Trigger::cooperation, GuardContext{});
    apply(f, e.date, e.date, rs, &e);
    trace_.current().also.push_back("R-61/2-END");
}

// @rule R-61/3-AI (art. 61/3 §1): the ai for provisional.months months
// (R-DATE-MONTHS) from the act: cooperation during reflection, or at the
// centre contact (R-61/3-DIRECT, R-MENA-DIRECT).
void Replay::issue_ai(Action a, const Date& act, const RuleSet& rs) {
    Decision& dec = trace_.current();
    EndCount k = PeriodBook::months(act, rs.p.provisional_months, rs);
    trace_.read(dec, rs, {"provisional.months", "dates.month_convention", "dates.first_day"});
    if (a == Action::issue_ai_mena) trace_.read(dec, rs, {"mena.first_document"});
    dec.also.insert(dec.also.end(), {"R-DATE-MONTHS", "R-DATE-FROM", "R-REGIME"});
    book_.extensions = 0;
    if (!book_.ai_first) book_.ai_first = act;
    Period p = PeriodBook::document(State::provisional, "ai", act, k.unrolled, rs, k, dec.rule);
    p.first_issued = *book_.ai_first;
    book_.open(std::move(p));
    const char* id = a == Action::issue_ai_direct ? "msg.ai.direct"
                     : a == Action::issue_ai_mena ? "msg.ai.mena"
                                                  : "msg.ai.cooperation";
    dec.text = S61_TEXT(id, {{"from", format_date(act)}, {"until", format_date(k.unrolled)}});
}

// @rule R-61/3-EXTEND (art. 61/3 §1; agii.be): at the end of the ai, when
// the conditions of R-61/4-A are not (yet) met but none is known to fail,
// the ai is extended by provisional.extension_months, at most
// provisional.max_extensions times, continuing the previous document (R-DATE-CHAIN).
void Replay::extend_ai(const Date& act, const Date& effective, const RuleSet& rs) {
    Decision& dec = trace_.current();
    EndCount k = PeriodBook::months(act, rs.p.provisional_extension_months, rs);
    trace_.read(dec, rs, {"provisional.extension_months", "provisional.max_extensions", "dates.month_convention"});
    dec.also.insert(dec.also.end(), {"R-FACTS", "R-DATE-CHAIN", "R-DATE-MONTHS", "R-REGIME"});
    Period p = PeriodBook::document(State::provisional, "ai", effective, k.unrolled, rs, k, dec.rule);
    p.extensions = ++book_.extensions;
    p.first_issued = book_.ai_first.value_or(effective);
    book_.open(std::move(p));
    dec.text = S61_TEXT("msg.ai_extended", {{"from", format_date(effective)}, {"until", format_date(k.unrolled)}});
}

// @rule R-61/3-EXHAUSTED (art. 61/3 §1, 'at most three months'; interpretation):
// when the extended ai ends and a condition is still unknown, the procedure
// closes; the warning names the unknown conditions.
void Replay::close_exhausted(const Date& end, const Date& closed, const RuleSet& rs) {
    close("conditions_not_met", closed);
    Decision& dec = trace_.current();
    trace_.read(dec, rs, {"provisional.max_extensions"});
    dec.also.push_back("R-FACTS");
    // "@cond.victim,@cond.proceedings": rendered in the reader's language
    char list[96];
    size_t n = 0;
    for (auto [name, value] : {std::pair{"@cond.victim", last_.victim}, std::pair{"@cond.proceedings", last_.proceedings},
                               std::pair{"@cond.cooperation", last_.cooperation},
                               std::pair{"@cond.identity", last_.identity}})
        if (value == Tri::unknown) {
            if (n) list[n++] = ',';
            for (const char* c = name; *c; ++c) list[n++] = *c;  // at most 4 names of 18 characters
        }
    const std::string_view unknown(list, n);
    dec.text = S61_TEXT("msg.exhausted", {{"end", format_date(end)}, {"unknown", unknown}});
    trace_.warn("R-61/3-EXHAUSTED", closed, Text("warn.exhausted", {{"end", format_date(end)}, {"unknown", unknown}}));
}

}  // namespace sejour61::procedure
