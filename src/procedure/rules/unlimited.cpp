// Unlimited stay: the B card of art. 61/5.
#include "../replay.hpp"

#include <algorithm>

namespace sejour61::procedure {

namespace bg = boost::gregorian;

namespace {

// How a trigger of R-61/5-INDEF is named in messages.
const char* trigger_what(const Event& e) {
    if (e.type == EventType::requisitions) return e.teh_charge ? "@trig.requisitions_teh" : "@trig.requisitions";
    if (e.type == EventType::conviction) return e.final_conviction ? "@trig.conviction_final" : "@trig.conviction";
    return "@trig.labour_judgment";
}

}  // namespace

/// Fate of a conviction, requisitions or favourable labour judgment.
struct Replay::TriggerFate {
    enum Kind { not_trigger, effective, replaced, stale } kind = not_trigger;
    int stage = 0;       ///< 0 requisitions, 1 first-instance conviction, 2 final conviction
    const char* why = "";  ///< a catalogue reference ("@why....")
    std::optional<Date> decision;  ///< the recorded decision that replaces the assumed grant
};

// @rule R-61/5-INDEF (art. 61/5): during the provisional or temporary stay, a
// conviction (final only, when indefinite.requires_final_conviction),
// requisitions with a trafficking charge (when indefinite.requisitions_trigger),
// or under diplomatic-labour-track a labour-court judgment in the worker's
// favour, makes the person eligible for unlimited stay; the grant is assumed
// on that day when indefinite.assume_granted, else it awaits the minister's
// decision. In any other phase it changes nothing at all.
void Replay::on_trigger(const Event& e, const RuleSet& rs) {
    State s = m_.state();
    const char* const what = trigger_what(e);
    if (s != State::provisional && s != State::temporary)
        return fire_indefinite(e, rs, Trigger::indefinite_trigger, S61_TEXT("msg.trigger", {{"what", what}}));
    const TriggerFate fate = trigger_fate(e, rs);
    if (fate.kind != TriggerFate::not_trigger) any_trigger_seen_ = true;
    if (fate.kind == TriggerFate::effective || fate.kind == TriggerFate::replaced) pending_stages_.push_back(fate.stage);
    switch (fate.kind) {
        case TriggerFate::not_trigger: {
            Decision& d = decide(e.date, "R-61/5-INDEF", e, S61_TEXT("msg.not_trigger", {{"what", what}, {"why", fate.why}}));
            trace_.read(d, rs, {"indefinite.requires_final_conviction", "indefinite.requisitions_trigger"});
            return;
        }
        case TriggerFate::replaced:
            decide(e.date, "R-61/5-INDEF", e,
                   S61_TEXT("msg.trigger_replaced", {{"what", what}, {"date", format_date(*fate.decision)}}));
            return;
        case TriggerFate::stale: {
            Text msg("warn.trigger_stale", {{"what", what}, {"why", fate.why}});
            trace_.warn("R-61/5-INDEF", e.date, msg, true);
            decide(e.date, "R-61/5-INDEF", e, msg);
            return;
        }
        case TriggerFate::effective: break;
    }
    out_.pending_trigger = e.date;
    if (!rs.p.assume_granted) {
        Decision& d = decide(e.date, "R-61/5-INDEF", e, S61_TEXT("msg.trigger_awaiting", {{"what", what}}));
        trace_.read(d, rs, {"indefinite.assume_granted"});
        return;
    }
    fire_indefinite(e, rs, Trigger::indefinite_trigger,
                    S61_TEXT("msg.trigger_assumed", {{"what", what}, {"date", format_date(e.date)}}));
    trace_.warn("R-61/5-INDEF", e.date, Text("warn.assumed", {{"date", format_date(e.date)}}));
}

// A recorded decision replaces the assumed grant for the triggers processed
// before it; a later trigger opens a new eligibility only when it is of a
// later stage than every trigger an earlier decision covered.
Replay::TriggerFate Replay::trigger_fate(const Event& e, const RuleSet& rs) const {
    TriggerFate fate;
    bool is_trigger = false;
    if (e.type == EventType::requisitions) {
        is_trigger = e.teh_charge && rs.p.requisitions_trigger;
        fate.stage = 0;
        if (!is_trigger) fate.why = e.teh_charge ? "@why.requisitions_off" : "@why.no_charge";
    } else if (e.type == EventType::conviction) {
        fate.stage = e.final_conviction ? 2 : 1;
        is_trigger = e.final_conviction || !rs.p.requires_final_conviction;
        if (!is_trigger) fate.why = "@why.final_required";
    } else {  // a labour-court judgment in the worker's favour, under diplomatic-labour-track
        is_trigger = true;
        fate.stage = 1;
    }
    if (!is_trigger) return fate;
    if (fate.stage <= covered_max_) {
        fate.kind = TriggerFate::stale;
        fate.why = "@why.stale";
        return fate;
    }
    fate.kind = TriggerFate::effective;
    for (size_t i = cursor_ + 1; i < events_.size(); ++i)
        if (events_[i]->type == EventType::indefinite_decision) {
            fate.kind = TriggerFate::replaced;
            fate.decision = events_[i]->date;
            break;
        }
    return fate;
}

// The minister's recorded decision covers every trigger awaiting one.
void Replay::on_indefinite_decision(const Event& e, const RuleSet& rs) {
    for (int st : pending_stages_) covered_max_ = std::max(covered_max_, st);
    pending_stages_.clear();
    out_.pending_trigger.reset();
    if (!e.granted) {
        decide(e.date, "R-61/5-INDEF", e, S61_TEXT("msg.refused"));
        return;
    }
    State s = m_.state();
    if (!any_trigger_seen_ && (s == State::provisional || s == State::temporary))
        trace_.warn("R-61/5-INDEF", e.date, Text("warn.grant_without_trigger", {{"date", format_date(e.date)}}));
    fire_indefinite(e, rs, Trigger::indefinite_grant, S61_TEXT("msg.granted", {{"date", format_date(e.date)}}));
}

void Replay::fire_indefinite(const Event& e, const RuleSet& rs, Trigger t, Text message) {
    State s = m_.state();
    Decision& dec = decide(e.date, "R-61/5-INDEF", e, std::move(message));
    trace_.read(dec, rs, {"indefinite.assume_granted", "indefinite.requires_final_conviction",
                          "indefinite.requisitions_trigger"});
    Fired f = m_.fire(t, GuardContext{});
    if (!f.handled) {
        trace_.warn("R-61/5-INDEF", e.date,
                    Text(s == State::indefinite ? "warn.trigger_indefinite" : "warn.trigger_wrong_phase",
                         {{"event", event_type_name(e.type)}, {"state", state_name(s)}}),
                    true);
        return;
    }
    apply(f, e.date, e.date, rs, &e);
}

void Replay::grant_indefinite(const Date& from, const RuleSet& rs, bool by_years) {
    Decision& dec = trace_.current();
    Period p = PeriodBook::bare(State::indefinite, from, dec.rule);
    p.document = "b_card";
    p.regime = rs.id;
    p.first_issued = from;
    book_.open(std::move(p));
    dec.also.push_back("R-DATE-FROM");
    if (!by_years) trace_.read(dec, rs, {"indefinite.assume_granted", "indefinite.requires_final_conviction"});
}

// @rule R-61/5-YEARS (reform residence-without-cooperation, procedure.md §8):
// the day after indefinite.after_temporary_years years of uninterrupted
// temporary stay, counted by R-DATE-MONTHS (12 months a year) from the first
// A card's first day, even a card issued before the reform; none when the
// rule set in force on the last of those days does not provide it.
std::optional<Date> Replay::years_day(const Date& card_last) const {
    const RuleSet* rs = sel_.at(card_last);
    if (!rs || !rs->p.indefinite_after_temporary_years || !book_.a_card_first) return std::nullopt;
    const int years = *rs->p.indefinite_after_temporary_years;
    const Date last = PeriodBook::months(*book_.a_card_first - bg::days(1), 12 * years, *rs).unrolled;
    const RuleSet* then = sel_.at(last);
    if (!then || then->p.indefinite_after_temporary_years != years) return std::nullopt;
    return last + bg::days(1);
}

// R-61/5-YEARS: the temporary stay becomes unlimited stay on `day`, a grant the
// reform assumes (warning), decided before a renewal of the same day.
void Replay::temporary_years(const Date& day) {
    const Date last = day - bg::days(1);
    const RuleSet& rs = rules_at(last, "temporary stay");
    const int years = rs.p.indefinite_after_temporary_years.value_or(0);
    Decision& dec = trace_.decide(day, "", "time:temporary_years", std::nullopt, Text(), m_.state());
    Fired f = m_.fire(Trigger::temporary_years, GuardContext{});
    if (!f.handled || !f.row) throw std::logic_error("no transition for the years of temporary stay");
    apply(f, last, day, rs, nullptr);
    trace_.read(dec, rs, {"indefinite.after_temporary_years", "dates.month_convention"});
    dec.also.push_back("R-DATE-MONTHS");
    const std::string since = book_.a_card_first ? format_date(*book_.a_card_first) : std::string();
    dec.text = S61_TEXT("msg.indefinite_years", {{"years", std::to_string(years)}, {"since", since}, {"from", format_date(day)}});
    trace_.warn("R-61/5-YEARS", day,
                Text("warn.years_assumed", {{"years", std::to_string(years)}, {"from", format_date(day)}}));
}

}  // namespace sejour61::procedure
