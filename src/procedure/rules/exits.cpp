// Exits: withdrawal, leaving the procedure, and closure.
#include "../replay.hpp"

namespace sejour61::procedure {

// @rule R-WITHDRAW (Directive 2004/81 art. 14): a withdrawal ground (contact
// renewed with the presumed perpetrators, public order or national security,
// fraudulent cooperation, cooperation stopped, accompaniment ended) closes the
// case that day in reflection, provisional or temporary stay; not
// cooperation_stopped for an unaccompanied minor under mena-unconditional, nor
// for anyone when conditions.waived waives condition 3 (residence-without-cooperation).
// In detected and indefinite it changes nothing (warning).
void Replay::on_withdrawal(const Event& e, const RuleSet& rs) {
    State s = m_.state();
    if (s == State::detected || s == State::indefinite) {
        Text msg("warn.withdrawal_no_effect", {{"ground", e.ground}, {"state", state_name(s)}});
        trace_.warn("R-WITHDRAW", e.date, msg, true);
        decide(e.date, "R-WITHDRAW", e, msg);
        return;
    }
    GuardContext g;
    const bool for_all = rs.p.conditions_2_3_waived;
    g.withdrawal_effective = !(e.ground == "cooperation_stopped" && waived_on(e.date, rs));
    Decision& dec = decide(e.date, "R-WITHDRAW", e, Text());
    Fired f = m_.fire(Trigger::withdrawal, g);
    if (!f.handled) {
        Text msg(for_all ? "warn.withdrawal_waived" : "warn.withdrawal_minority");
        dec.text = S61_TEXT(msg);
        trace_.read(dec, rs, {for_all ? "conditions.waived" : "mena.unconditional"});
        trace_.warn("R-WITHDRAW", e.date, msg, true);
        return;
    }
    apply(f, e.date, e.date, rs, &e);
}

// @rule R-LEFT (procedure.md R-LEFT): leaving the procedure (voluntary
// return, asylum or another procedure) closes the case that day; in
// indefinite it has no effect (warning).
void Replay::on_left(const Event& e, const RuleSet& rs) {
    if (m_.state() == State::indefinite) {
        Text msg("warn.left_indefinite");
        trace_.warn("R-LEFT", e.date, msg, true);
        decide(e.date, "R-LEFT", e, msg);
        return;
    }
    decide(e.date, "R-LEFT", e, Text());
    Fired f = m_.fire(Trigger::left, GuardContext{});
    apply(f, e.date, e.date, rs, &e);
}

// @rule R-AFTER-CLOSE (procedure.md R-AFTER-CLOSE): events after closure
// change nothing; each produces a warning saying why. The agenda calls this
// for every event once the procedure is closed, after one exception: a labour
// event outside diplomatic-labour-track gets the "ignored" warning of R-FACTS
// in any state (labour_event_ignored, rules/facts.cpp).
void Replay::after_close(const Event& e) {
    bool lapsed = e.type == EventType::cooperation && out_.closure_reason == "reflection_lapsed";
    const std::string_view reason = out_.closure_words();  // as the reader names it (closure_wording)
    Text msg(lapsed ? "warn.after_close_lapsed" : "warn.after_close_on",
             {{"event", event_type_name(e.type)}, {"date", format_date(e.date)}, {"reason", reason}});
    decide(e.date, "R-AFTER-CLOSE", e, trace_.on() ? msg : Text());
    trace_.warn("R-AFTER-CLOSE", e.date, std::move(msg), true);
}

void Replay::close(Id reason, const Date& from) {
    book_.open(PeriodBook::bare(State::closed, from, trace_.current().rule));
    out_.closure_reason = reason;
}

}  // namespace sejour61::procedure
