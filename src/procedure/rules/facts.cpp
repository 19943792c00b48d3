// Facts: the events that record the conditions of art. 61/4 (R-FACTS). They
// move nothing; the decision at the end of a document reads them.
#include "../replay.hpp"

namespace sejour61::procedure {

namespace {
const char* yn(bool b) { return b ? "@yes" : "@no"; }
}  // namespace

void Replay::on_fact(const Event& e, const RuleSet& rs) {
    switch (e.type) {
        case EventType::prosecutor_opinion:
            if (e.qualification_clear) facts_.set(facts_.victim_by_prosecutor, e.victim ? Tri::holds : Tri::fails, e);
            facts_.set(facts_.proceedings, e.proceedings_ongoing ? Tri::holds : Tri::fails, e);
            facts_.set(facts_.cooperation, e.cooperating ? Tri::holds : Tri::fails, e);
            return fact_decision(e, S61_TEXT(e.qualification_clear ? "msg.fact.opinion" : "msg.fact.opinion_unclear",
                                             {{"by", e.by}, {"victim", yn(e.victim)}, {"ongoing", yn(e.proceedings_ongoing)},
                                              {"cooperating", yn(e.cooperating)}}));
        case EventType::identity_established:
            facts_.set(facts_.identity, Tri::holds, e);
            return fact_decision(e, S61_TEXT("msg.fact.identity", {{"date", format_date(e.date)}}));
        case EventType::proceedings_ended:
            facts_.set(facts_.proceedings, Tri::fails, e);
            if (e.outcome != "immunity") facts_.set(facts_.ended_other_than_immunity, Tri::fails, e);
            fact_decision(e, S61_TEXT("msg.fact.proceedings_ended", {{"outcome", e.outcome}, {"date", format_date(e.date)}}));
            if (e.outcome == "immunity" && c_.person.employer_immunity && !rs.p.labour_track) {
                trace_.warn("R-61/4-RENEW", e.date, Text("warn.immunity_gap"));
                // Not a gap when a later decision applies diplomatic-labour-track (§7).
                ignored_labour_.push_back({out_.warnings.size() - 1, std::nullopt, e.date, Text()});
            }
            return;
        default: {  // a labour event under diplomatic-labour-track (labour_event_ignored said no)
            Text fact_text = record_labour(e);
            if (e.type == EventType::labour_proceedings && e.status == "judgment" && e.favourable)
                return on_trigger(e, rs);  // R-61/5-INDEF
            return fact_decision(e, trace_.on() ? fact_text : Text());
        }
    }
}

// A fact is traced under R-FACTS, or under R-START before the case starts.
void Replay::fact_decision(const Event& e, Text msg) {
    Decision& d = decide(e.date, started_ ? "R-FACTS" : "R-START", e, std::move(msg));
    if (!started_) d.also.push_back("R-FACTS");
}

// A labour event read by no rule of `rs` (not under diplomatic-labour-track,
// or no employer with immunity): recorded as a fact all the same (§7), with a
// warning withdrawn later if a decision under the reform reads it.
bool Replay::labour_event_ignored(const Event& e, const RuleSet& rs) {
    if (e.type != EventType::labour_proceedings && e.type != EventType::labour_auditor_finding) return false;
    if (labour_track(rs)) return false;
    bool closed = m_.state() == State::closed;
    Text fact_text = closed ? Text() : record_labour(e);
    Text msg("warn.labour_ignored", {{"event", event_type_name(e.type)}});
    trace_.warn("R-FACTS", e.date, msg);
    IgnoredLabour ig{out_.warnings.size() - 1, std::nullopt, e.date, fact_text};
    decide(e.date, "R-FACTS", e, msg);
    if (trace_.on()) ig.decision = out_.decisions.size() - 1;
    if (!closed) ignored_labour_.push_back(std::move(ig));
    return true;
}

// Records a labour event in the ledger (procedure.md §8, diplomatic-labour-track)
// and returns its text for the trace.
Text Replay::record_labour(const Event& e) {
    if (e.type == EventType::labour_auditor_finding) {
        facts_.set(facts_.victim_by_labour_auditor, e.teh ? Tri::holds : Tri::fails, e);
        return Text("msg.fact.labour_finding", {{"teh", yn(e.teh)}});
    }
    if (e.status == "pending") {
        facts_.set(facts_.labour_proceedings, Tri::holds, e);
        return Text("msg.fact.labour_pending");
    }
    if (!e.favourable) {
        facts_.set(facts_.labour_proceedings, Tri::fails, e);
        return Text("msg.fact.labour_against", {{"date", format_date(e.date)}});
    }
    facts_.set(facts_.labour_proceedings, Tri::unknown, e);
    return Text("msg.fact.labour_favourable", {{"date", format_date(e.date)}});
}

// §7: "labour event ignored" and "immunity gap" only when no later decision
// under the reform reads the event; the next decision, after `on`, is taken
// under the rule set in force on `on`.
void Replay::withdraw_labour_warnings() {
    State s = m_.state();
    if (const RuleSet* now = sel_.at(on_);
        now && labour_track(*now) && (s == State::reflection || s == State::provisional || s == State::temporary))
        labour_read_until_ = on_;
    for (auto it = ignored_labour_.rbegin(); it != ignored_labour_.rend(); ++it) {
        if (!labour_read_until_ || it->date > *labour_read_until_) continue;
        out_.warnings.erase(out_.warnings.begin() + static_cast<long>(it->warning));
        if (it->decision) out_.decisions[*it->decision].text = it->fact;
    }
}

}  // namespace sejour61::procedure
