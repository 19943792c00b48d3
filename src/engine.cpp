#include "sejour61/engine.hpp"

#include <algorithm>
#include <map>

namespace sejour61 {

namespace bg = boost::gregorian;

Date majority_date(const Date& birth, const RuleSet& rs) {
    return birthday(birth, rs.p.majority_age, rs.p.feb29_to_feb28);
}

Date consultation_deadline(const Date& end, int months) {
    return roll_backward(same_day_clamped(end, -months));
}

namespace {

// A message for the explanation trace: not even built when not tracing.
// A catalogue text (rules/i18n) for the explanation trace: not built when not tracing.
#define S61_TEXT(...) (trace_ ? Text(__VA_ARGS__) : Text())

const char* yn(bool b) { return b ? "@yes" : "@no"; }

const char* tri_name(Tri t) {
    switch (t) {
        case Tri::holds: return "holds";
        case Tri::fails: return "fails";
        case Tri::unknown: return "unknown";
    }
    return "?";
}

/// One fact about a condition: its value and when it was established.
struct Fact {
    Tri value = Tri::unknown;
    Date date;
    size_t seq = 0;
    std::string source;  ///< event type that set it
};

/// Fate of a conviction, requisitions or favourable labour judgment (R-61/5-INDEF).
struct TriggerFate {
    enum Kind { not_trigger, effective, replaced, stale } kind = not_trigger;
    int stage = 0;       ///< 0 requisitions, 1 first-instance conviction, 2 final conviction
    std::string why;
    std::optional<Date> decision;  ///< the decision that replaced it
};

class Replay {
public:
    Replay(const Case& c, const Selection& sel, const Date& on, const ReplayOptions& opt)
        : c_(c), sel_(sel), on_(on), trace_(opt.trace) {}

    Outcome run();

private:
    const Case& c_;
    const Selection& sel_;
    Date on_;
    bool trace_;          // keep every decision (explain); false: periods and warnings only
    Decision scratch_;    // the decision being built when not tracing
    GuardContext last_;   // the conditions read at the last document end
    Outcome out_;
    ProcedureMachine m_;
    std::vector<const Event*> events_;  // visible events, processing order
    size_t seq_ = 0;

    Fact c1_prosecutor_, c1_labour_, c2_, c3_, c4_;
    // diplomatic-labour-track (procedure.md §8): the latest labour_proceedings
    // (holds: pending; fails: a judgment against the worker; unknown: none, or
    // a favourable judgment), and the latest proceedings_ended with an outcome
    // other than immunity. Facts are recorded under every rule set (§7); only
    // a decision under the reform reads them.
    Fact labour_status_;
    Fact ended_not_immunity_;
    // "labour event ignored" and "immunity gap" warnings, withdrawn at the end
    // when a later decision under the reform reads the event (§7): the warning's
    // index, and the trace decision whose text becomes the fact's.
    struct IgnoredLabour { size_t warning; std::optional<size_t> decision; Date date; Text fact; };
    std::vector<IgnoredLabour> ignored_labour_;
    std::optional<Date> labour_read_until_;  // latest fact day read by a decision under the reform
    int extensions_ = 0;
    int renewals_ = 0;
    std::optional<Date> ai_first_, a_card_first_;
    std::optional<Date> majority_;
    bool majority_done_ = false;
    bool started_ = false;
    size_t cursor_ = 0;               // the event being processed, in events_
    int covered_max_ = -1;            // latest stage covered by a recorded decision (R-61/5-INDEF)
    std::vector<int> pending_stages_; // stages of the triggers awaiting a decision
    bool any_decision_recorded_ = false;
    bool any_trigger_seen_ = false;

    // ---- helpers ----
    // The rule set of an act on `d`; `index` names the event for the error
    // (events[i].date), or -1 with `what` naming the date's origin.
    const RuleSet& rules_at(const Date& d, const char* what, long index = -1) {
        const RuleSet* rs = sel_.at(d);
        if (!rs)
            throw QueryError(index >= 0 ? "events[" + std::to_string(index) + "].date" : std::string(what), format_date(d) + " is before any regime is in force (the first, " +
                                       sel_.book().regimes().front().id + ", applies from " +
                                       format_date(sel_.book().regimes().front().in_force_from) +
                                       "); pin one with --rules");
        return *rs;
    }
    std::string basis(const std::string& rule) const { return sel_.book().basis_of(rule); }
    void warn(const std::string& rule, const Date& d, Text msg) {
        out_.warnings.push_back(Warning{rule, std::move(msg), d, false});
    }
    // A warning for an event the procedure ignores on its date (`record` refuses those).
    void warn_no_effect(const std::string& rule, const Date& d, Text msg) {
        out_.warnings.push_back(Warning{rule, std::move(msg), d, true});
    }
    Decision& decide(const Date& d, const std::string& rule, const char* event,
                     std::optional<size_t> index, Text message) {
        if (!trace_) {
            scratch_.also.clear();
            scratch_.rule = rule;
            return scratch_;
        }
        Decision dec;
        dec.date = d;
        dec.rule = rule;
        dec.basis = basis(rule);
        dec.event = event;
        dec.event_index = index;
        dec.from_state = dec.to_state = state_name(m_.state());
        dec.text = std::move(message);
        out_.decisions.push_back(std::move(dec));
        return out_.decisions.back();
    }
    Decision& current_decision() { return trace_ ? out_.decisions.back() : scratch_; }
    void read(Decision& d, const RuleSet& rs, std::initializer_list<const char*> keys) const {
        if (!trace_) return;
        for (const char* k : keys) {
            ParamRead r{k, rs.param(k), rs.id};
            auto at = std::lower_bound(d.params.begin(), d.params.end(), r.key,
                                       [](const ParamRead& a, const std::string& key) { return a.key < key; });
            if (at != d.params.end() && at->key == r.key) *at = std::move(r);  // read again: the latest
            else d.params.insert(at, std::move(r));
        }
    }
    bool minor_on(const Date& d) const { return majority_ && d < *majority_; }
    bool mena_on(const Date& d) const { return c_.person.unaccompanied && minor_on(d); }

