// The agenda of a replay: what happens in which order.
//
// The case file's events dated up to the query date are processed in file
// order (the case parser sorts them by date, stably); before each, and before
// the query date, the events time creates are inserted: the end of the
// current document (the day after its last day), the 18th birthday and, under
// residence-without-cooperation, the day after the years of temporary stay
// (R-61/5-YEARS), whichever comes first. Each event goes to the function of its rule family.
#include "replay.hpp"

namespace sejour61 {

namespace bg = boost::gregorian;

namespace procedure {

const RuleSet& Replay::rules_at(const Date& d, const char* what, long index) const {
    const RuleSet* rs = sel_.at(d);
    if (rs) return *rs;
    const RuleSet& first = sel_.book().regimes().front();
    throw QueryError(index >= 0 ? "events[" + std::to_string(index) + "].date" : std::string(what),
                     say("{date} is before any regime is in force (the first, {regime}, applies from {from}); pin one "
                         "with --rules",
                         {{"date", format_date(d)}, {"regime", first.id}, {"from", format_date(first.in_force_from)}}));
}

}  // namespace procedure

// @rule R-START (procedure.md R-START): the case starts with the first
// indications. Before them only facts may be recorded (cooperation,
// identity_established, prosecutor_opinion; on the same day, any event after
// the indications); a case file that says otherwise is refused. A query on a
// case without indications, or before them, has no answer.
void check_start(const Case& c) {
    const Event* first = nullptr;
    for (const auto& e : c.events)
        if (e.type == EventType::indications) { first = &e; break; }
    for (const auto& e : c.events) {
        if (first && e.index == first->index) break;
        if (first && e.date > first->date) break;
        bool fact = e.type == EventType::cooperation || e.type == EventType::identity_established ||
                    e.type == EventType::prosecutor_opinion;
        if (fact) continue;
        if (first && e.date == first->date) continue;  // same day, after the indications
        const std::string at = "events[" + std::to_string(e.index) + "]";
        if (!first)
            throw CaseError(at, say("a {event} event without any indications event: only cooperation, "
                                    "identity_established and prosecutor_opinion may precede the case (R-START)",
                                    {{"event", event_type_name(e.type)}}));
        throw CaseError(at, say("a {event} event dated {date} precedes the first indications ({first}): only "
                                "cooperation, identity_established and prosecutor_opinion may precede the case (R-START)",
                                {{"event", event_type_name(e.type)}, {"date", format_date(e.date)},
                                 {"first", format_date(first->date)}}));
    }
}

namespace procedure {

// R-START, for a query (above: for the case file).
// @rule R-ASOF (procedure.md §4): a query for date D sees only the events
// dated on or before D; the trace says how many it leaves out.
void Replay::start() {
    size_t hidden = 0;
    for (const auto& e : c_.events) {
        if (e.date <= on_) events_.push_back(&e);
        else ++hidden;
    }
    const Event* first = nullptr;
    for (const Event* e : events_)
        if (e->type == EventType::indications) { first = e; break; }
    if (!first) {
        const Event* later = nullptr;
        for (const auto& e : c_.events)
            if (e.type == EventType::indications) { later = &e; break; }
        if (!later)
            throw QueryError("events", "the case has not started: it has no indications event (record the "
                                       "indications of the police or inspection services first)");
        throw QueryError("--on", say("the case has not started on {on} (its first indications are dated {first})",
                                     {{"on", format_date(on_)}, {"first", format_date(later->date)}}));
    }
    rules_at(on_, "--on");
    for (const Event* e : events_) rules_of(*e);
    if (c_.out_of_order) trace_.warn("R-FACTS", first->date, Text("warn.out_of_order"));
    if (hidden > 0)
        trace_.decide(on_, "R-ASOF", "query", std::nullopt,
                      S61_TEXT("msg.asof", {{"n", std::to_string(hidden)}, {"on", format_date(on_)}}), m_.state());
}

void Replay::advance(const Date& to) {
    while (true) {
        State s = m_.state();
        const Period* cur = book_.current();
        std::optional<Date> doc_next;
        if (cur && cur->doc_end && (s == State::reflection || s == State::provisional || s == State::temporary))
            doc_next = *cur->doc_end + bg::days(1);
        std::optional<Date> maj_next;
        if (started_ && !majority_done_ && majority_ && s != State::closed) maj_next = *majority_;
        std::optional<Date> years_next;  // R-61/5-YEARS, before a renewal decided the same day
        if (s == State::temporary && doc_next) years_next = years_day(*cur->doc_end);
        if (years_next && *years_next > *doc_next) years_next.reset();
        if (maj_next && *maj_next <= to && (!doc_next || *maj_next <= *doc_next) &&
            (!years_next || *maj_next <= *years_next)) {
            majority_reached(*maj_next);
            continue;
        }
        if (years_next && *years_next <= to) {
            temporary_years(*years_next);
            continue;
        }
        if (doc_next && *doc_next <= to) {
            document_end(*doc_next - bg::days(1));
            continue;
        }
        break;
    }
}

void Replay::process(const Event& e) {
    facts_.next_event();
    const RuleSet& rs = rules_of(e);
    // Labour events outside diplomatic-labour-track are facts no rule reads.
    if (labour_event_ignored(e, rs)) return;
    // The one check: after closure, nothing changes.
    if (m_.state() == State::closed) return after_close(e);
    switch (e.type) {
        case EventType::indications: return on_indications(e, rs);
        case EventType::centre_contact: return on_centre_contact(e, rs);
        case EventType::cooperation: return on_cooperation(e, rs);
        case EventType::prosecutor_opinion:
        case EventType::identity_established:
        case EventType::proceedings_ended:
        case EventType::labour_auditor_finding:
        case EventType::labour_proceedings: return on_fact(e, rs);
        case EventType::withdrawal_ground: return on_withdrawal(e, rs);
        case EventType::requisitions:
        case EventType::conviction: return on_trigger(e, rs);
        case EventType::indefinite_decision: return on_indefinite_decision(e, rs);
        case EventType::document_issued: return on_document_issued(e);
        case EventType::left_procedure: return on_left(e, rs);
    }
}

// The machine chose a transition: its action, dated. `act` is the day of the
// act (or the last day of the document that ended), `effective` the first day
// of the new state.
void Replay::apply(const Fired& f, const Date& act, const Date& effective, const RuleSet& rs, const Event* ev) {
    trace_.chosen(*f.row, f.to);
    switch (f.row->action) {
        case Action::open_case: return open_case(act);
        case Action::close_not_eligible: return close("not_eligible", effective);
        case Action::issue_reflection:
        case Action::issue_mena_reflection: return issue_reflection(f.row->action, act, rs);
        case Action::issue_ai_direct:
        case Action::issue_ai_mena:
        case Action::issue_ai: return issue_ai(f.row->action, act, rs);
        case Action::extend_ai: return extend_ai(act, effective, rs);
        case Action::issue_a_card: return issue_a_card(act, effective, rs);
        case Action::renew_a_card: return renew_a_card(act, effective, rs);
        case Action::close_lapsed: return close_lapsed(act, effective);
        case Action::close_withdrawn:
            close("withdrawn", effective);
            trace_.current().text = S61_TEXT("msg.withdrawn", {{"ground", ev ? ev->ground : std::string()}});
            return;
        case Action::close_left:
            close("left_procedure", effective);
            trace_.current().text = S61_TEXT("msg.left");
            return;
        case Action::close_exhausted: return close_exhausted(act, effective, rs);
        case Action::close_conditions:
        case Action::close_not_renewed: return close_not_met(f.row->action, act, effective);
        case Action::indefinite_by_trigger:
        case Action::indefinite_by_decision: return grant_indefinite(effective, rs);
        case Action::issue_ai_personal: return issue_ai_personal(act, effective, rs);
        case Action::indefinite_by_years: return grant_indefinite(effective, rs, true);
    }
}

// What the outcome says about the query date.
void Replay::finish() {
    withdraw_labour_warnings();
    const RuleSet& rs = rules_at(on_, "--on");
    out_.regime = sel_.pinned() ? *sel_.pinned() : rs.id;
    out_.reforms = sel_.reform_ids();
    out_.majority = majority_ ? *majority_ : majority_date(c_.person.birth_date, rs);
    out_.minor = on_ < out_.majority;
    out_.unaccompanied = c_.person.unaccompanied;
    out_.conditions = conditions(on_, rs, nullptr);
    if (const Period* cur = out_.current(); cur && cur->state == State::temporary && cur->doc_end)
        if (auto y = years_day(*cur->doc_end); y && *y <= *cur->doc_end + bg::days(1)) out_.years_due = y;
    for (const auto& e : c_.events)
        if (e.type == EventType::indications) {
            out_.indications = e.date;
            out_.indications_by = e.by;
            break;
        }
    if (!out_.current() || !obligations_) return;
    deadlines(rs);
    sensitivities();
}

namespace {

// Empties `o` for a new replay, keeping the storage of its lists and strings.
void reset(Outcome& o) {
    Outcome fresh;
    fresh.case_id.swap(o.case_id);
    fresh.regime.swap(o.regime);
    fresh.reforms.swap(o.reforms);
    fresh.periods.swap(o.periods);
    fresh.decisions.swap(o.decisions);
    fresh.warnings.swap(o.warnings);
    fresh.deadlines.swap(o.deadlines);
    fresh.sensitivities.swap(o.sensitivities);
    fresh.indications_by.swap(o.indications_by);
    o = std::move(fresh);
    o.case_id.clear();
    o.regime.clear();
    o.periods.clear();
    o.decisions.clear();
    o.warnings.clear();
    o.deadlines.clear();
    o.sensitivities.clear();
    o.indications_by.clear();
}

// The scratch decision as new, keeping the storage of its list of rules.
void reset(Decision& d) {
    std::vector<std::string> also = std::move(d.also);
    also.clear();
    d = Decision();
    d.also = std::move(also);
}

}  // namespace

void Replay::run() {
    reset(out_);
    out_.case_id = c_.id;
    out_.on = on_;
    out_.periods.reserve(8);  // most cases have fewer; one allocation instead of four
    events_.clear();
    events_.reserve(c_.events.size());
    pending_stages_.clear();
    ignored_labour_.clear();
    m_.reset();
    start();
    for (cursor_ = 0; cursor_ < events_.size(); ++cursor_) {
        advance(events_[cursor_]->date);
        process(*events_[cursor_]);
    }
    advance(on_);
    finish();
}

}  // namespace procedure

void replay_into(Outcome& out, const Case& c, const Selection& sel, const Date& on, const ReplayOptions& options) {
    // One scratch per thread, and a second for the replays the ambiguity
    // alarm starts while the status's own replay runs; a replay started
    // deeper still takes a scratch of its own.
    thread_local procedure::Scratch mine;
    thread_local procedure::Scratch nested;
    std::optional<procedure::Scratch> own;
    procedure::Scratch& s = !mine.busy ? mine : !nested.busy ? nested : own.emplace();
    struct Hold {
        procedure::Scratch& s;
        bool was;
        ~Hold() { s.busy = was; }
    } hold{s, s.busy};
    s.busy = true;
    procedure::reset(s.decision);
    procedure::Replay(c, sel, on, options, out, s).run();
}

Outcome replay(const Case& c, const Selection& sel, const Date& on, const ReplayOptions& options) {
    Outcome out;
    replay_into(out, c, sel, on, options);
    return out;
}

}  // namespace sejour61
