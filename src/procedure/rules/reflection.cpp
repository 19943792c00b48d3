// Detection and reflection: the centre contact and the reflection period.
#include "../replay.hpp"

namespace sejour61::procedure {

// The centre contact (art. 61/2 §2) starts the reflection period, or gives
// the ai at once: to a person who already cooperated (R-61/3-DIRECT) and to
// an unaccompanied minor (R-MENA-DIRECT, unless mena.first_document says
// reflection_3m). The machine's rows choose; this computes what they read.
// @rule R-61/3-DIRECT (art. 61/3 §1; agii.be, PAG-ASA): cooperation before
// the centre contact.
// @rule R-MENA-DIRECT (Myria): an unaccompanied minor on the day of the contact.
void Replay::on_centre_contact(const Event& e, const RuleSet& rs) {
    State s = m_.state();
    if (s != State::detected) {
        trace_.warn("R-61/2-REFLECT", e.date,
                    Text("warn.further_contact", {{"date", format_date(e.date)}, {"state", state_name(s)}}), true);
        return;
    }
    GuardContext g;
    for (const Event* x : events_)
        if (x->type == EventType::cooperation && x->date <= e.date) g.prior_cooperation = true;
    g.mena_on_contact = mena_on(e.date);
    g.mena_reflection_3m = rs.p.mena_first_document == MenaFirstDocument::reflection_3m;
    Decision& dec = decide(e.date, "", e, Text());
    if (c_.person.unaccompanied) {
        dec.also.push_back("R-MINOR-AGE");
        trace_.read(dec, rs, {"mena.first_document", "majority.age"});
    }
    Fired f = m_.fire(Trigger::centre_contact, g);
    apply(f, e.date, e.date, rs, &e);
}

// @rule R-61/2-REFLECT (art. 61/2 §2): a reflection period of
// reflection.days days (R-DATE-DAYS), or of mena.reflection_months months for
// an unaccompanied minor under reflection_3m (R-DATE-MONTHS), covered by the
// regime's reflection document, its last day moved to the next working day
// when reflection.working_day_rollover (R-DATE-ROLL).
void Replay::issue_reflection(Action a, const Date& act, const RuleSet& rs) {
    const auto& P = rs.p;
    Decision& dec = trace_.current();
    EndCount k;
    if (a == Action::issue_reflection) {
        k.kind = EndCount::days;
        k.n = P.reflection_days;
        k.act = act;
        k.first_day = P.first_day;
        k.unrolled = last_day(act, Days(P.reflection_days), P.first_day);
        trace_.read(dec, rs, {"reflection.days", "reflection.document", "reflection.working_day_rollover",
                              "dates.first_day"});
        dec.also.push_back("R-DATE-DAYS");
    } else {
        k = PeriodBook::months(act, P.mena_reflection_months, rs);
        trace_.read(dec, rs, {"mena.first_document", "mena.reflection_months", "reflection.document",
                              "reflection.working_day_rollover", "dates.month_convention", "dates.first_day"});
        dec.also.push_back("R-DATE-MONTHS");
    }
    k.rollover = P.reflection_rollover;
    Date end = k.rollover ? roll_forward(k.unrolled) : k.unrolled;
    if (end != k.unrolled) dec.also.push_back("R-DATE-ROLL");
    dec.also.push_back("R-DATE-FROM");
    dec.also.push_back("R-REGIME");
    const std::string& document = annex15_window(act, rs, dec);
    book_.open(PeriodBook::document(State::reflection, document, act, end, rs, k, dec.rule));
    dec.text = S61_TEXT(end != k.unrolled ? "msg.reflection.rolled" : "msg.reflection",
                        {{"document", document}, {"regime", rs.id}, {"from", format_date(act)},
                         {"last", format_date(end)}, {"unrolled", format_date(k.unrolled)}});
}

// procedure.md §8 "Contestable readings" (R-REGIME): the royal decree
// introducing annex 15 applied before the law that required it took effect.
// The reflection document: the regime's, or in that window the one
// reflection.annex15_window_document names (both readings are shown). The
// window is the rule file's (be-2017, whose law itself requires the annexe 15,
// sets reflection.annex15_decree_from to null); and it exists only while the
// regime's own document is the one the decree replaced
// (reflection.annex15_decree_replaces): once the reflection document is
// another (a regime, or --set reflection.document=annex15) there is no
// question left.
const std::string& Replay::annex15_window(const Date& act, const RuleSet& rs, Decision& dec) {
    const auto& P = rs.p;
    if (!P.annex15_decree_from || P.reflection_document != P.annex15_decree_replaces || act < *P.annex15_decree_from ||
        (rs.in_force_until && act > *rs.in_force_until))
        return P.reflection_document;
    trace_.read(dec, rs, {"reflection.annex15_decree_from", "reflection.annex15_decree_replaces",
                          "reflection.annex15_window_document"});
    trace_.warn("R-REGIME", act, Text("warn.annex15_window", {{"date", format_date(act)}, {"regime", rs.id},
                                                               {"from", format_date(*P.annex15_decree_from)}}));
    return P.annex15_window_document;
}

// @rule R-61/2-END (art. 61/2 §2-§3): a reflection period that ends without
// cooperation closes the procedure the day after its last day.
void Replay::close_lapsed(const Date& last, const Date& closed) {
    close("reflection_lapsed", closed);
    trace_.current().text = S61_TEXT("msg.lapsed", {{"last", format_date(last)}, {"closed", format_date(closed)}});
}

// @rule R-61/3-PERSONAL (reform residence-without-cooperation, procedure.md §8;
// CETS 197 art. 14(1)(a)): under reflection.end_without_cooperation =
// provisional, a reflection period that ends without cooperation, the person
// still in the procedure, gives the ai from the day after its last day, for
// provisional.months months counted as if its act took place on that last
// day (R-DATE-CHAIN).
void Replay::issue_ai_personal(const Date& last, const Date& effective, const RuleSet& rs) {
    Decision& dec = trace_.current();
    EndCount k = PeriodBook::months(last, rs.p.provisional_months, rs);
    trace_.read(dec, rs, {"reflection.end_without_cooperation", "provisional.months", "dates.month_convention"});
    dec.also.insert(dec.also.end(), {"R-61/2-END", "R-DATE-CHAIN", "R-DATE-MONTHS", "R-REGIME"});
    book_.extensions = 0;
    book_.ai_first = effective;
    Period p = PeriodBook::document(State::provisional, "ai", effective, k.unrolled, rs, k, dec.rule);
    p.first_issued = effective;
    book_.open(std::move(p));
    dec.text = S61_TEXT("msg.ai.personal",
                        {{"last", format_date(last)}, {"from", format_date(effective)}, {"until", format_date(k.unrolled)}});
}

}  // namespace sejour61::procedure