    void set_fact(Fact& f, Tri v, const Event& e) {
        f.value = v;
        f.date = e.date;
        f.seq = seq_;
        f.source = event_type_name(e.type);
    }

    // R-FACTS, with the reform overlays of procedure.md §8.
    GuardContext conditions(const Date& L, const RuleSet& rs, DecisionFacts* facts) const {
        GuardContext g;
        Fact c1 = c1_prosecutor_;
        Tri c2 = c2_.value;
        bool labour = rs.p.labour_track && c_.person.employer_immunity;
        if (labour) {
            if (c1_labour_.value != Tri::unknown && (c1.value == Tri::unknown || c1_labour_.seq > c1.seq)) c1 = c1_labour_;
            // Condition 2: a judgment against the worker fails it; pending labour
            // proceedings hold it whatever the criminal side says, unless a
            // proceedings_ended with another outcome than immunity comes later:
            // then the criminal facts decide as usual.
            if (labour_status_.value == Tri::fails) {
                c2 = Tri::fails;
            } else if (labour_status_.value == Tri::holds) {
                bool ended_later = ended_not_immunity_.value == Tri::fails && ended_not_immunity_.seq > labour_status_.seq;
                if (!ended_later) c2 = Tri::holds;
            }
        }
        g.c1 = c1.value;
        g.c2 = c2;
        g.c3 = c3_.value;
        g.c4 = c4_.value;
        bool waived = rs.p.mena_unconditional && mena_on(L);
        if (waived) {
            g.c1 = g.c1 == Tri::fails ? Tri::fails : Tri::holds;
            g.c2 = Tri::holds;
            g.c3 = Tri::holds;
        }
        g.extension_left = extensions_ < rs.p.provisional_max_extensions;
        g.renewal_left = !rs.p.temporary_max_renewals || renewals_ < *rs.p.temporary_max_renewals;
        if (facts && trace_) *facts = DecisionFacts{L, g.c1, g.c2, g.c3, g.c4, waived, labour};
        return g;
    }

    // ---- periods ----
    void open_period(Period p) {
        if (!out_.periods.empty()) {
            Period& cur = out_.periods.back();
            if (cur.from >= p.from) {
                out_.periods.pop_back();  // entered and left on the same day: not listed
            } else {
                cur.until = p.from - bg::days(1);
            }
        }
        out_.periods.push_back(std::move(p));
    }

    Period doc_period(State s, const std::string& doc, const Date& from, const Date& end, const RuleSet& rs,
                      const EndCount& count, const std::string& rule) {
        Period p;
        p.state = s;
        p.document = doc;
        p.from = from;
        p.until = end;
        p.doc_end = end;
        p.regime = rs.id;
        p.count = count;
        p.rule = rule;
        p.first_issued = from;
        return p;
    }

    EndCount months_count(const Date& act, int n, const RuleSet& rs) {
        EndCount k;
        k.kind = EndCount::months;
        k.n = n;
        k.act = act;
        k.convention = rs.p.month_convention;
        k.first_day = rs.p.first_day;
        k.unrolled = last_day(act, Months(n), k.convention, k.first_day);
        return k;
    }

    void apply(const Fired& f, const Date& act, const Date& effective, const RuleSet& rs, Decision& dec,
               const Event* ev);
    void advance(const Date& to);
    void document_end(const Date& L);
    void process(const Event& e);
    TriggerFate trigger_fate(const Event& e, const RuleSet& rs) const;
    Text labour_fact(const Event& e);
    void eligibility(const Event& e, GuardContext& g, Decision& dec);
    void fire_indefinite(const Event& e, Trigger t, Text message);
    void finish();
};

void Replay::eligibility(const Event& e, GuardContext& g, Decision& dec) {
    const RuleSet& rs = rules_at(e.date, "", static_cast<long>(e.index));
    read(dec, rs, {"eligibility.smuggling_excludes_eea", "majority.age", "majority.feb29"});
    dec.also.push_back("R-MINOR-AGE");
    const auto& p = c_.person;
    bool minor = minor_on(e.date);
    bool mena = p.unaccompanied && minor;
    Text why;
    if (p.nationality == "BE") {
        why = Text("elig.belgian");
    } else if (c_.offence.smuggling) {
        const auto& ag = c_.offence.aggravating;
        bool strong = std::any_of(ag.begin(), ag.end(), [](int n) { return n >= 2; });
        bool minority = std::find(ag.begin(), ag.end(), 1) != ag.end();
        if (minority && !strong) dec.also.push_back("R-MENA-ELIG");
        if (!strong && !(minority && mena)) {
            why = minority ? Text("elig.minority_only", {{"date", format_date(e.date)}}) : Text("elig.no_aggravation");
        } else if (rs.p.smuggling_excludes_eea && sel_.book().eea_national(p.nationality, e.date)) {
            why = Text("elig.eea", {{"nationality", p.nationality}, {"date", format_date(e.date)}});
        }
    }
    g.eligible = why.id.empty();
    // Always built: the R-ELIG warning repeats it.
    dec.text = g.eligible ? Text(std::string("msg.eligible.") + (c_.offence.smuggling ? "smuggling" : "trafficking") +
                                 (mena ? ".mena" : minor ? ".minor" : ""))
                          : why;
}

void Replay::apply(const Fired& f, const Date& act, const Date& effective, const RuleSet& rs, Decision& dec,
                   const Event* ev) {
    const auto& P = rs.p;
    dec.rule = f.row->rule;
    if (trace_) {
        dec.basis = basis(dec.rule);
        dec.to_state = state_name(f.to);
    }
    auto close = [&](const std::string& reason) {
        Period p;
        p.state = State::closed;
        p.from = effective;
        p.rule = dec.rule;
        open_period(std::move(p));
        out_.closure_reason = reason;
    };
    switch (f.row->action) {
        case Action::open_case: {
            Period p;
            p.state = State::detected;
            p.from = act;
            p.rule = dec.rule;
            open_period(std::move(p));
            break;
        }
        case Action::close_not_eligible: close("not_eligible"); break;
        case Action::issue_reflection:
        case Action::issue_mena_reflection: {
            EndCount k;
            if (f.row->action == Action::issue_reflection) {
                k.kind = EndCount::days;
                k.n = P.reflection_days;
                k.act = act;
                k.first_day = P.first_day;
                k.unrolled = last_day(act, Days(P.reflection_days), P.first_day);
                read(dec, rs, {"reflection.days", "reflection.document", "reflection.working_day_rollover",
                               "dates.first_day"});
                dec.also.push_back("R-DATE-DAYS");
            } else {
                k = months_count(act, P.mena_reflection_months, rs);
                read(dec, rs, {"mena.first_document", "mena.reflection_months", "reflection.document",
                               "reflection.working_day_rollover", "dates.month_convention", "dates.first_day"});
                dec.also.push_back("R-DATE-MONTHS");
            }
            k.rollover = P.reflection_rollover;
            Date end = k.rollover ? roll_forward(k.unrolled) : k.unrolled;
            if (end != k.unrolled) dec.also.push_back("R-DATE-ROLL");
            dec.also.push_back("R-DATE-FROM");
            dec.also.push_back("R-REGIME");
            open_period(doc_period(State::reflection, P.reflection_document, act, end, rs, k, dec.rule));
            // §8 "Contestable readings": the royal decree introducing annex 15
            // applied before the law that required it took effect.
            if (P.annex15_decree_from && P.reflection_document == "oqt45" && act >= *P.annex15_decree_from &&
                (!rs.in_force_until || act <= *rs.in_force_until)) {
                read(dec, rs, {"reflection.annex15_decree_from"});
                warn("R-REGIME", act, Text("warn.annex15_window", {{"date", format_date(act)}, {"regime", rs.id},
                                                                   {"from", format_date(*P.annex15_decree_from)}}));
            }
            dec.text = S61_TEXT(end != k.unrolled ? "msg.reflection.rolled" : "msg.reflection",
                                {{"document", P.reflection_document}, {"regime", rs.id}, {"from", format_date(act)},
                                 {"last", format_date(end)}, {"unrolled", format_date(k.unrolled)}});
            break;
        }
        case Action::issue_ai_direct:
        case Action::issue_ai_mena:
        case Action::issue_ai: {
            EndCount k = months_count(act, P.provisional_months, rs);
            read(dec, rs, {"provisional.months", "dates.month_convention", "dates.first_day"});
            if (f.row->action == Action::issue_ai_mena) read(dec, rs, {"mena.first_document"});
            dec.also.insert(dec.also.end(), {"R-DATE-MONTHS", "R-DATE-FROM", "R-REGIME"});
            extensions_ = 0;
            if (!ai_first_) ai_first_ = act;
            Period p = doc_period(State::provisional, "ai", act, k.unrolled, rs, k, dec.rule);
            p.first_issued = *ai_first_;
            open_period(std::move(p));
            const char* id = f.row->action == Action::issue_ai_direct ? "msg.ai.direct"
                             : f.row->action == Action::issue_ai_mena ? "msg.ai.mena"
                                                                      : "msg.ai.cooperation";
            dec.text = S61_TEXT(id, {{"from", format_date(act)}, {"until", format_date(k.unrolled)}});
            break;
        }
        case Action::extend_ai:
        case Action::issue_a_card:
        case Action::renew_a_card: {
            bool ext = f.row->action == Action::extend_ai;
            int n = ext ? P.provisional_extension_months : P.temporary_months;
            EndCount k = months_count(act, n, rs);
            if (ext) {
                read(dec, rs, {"provisional.extension_months", "provisional.max_extensions", "dates.month_convention"});
            } else {
                read(dec, rs, {"temporary.months", "temporary.max_renewals", "dates.month_convention"});
            }
            dec.also.insert(dec.also.end(), {"R-FACTS", "R-DATE-CHAIN", "R-DATE-MONTHS", "R-REGIME"});
            std::string doc = ext ? "ai" : "a_card";
            Period p = doc_period(ext ? State::provisional : State::temporary, doc, effective, k.unrolled, rs, k,
                                  dec.rule);
            if (ext) {
                ++extensions_;
                p.extensions = extensions_;
                p.first_issued = ai_first_.value_or(effective);
            } else {
                if (f.row->action == Action::issue_a_card) {
                    renewals_ = 0;
                    a_card_first_ = effective;
                } else {
                    ++renewals_;
                }
                p.extensions = renewals_;
                p.first_issued = a_card_first_.value_or(effective);
            }
            open_period(std::move(p));
            dec.text = S61_TEXT(ext ? "msg.ai_extended" : f.row->action == Action::issue_a_card ? "msg.a_card" : "msg.a_card_renewed",
                                {{"from", format_date(effective)}, {"until", format_date(k.unrolled)}});
            break;
        }
        case Action::close_lapsed:
            close("reflection_lapsed");
            dec.text = S61_TEXT("msg.lapsed", {{"last", format_date(act)}, {"closed", format_date(effective)}});
            break;
        case Action::close_withdrawn:
            close("withdrawn");
            dec.text = S61_TEXT("msg.withdrawn", {{"ground", ev ? ev->ground : std::string()}});
            break;
        case Action::close_left:
            close("left_procedure");
            dec.text = S61_TEXT("msg.left");
            break;
        case Action::close_exhausted: {
            close("conditions_not_met");
            read(dec, rs, {"provisional.max_extensions"});
            dec.also.push_back("R-FACTS");
            std::string unknown;  // "@cond.victim,@cond.proceedings": rendered in the reader's language
            for (auto [name, value] : {std::pair{"@cond.victim", last_.c1}, std::pair{"@cond.proceedings", last_.c2},
                                       std::pair{"@cond.cooperation", last_.c3}, std::pair{"@cond.identity", last_.c4}})
                if (value == Tri::unknown) unknown += (unknown.empty() ? "" : ",") + std::string(name);
            dec.text = S61_TEXT("msg.exhausted", {{"end", format_date(act)}, {"unknown", unknown}});
            warn("R-61/3-EXHAUSTED", effective, Text("warn.exhausted", {{"end", format_date(act)}, {"unknown", unknown}}));
            break;
        }
        case Action::close_conditions:
        case Action::close_not_renewed: {
            close("conditions_not_met");
            dec.also.push_back("R-FACTS");
            std::string failing;
            bool renewal = f.row->action == Action::close_not_renewed;
            for (auto [name, value] : {std::pair{"victim", last_.c1}, std::pair{"proceedings", last_.c2},
                                       std::pair{"cooperation", last_.c3}, std::pair{"identity", last_.c4}}) {
                if (renewal && std::string(name) == "identity") continue;
                if (value != Tri::holds)
                    failing += (failing.empty() ? "" : ",") + std::string("@cond.") + name + "." + tri_name(value);
            }
            if (renewal && failing.empty()) failing = "@cond.no_renewal_left";
            dec.text = S61_TEXT("msg.not_met", {{"end", format_date(act)}, {"failing", failing}});
            break;
        }
        case Action::indefinite_by_trigger:
        case Action::indefinite_by_decision: {
            Period p;
            p.state = State::indefinite;
            p.document = "b_card";
            p.from = effective;
            p.regime = rs.id;
            p.first_issued = effective;
            p.rule = dec.rule;
            open_period(std::move(p));
            dec.also.push_back("R-DATE-FROM");
            read(dec, rs, {"indefinite.assume_granted", "indefinite.requires_final_conviction"});
            break;
        }
    }
}

void Replay::document_end(const Date& L) {
    const RuleSet& rs = rules_at(L, "document end");
    DecisionFacts facts;
    GuardContext g = conditions(L, rs, &facts);
    if (rs.p.labour_track && c_.person.employer_immunity) labour_read_until_ = L;
    last_ = g;
    State before = m_.state();
    Decision& dec = decide(L + bg::days(1), "", "time:document_end", std::nullopt, Text());
    if (trace_) dec.facts = facts;
    dec.from_state = state_name(before);
    Fired f = m_.fire(Trigger::document_end, g);
    if (!f.handled || !f.row) throw std::logic_error("no transition for the end of a document");
    apply(f, L, L + bg::days(1), rs, current_decision(), nullptr);
}

void Replay::advance(const Date& to) {
    while (true) {
        std::optional<Date> doc_next;
        if (!out_.periods.empty() && out_.periods.back().doc_end &&
            (m_.state() == State::reflection || m_.state() == State::provisional || m_.state() == State::temporary))
            doc_next = *out_.periods.back().doc_end + bg::days(1);
        std::optional<Date> maj_next;
        if (started_ && !majority_done_ && majority_ && m_.state() != State::closed) maj_next = *majority_;
        bool maj = maj_next && *maj_next <= to && (!doc_next || *maj_next <= *doc_next);
        if (maj) {
            majority_done_ = true;
            Decision& d = decide(*maj_next, "R-MAJORITY", "time:majority", std::nullopt,
                                 S61_TEXT(c_.person.unaccompanied ? "msg.majority.mena" : "msg.majority"));
            d.also.push_back("R-MINOR-AGE");
            continue;
        }
        if (doc_next && *doc_next <= to) {
            document_end(*doc_next - bg::days(1));
            continue;
        }
        break;
    }
}

void Replay::fire_indefinite(const Event& e, Trigger t, Text message) {
    State s = m_.state();
    const RuleSet& rs = rules_at(e.date, "", static_cast<long>(e.index));
    GuardContext g;
    Decision& dec = decide(e.date, "R-61/5-INDEF", event_type_name(e.type), e.index, std::move(message));
    read(dec, rs, {"indefinite.assume_granted", "indefinite.requires_final_conviction",
                   "indefinite.requisitions_trigger"});
    if (s == State::closed) {
        dec.rule = "R-AFTER-CLOSE";
        dec.basis = basis(dec.rule);
        warn_no_effect("R-AFTER-CLOSE", e.date,
                       Text("warn.after_close", {{"event", event_type_name(e.type)}, {"reason", out_.closure_reason.value_or("")}}));
        return;
    }
    Fired f = m_.fire(t, g);
    if (!f.handled) {
        warn_no_effect("R-61/5-INDEF", e.date,
                       Text(s == State::indefinite ? "warn.trigger_indefinite" : "warn.trigger_wrong_phase",
                            {{"event", event_type_name(e.type)}, {"state", state_name(s)}}));
        return;
    }
    apply(f, e.date, e.date, rs, current_decision(), &e);
}

// How a trigger of R-61/5-INDEF is named in messages.
std::string trigger_what(const Event& e) {
    if (e.type == EventType::requisitions) return e.teh_charge ? "@trig.requisitions_teh" : "@trig.requisitions";
    if (e.type == EventType::conviction) return e.final_conviction ? "@trig.conviction_final" : "@trig.conviction";
    return "@trig.labour_judgment";
}

// Records a labour event as a fact (procedure.md §8, diplomatic-labour-track)
// and returns its text for the trace.
Text Replay::labour_fact(const Event& e) {
    if (e.type == EventType::labour_auditor_finding) {
        set_fact(c1_labour_, e.teh ? Tri::holds : Tri::fails, e);
        return Text("msg.fact.labour_finding", {{"teh", yn(e.teh)}});
    }
    if (e.status == "pending") {
        set_fact(labour_status_, Tri::holds, e);
        return Text("msg.fact.labour_pending");
    }
    if (!e.favourable) {
        set_fact(labour_status_, Tri::fails, e);
        return Text("msg.fact.labour_against", {{"date", format_date(e.date)}});
    }
    set_fact(labour_status_, Tri::unknown, e);
    return Text("msg.fact.labour_favourable", {{"date", format_date(e.date)}});
}

TriggerFate Replay::trigger_fate(const Event& e, const RuleSet& rs) const {
    // R-61/5-INDEF: only called in the provisional or temporary phase (a
    // trigger in any other phase changes nothing and is not counted at all).
    // A recorded decision replaces the assumed grant for the triggers processed
    // before it; a later trigger opens a new eligibility only when it is of a
    // later stage than every trigger an earlier decision covered.
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

void Replay::process(const Event& e) {
    ++seq_;
    State s = m_.state();
    const char* type = event_type_name(e.type);
    const RuleSet& rs = rules_at(e.date, "", static_cast<long>(e.index));
    auto after_close = [&](const char* id) {
        Text msg(id, {{"event", type}, {"date", format_date(e.date)}, {"reason", out_.closure_reason.value_or("")}});
        warn_no_effect("R-AFTER-CLOSE", e.date, msg);
        decide(e.date, "R-AFTER-CLOSE", type, e.index, msg);
    };
    auto fact = [&](Text msg) {
        Decision& d = decide(e.date, started_ ? "R-FACTS" : "R-START", type, e.index, std::move(msg));
        if (!started_) d.also.push_back("R-FACTS");
    };

    switch (e.type) {
        case EventType::indications: {
            if (started_) {
                if (s == State::closed) return after_close("warn.after_close_on");
                warn_no_effect("R-61/2-DETECT", e.date,
                               Text("warn.further_indications",
                                    {{"date", format_date(e.date)}, {"start", format_date(out_.periods.front().from)}}));
                return;
            }
            started_ = true;
            majority_ = majority_date(c_.person.birth_date, rs);
            majority_done_ = *majority_ <= e.date;  // of age already: no milestone
            GuardContext g;
            Decision& dec = decide(e.date, "R-61/2-DETECT", type, e.index, Text());
            eligibility(e, g, dec);
            Fired f = m_.fire(Trigger::indications, g);
            apply(f, e.date, e.date, rs, current_decision(), &e);
            if (!g.eligible) warn("R-ELIG", e.date, current_decision().text);
            return;
        }
        case EventType::centre_contact: {
            if (s == State::closed) return after_close("warn.after_close_on");
            if (s != State::detected) {
                warn_no_effect("R-61/2-REFLECT", e.date,
                               Text("warn.further_contact", {{"date", format_date(e.date)}, {"state", state_name(s)}}));
                return;
            }
            GuardContext g;
            for (const Event* x : events_)
                if (x->type == EventType::cooperation && x->date <= e.date) g.prior_cooperation = true;
            g.mena_on_contact = mena_on(e.date);
            g.mena_reflection_3m = rs.p.mena_first_document == MenaFirstDocument::reflection_3m;
            Decision& dec = decide(e.date, "", type, e.index, Text());
            if (c_.person.unaccompanied) {
                dec.also.push_back("R-MINOR-AGE");
                read(dec, rs, {"mena.first_document", "majority.age"});
            }
            Fired f = m_.fire(Trigger::centre_contact, g);
            apply(f, e.date, e.date, rs, current_decision(), &e);
            return;
        }
        case EventType::cooperation: {
            set_fact(c3_, Tri::holds, e);
            if (s == State::closed)
                return after_close(out_.closure_reason == std::string("reflection_lapsed") ? "warn.after_close_lapsed"
                                                                                           : "warn.after_close_on");
            if (s == State::reflection) {
                Decision& dec = decide(e.date, "R-61/3-AI", type, e.index, Text());
                Fired f = m_.fire(Trigger::cooperation, GuardContext{});
                apply(f, e.date, e.date, rs, current_decision(), &e);
                dec.also.push_back("R-61/2-END");
                return;
            }
            fact(S61_TEXT("msg.fact.cooperation", {{"form", e.form}, {"date", format_date(e.date)}}));
            return;
        }
        case EventType::prosecutor_opinion: {
            if (s == State::closed) return after_close("warn.after_close_on");
            if (e.qualification_clear) set_fact(c1_prosecutor_, e.victim ? Tri::holds : Tri::fails, e);
            set_fact(c2_, e.proceedings_ongoing ? Tri::holds : Tri::fails, e);
            set_fact(c3_, e.cooperating ? Tri::holds : Tri::fails, e);
            fact(S61_TEXT(e.qualification_clear ? "msg.fact.opinion" : "msg.fact.opinion_unclear",
                          {{"by", e.by}, {"victim", yn(e.victim)}, {"ongoing", yn(e.proceedings_ongoing)},
                           {"cooperating", yn(e.cooperating)}}));
            return;
        }
        case EventType::identity_established:
            if (s == State::closed) return after_close("warn.after_close_on");
            set_fact(c4_, Tri::holds, e);
            fact(S61_TEXT("msg.fact.identity", {{"date", format_date(e.date)}}));
            return;
        case EventType::withdrawal_ground: {
            if (s == State::closed) return after_close("warn.after_close_on");
            GuardContext g;
            g.withdrawal_effective =
                !(rs.p.mena_unconditional && e.ground == "cooperation_stopped" && mena_on(e.date));
            if (s == State::detected || s == State::indefinite) {
                Text msg("warn.withdrawal_no_effect", {{"ground", e.ground}, {"state", state_name(s)}});
                warn_no_effect("R-WITHDRAW", e.date, msg);
                decide(e.date, "R-WITHDRAW", type, e.index, msg);
                return;
            }
            Decision& dec = decide(e.date, "R-WITHDRAW", type, e.index, Text());
            Fired f = m_.fire(Trigger::withdrawal, g);
            if (!f.handled) {
                Text msg("warn.withdrawal_minority");
                dec.text = S61_TEXT(msg);
                read(dec, rs, {"mena.unconditional"});
                warn_no_effect("R-WITHDRAW", e.date, msg);
                return;
            }
            apply(f, e.date, e.date, rs, current_decision(), &e);
            return;
        }
        case EventType::proceedings_ended: {
            if (s == State::closed) return after_close("warn.after_close_on");
            set_fact(c2_, Tri::fails, e);
            if (e.outcome != "immunity") set_fact(ended_not_immunity_, Tri::fails, e);
            fact(S61_TEXT("msg.fact.proceedings_ended", {{"outcome", e.outcome}, {"date", format_date(e.date)}}));
            if (e.outcome == "immunity" && c_.person.employer_immunity && !rs.p.labour_track) {
                warn("R-61/4-RENEW", e.date, Text("warn.immunity_gap"));
                // Not a gap when a later decision applies diplomatic-labour-track (§7).
                ignored_labour_.push_back({out_.warnings.size() - 1, std::nullopt, e.date, Text()});
            }
            return;
        }
        case EventType::requisitions:
        case EventType::conviction:
        case EventType::labour_proceedings:
        case EventType::labour_auditor_finding: {
            bool labour = e.type == EventType::labour_proceedings || e.type == EventType::labour_auditor_finding;
            if (labour) {
                if (s == State::closed && rs.p.labour_track && c_.person.employer_immunity)
                    return after_close("warn.after_close_on");
                // Facts are facts under every rule set (§7): recorded whatever
                // the rule set of its date; a decision under the reform reads it.
                Text fact_text = s == State::closed ? Text() : labour_fact(e);
                if (!(rs.p.labour_track && c_.person.employer_immunity)) {
                    Text msg("warn.labour_ignored", {{"event", type}});
                    warn("R-FACTS", e.date, msg);
                    IgnoredLabour ig{out_.warnings.size() - 1, std::nullopt, e.date, fact_text};
                    decide(e.date, "R-FACTS", type, e.index, msg);
                    if (trace_) ig.decision = out_.decisions.size() - 1;
                    if (s != State::closed) ignored_labour_.push_back(std::move(ig));
                    return;
                }
                if (!(e.type == EventType::labour_proceedings && e.status == "judgment" && e.favourable)) {
                    fact(trace_ ? fact_text : Text());
                    return;
                }
            }
            if (s == State::closed) return after_close("warn.after_close_on");
            if (s != State::provisional && s != State::temporary) {
                // R-61/5-INDEF: in any other phase it changes nothing at all:
                // not a trigger, not covered by a later decision.
                fire_indefinite(e, Trigger::indefinite_trigger, S61_TEXT("msg.trigger", {{"what", trigger_what(e)}}));
                return;
            }
            const TriggerFate fate = trigger_fate(e, rs);
            if (fate.kind != TriggerFate::not_trigger) any_trigger_seen_ = true;
            if (fate.kind == TriggerFate::effective || fate.kind == TriggerFate::replaced)
                pending_stages_.push_back(fate.stage);
            const std::string what = trigger_what(e);
            switch (fate.kind) {
                case TriggerFate::not_trigger: {
                    Decision& d = decide(e.date, "R-61/5-INDEF", type, e.index,
                                         S61_TEXT("msg.not_trigger", {{"what", what}, {"why", fate.why}}));
                    read(d, rs, {"indefinite.requires_final_conviction", "indefinite.requisitions_trigger"});
                    return;
                }
                case TriggerFate::replaced:
                    decide(e.date, "R-61/5-INDEF", type, e.index,
                           S61_TEXT("msg.trigger_replaced", {{"what", what}, {"date", format_date(*fate.decision)}}));
                    return;
                case TriggerFate::stale:
                    warn_no_effect("R-61/5-INDEF", e.date, Text("warn.trigger_stale", {{"what", what}, {"why", fate.why}}));
                    decide(e.date, "R-61/5-INDEF", type, e.index, Text("warn.trigger_stale", {{"what", what}, {"why", fate.why}}));
                    return;
                case TriggerFate::effective: break;
            }
            if (!rs.p.assume_granted) {
                Decision& d = decide(e.date, "R-61/5-INDEF", type, e.index, S61_TEXT("msg.trigger_awaiting", {{"what", what}}));
                read(d, rs, {"indefinite.assume_granted"});
                out_.pending_trigger = e.date;
                return;
            }
            fire_indefinite(e, Trigger::indefinite_trigger,
                            S61_TEXT("msg.trigger_assumed", {{"what", what}, {"date", format_date(e.date)}}));
            warn("R-61/5-INDEF", e.date, Text("warn.assumed", {{"date", format_date(e.date)}}));
            out_.pending_trigger = e.date;
            return;
        }
        case EventType::indefinite_decision: {
            // It covers every trigger awaiting a decision (R-61/5-INDEF).
            for (int st : pending_stages_) covered_max_ = std::max(covered_max_, st);
            pending_stages_.clear();
            if (s == State::closed) return after_close("warn.after_close_on");
            out_.pending_trigger.reset();
            if (!e.granted) {
                decide(e.date, "R-61/5-INDEF", type, e.index, S61_TEXT("msg.refused"));
                any_decision_recorded_ = true;
                return;
            }
            if (!any_trigger_seen_ && (s == State::provisional || s == State::temporary))
                warn("R-61/5-INDEF", e.date, Text("warn.grant_without_trigger", {{"date", format_date(e.date)}}));
            any_decision_recorded_ = true;
            fire_indefinite(e, Trigger::indefinite_grant, S61_TEXT("msg.granted", {{"date", format_date(e.date)}}));
            return;
        }
        case EventType::document_issued: {
            if (s == State::closed) return after_close("warn.after_close_on");
            Period* cur = out_.periods.empty() ? nullptr : &out_.periods.back();
            std::string held = cur ? cur->document : std::string();
            if (!cur || held != e.document) {
                Text msg("warn.other_document", {{"document", e.document}, {"date", format_date(e.date)},
                                                 {"held", held.empty() ? std::string("none") : held}});
                warn_no_effect("R-DATE-RECORDED", e.date, msg);
                decide(e.date, "R-DATE-RECORDED", type, e.index, msg);
                return;
            }
            if (e.expires && *e.expires < e.date) {
                Text msg("warn.expiry_before_record", {{"expires", format_date(*e.expires)}, {"document", e.document},
                                                       {"date", format_date(e.date)}});
                warn_no_effect("R-DATE-RECORDED", e.date, msg);
                decide(e.date, "R-DATE-RECORDED", type, e.index, msg);
                return;
            }
            Decision& d = decide(e.date, "R-DATE-RECORDED", type, e.index, Text());
            const char* msg_id = "msg.recorded";
            std::string computed_end = cur->doc_end ? format_date(*cur->doc_end) : std::string();
            if (e.date != cur->from)
                warn("R-DATE-RECORDED", e.date,
                     Text("warn.issued_other_day", {{"document", e.document}, {"date", format_date(e.date)},
                                                    {"from", format_date(cur->from)}}));
            if (e.expires) {
                if (!cur->doc_end) {
                    msg_id = "msg.recorded.no_end";
                    warn_no_effect("R-DATE-RECORDED", e.date,
                                   Text("warn.no_end", {{"document", e.document}, {"expires", format_date(*e.expires)}}));
                } else {
                    msg_id = "msg.recorded.expiry";
                    cur->doc_end = *e.expires;
                    cur->until = *e.expires;
                    cur->count.kind = EndCount::recorded;
                    cur->recorded_on = e.date;
                }
            }
            d.text = S61_TEXT(msg_id, {{"document", e.document}, {"date", format_date(e.date)},
                                       {"expires", e.expires ? format_date(*e.expires) : std::string()},
                                       {"end", computed_end}});
            return;
        }
        case EventType::left_procedure: {
            if (s == State::closed) return after_close("warn.after_close_on");
            if (s == State::indefinite) {
                Text msg("warn.left_indefinite");
                warn_no_effect("R-LEFT", e.date, msg);
                decide(e.date, "R-LEFT", type, e.index, msg);
                return;
            }
            Decision& dec = decide(e.date, "R-LEFT", type, e.index, Text());
            (void)dec;
            Fired f = m_.fire(Trigger::left, GuardContext{});
            apply(f, e.date, e.date, rs, current_decision(), &e);
            return;
        }
    }
}

void Replay::finish() {
    // §7: "labour event ignored" only when no later decision under the reform
    // reads it; the next decision, after `on`, is taken under the rule set in
    // force on `on`.
    if (const RuleSet* now = sel_.at(on_); now && now->p.labour_track && c_.person.employer_immunity &&
                                           (m_.state() == State::reflection || m_.state() == State::provisional ||
                                            m_.state() == State::temporary))
        labour_read_until_ = on_;
    for (auto it = ignored_labour_.rbegin(); it != ignored_labour_.rend(); ++it) {
        if (!labour_read_until_ || it->date > *labour_read_until_) continue;
        out_.warnings.erase(out_.warnings.begin() + static_cast<long>(it->warning));
        if (it->decision) out_.decisions[*it->decision].text = it->fact;
    }
    const RuleSet& rs = rules_at(on_, "--on");
    out_.regime = sel_.pinned() ? *sel_.pinned() : rs.id;
    out_.reforms = sel_.reform_ids();
    out_.majority = majority_date(c_.person.birth_date, rs);
    if (majority_) out_.majority = *majority_;
    out_.minor = on_ < out_.majority;
    out_.unaccompanied = c_.person.unaccompanied;
    out_.conditions = conditions(on_, rs, nullptr);
    for (const auto& e : c_.events)
        if (e.type == EventType::indications) {
            out_.indications = e.date;
            out_.indications_by = e.by;
            break;
        }
    const Period* cur = out_.current();
    if (!cur) return;
    auto add = [&](const char* id, const Date& d, const std::string& b) { out_.deadlines.push_back({id, d, b}); };
    State s = cur->state;
    if (cur->doc_end) {
        const Date end = *cur->doc_end;
        if (s == State::reflection) add("reflection-last-day", end, "art. 61/2 §2; Judicial Code art. 53");
        if (s == State::provisional || s == State::temporary) {
            const RuleSet& at_end = sel_.at(end) ? *sel_.at(end) : rs;
            // Never before the document exists or its end is known (a short
            // printed expiry): then the consultation is due at once.
            Date consult = consultation_deadline(end, at_end.p.consultation_months_before);
            consult = std::max(consult, cur->from);
            if (cur->recorded_on) consult = std::max(consult, *cur->recorded_on);
            add("prosecutor-consultation", consult, "art. 61/4 §1");
        }
        if (s == State::temporary) {
            const RuleSet& at_end = sel_.at(end) ? *sel_.at(end) : rs;
            add("renewal-request", end - bg::days(at_end.p.renewal_request_days_before_end), basis("R-61/4-RENEW"));
        }
        add("document-end", end,
            s == State::reflection ? "art. 61/2 §2" : s == State::provisional ? "art. 61/3 §1" : "art. 61/4 §1");
    }
    if (out_.pending_trigger && (s == State::provisional || s == State::temporary || s == State::indefinite))
        add("indefinite-request", *out_.pending_trigger, "art. 61/5");
    if (out_.minor && s != State::closed) add("majority", out_.majority, basis("R-MAJORITY"));
    static const char* order[] = {"reflection-last-day", "prosecutor-consultation", "renewal-request",
                                  "document-end", "indefinite-request", "majority"};
    auto rank = [](const std::string& id) {
        for (int i = 0; i < 6; ++i)
            if (id == order[i]) return i;
        return 6;
    };
    std::stable_sort(out_.deadlines.begin(), out_.deadlines.end(), [&](const Deadline& a, const Deadline& b) {
        if (a.date != b.date) return a.date < b.date;
        return rank(a.id) < rank(b.id);
    });

    // Ambiguity alarm (procedure.md §9): the current document's end under the
    // other plausible conventions, recomputed from the same act date.
    const EndCount& k = cur->count;
    if (k.kind == EndCount::months) {
        MonthConvention other = k.convention == MonthConvention::quantieme ? MonthConvention::same_day_clamped
                                                                           : MonthConvention::quantieme;
        Date alt = last_day(k.act, Months(k.n), other, k.first_day);
        if (k.rollover) alt = roll_forward(alt);
        if (alt != *cur->doc_end) {
            const char* name = other == MonthConvention::same_day_clamped ? "same-day-clamped" : "end-of-month";
            out_.sensitivities.push_back({"document.until", name, alt});
            if (s == State::reflection) out_.sensitivities.push_back({"deadlines.reflection-last-day", name, alt});
        }
    }
    if ((k.kind == EndCount::months || k.kind == EndCount::days) && s == State::reflection) {
        Date alt = k.rollover ? k.unrolled : roll_forward(k.unrolled);
        if (alt != *cur->doc_end) {
            const char* name = k.rollover ? "no-rollover" : "rollover";
            out_.sensitivities.push_back({"document.until", name, alt});
            out_.sensitivities.push_back({"deadlines.reflection-last-day", name, alt});
        }
    }
}

Outcome Replay::run() {
    out_.case_id = c_.id;
    out_.on = on_;
    size_t hidden = 0;
    for (const auto& e : c_.events) {
        if (e.date <= on_) {
            events_.push_back(&e);
        } else {
            ++hidden;
        }
    }
    const Event* first = nullptr;
    for (const Event* e : events_)
        if (e->type == EventType::indications) { first = e; break; }
    if (!first) {
        const Event* later = nullptr;
        for (const auto& e : c_.events)
            if (e.type == EventType::indications) { later = &e; break; }
        // R-START: a case without indications has not started, whatever the date asked.
        if (!later)
            throw QueryError("events", "the case has not started: it has no indications event (record the "
                                       "indications of the police or inspection services first)");
        throw QueryError("--on", "the case has not started on " + format_date(on_) + " (its first indications are dated " +
                                     format_date(later->date) + ")");
    }
    rules_at(on_, "--on");
    for (const Event* e : events_) rules_at(e->date, "", static_cast<long>(e->index));
    if (c_.out_of_order)
        warn("R-FACTS", first->date, Text("warn.out_of_order"));
    if (hidden > 0) {
        Decision& d = decide(on_, "R-ASOF", "query", std::nullopt,
                             S61_TEXT("msg.asof", {{"n", std::to_string(hidden)}, {"on", format_date(on_)}}));
        (void)d;
    }
    for (cursor_ = 0; cursor_ < events_.size(); ++cursor_) {
        advance(events_[cursor_]->date);
        process(*events_[cursor_]);
    }
    advance(on_);
    finish();
    return std::move(out_);
}

}  // namespace

Outcome replay(const Case& c, const Selection& sel, const Date& on, const ReplayOptions& options) {
    Replay r(c, sel, on, options);
    return r.run();
}

}  // namespace sejour61
