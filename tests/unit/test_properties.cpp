// Property tests: random cases from a seeded generator; the invariants of the
// procedure hold for every one. A failure prints the seed and the case; add it
// to tests/cases/ (or to kRegressionSeeds below) as a regression test.
#include "sejour61/case.hpp"
#include "sejour61/engine.hpp"
#include "sejour61/views.hpp"
#include "sejour61/next.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <random>

using namespace sejour61;
using nlohmann::json;
namespace bg = boost::gregorian;

namespace {

std::shared_ptr<const RuleBook> book() {
    static auto b = RuleBook::load(SEJOUR61_TEST_RULES_DIR);
    return b;
}

struct Gen {
    std::mt19937_64 rng;
    explicit Gen(uint64_t seed) : rng(seed) {}
    int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; }
    template <class T>
    const T& pick(const std::vector<T>& v) { return v[static_cast<size_t>(uniform(0, static_cast<int>(v.size()) - 1))]; }
};

std::string iso(const Date& d) { return format_date(d); }

// A random case and a random query date.
std::pair<json, Date> random_case(uint64_t seed) {
    Gen g(seed);
    Date d0 = Date(2007, 6, 1) + bg::days(g.uniform(0, 9000));
    Date birth = d0 - bg::days(g.uniform(10 * 365, 60 * 365));
    json person{{"birth_date", iso(birth)},
                {"nationality", g.pick(std::vector<std::string>{"NG", "AF", "RO", "HR", "BE", "GB", "XX", "VN"})},
                {"unaccompanied", g.chance(0.2)},
                {"employer_immunity", g.chance(0.1)}};
    json offence = g.chance(0.8) ? json{{"type", "trafficking"}}
                                 : json{{"type", "smuggling"}, {"aggravating", json::array({g.uniform(1, 5)})}};
    json events = json::array();
    auto at = [&](int lo, int hi) { return iso(d0 + bg::days(g.uniform(lo, hi))); };
    // Facts that may precede the case (R-START).
    for (int i = g.uniform(0, 2); i > 0; --i) {
        int k = g.uniform(0, 2);
        if (k == 0) events.push_back({{"date", at(-60, 0)}, {"type", "cooperation"}, {"form", "complaint"}});
        if (k == 1) events.push_back({{"date", at(-60, 0)}, {"type", "identity_established"}});
        if (k == 2)
            events.push_back({{"date", at(-60, 0)}, {"type", "prosecutor_opinion"}, {"by", "prosecutor"},
                              {"victim", g.chance(0.8)}, {"proceedings_ongoing", g.chance(0.8)},
                              {"cooperating", g.chance(0.8)}, {"qualification_clear", g.chance(0.8)}});
    }
    events.push_back({{"date", iso(d0)}, {"type", "indications"}, {"by", "police"}});
    if (g.chance(0.9)) events.push_back({{"date", at(0, 20)}, {"type", "centre_contact"}, {"centre", "c"}});
    static const std::vector<std::string> docs = {"oqt45", "annex15", "ai", "a_card", "b_card"};
    for (int i = g.uniform(0, 14); i > 0; --i) {
        std::string date = g.chance(0.5) ? at(0, 120) : at(0, 1500);  // crowd the early phases
        switch (g.uniform(0, 13)) {
            case 0: events.push_back({{"date", date}, {"type", "cooperation"}, {"form", "statement"}}); break;
            case 1: events.push_back({{"date", date}, {"type", "identity_established"}}); break;
            case 2:
            case 3:
                events.push_back({{"date", date}, {"type", "prosecutor_opinion"}, {"by", "prosecutor"},
                                  {"victim", g.chance(0.8)}, {"proceedings_ongoing", g.chance(0.8)},
                                  {"cooperating", g.chance(0.8)}, {"qualification_clear", g.chance(0.85)}});
                break;
            case 4:
                events.push_back({{"date", date}, {"type", "withdrawal_ground"},
                                  {"ground", g.pick(std::vector<std::string>{"contact_renewed", "public_order", "fraud",
                                                                             "cooperation_stopped", "accompaniment_ended"})}});
                break;
            case 5:
                events.push_back({{"date", date}, {"type", "proceedings_ended"},
                                  {"outcome", g.pick(std::vector<std::string>{"dismissed", "acquitted", "immunity"})}});
                break;
            case 6: events.push_back({{"date", date}, {"type", "requisitions"}, {"teh_charge", g.chance(0.7)}}); break;
            case 7: events.push_back({{"date", date}, {"type", "conviction"}, {"final", g.chance(0.4)}}); break;
            case 8: events.push_back({{"date", date}, {"type", "indefinite_decision"}, {"granted", g.chance(0.5)}}); break;
            case 9: {
                json e{{"date", date}, {"type", "document_issued"}, {"document", g.pick(docs)}};
                if (g.chance(0.6)) e["expires"] = iso(*parse_date(date) + bg::days(g.chance(0.5) ? g.uniform(-5, 40) : g.uniform(0, 200)));
                events.push_back(e);
                break;
            }
            case 10: events.push_back({{"date", date}, {"type", "left_procedure"}, {"reason", "r"}}); break;
            case 11: events.push_back({{"date", date}, {"type", "labour_auditor_finding"}, {"teh", g.chance(0.7)}}); break;
            case 12: events.push_back({{"date", date}, {"type", "labour_proceedings"}, {"status", "pending"}}); break;
            case 13:
                events.push_back({{"date", date}, {"type", "labour_proceedings"}, {"status", "judgment"},
                                  {"favourable", g.chance(0.5)}});
                break;
        }
    }
    // Sort by date, keeping the generator's order within a day.
    std::stable_sort(events.begin(), events.end(),
                     [](const json& a, const json& b) { return a["date"].get<std::string>() < b["date"].get<std::string>(); });
    json c{{"format", "sejour61.case/1"}, {"id", "P-" + std::to_string(seed)}, {"person", person},
           {"offence", offence}, {"events", events}};
    // Half of the queries fall just after an event, where short-lived states are.
    Date on = d0 + bg::days(g.uniform(0, 2500));
    if (g.chance(0.5)) on = *parse_date(events[static_cast<size_t>(g.uniform(0, static_cast<int>(events.size()) - 1))]["date"].get<std::string>()) +
                            bg::days(g.uniform(0, 10));
    if (on < d0) on = d0;
    return {c, on};
}

// Same-day events that commute: facts of different conditions, and the centre contact.
bool commutes(const json& e) {
    std::string t = e["type"];
    return t == "identity_established" || t == "cooperation" || t == "centre_contact";
}

// Checks every invariant for one case; returns "" or the broken invariant.
std::string check(const json& c, const Date& on, std::mt19937_64& shuffle_rng) {
    Case cs = parse_case(c.dump());
    std::vector<std::string> reform_sets[] = {{}, {"mena-unconditional", "diplomatic-labour-track"}};
    for (const auto& reforms : reform_sets) {
        Selection sel(book(), std::nullopt, reforms);
        Outcome o;
        try {
            o = replay(cs, sel, on);
        } catch (const QueryError&) {
            continue;  // e.g. a query before the case starts: a clean error is fine
        }
        const auto& P = o.periods;
        if (P.empty()) return "no period";
        Date start = cs.events.front().date;
        for (const auto& e : cs.events)
            if (e.type == EventType::indications) { start = e.date; break; }
        for (size_t i = 0; i < P.size(); ++i) {
            const Period& p = P[i];
            bool last = i + 1 == P.size();
            // Contiguous, non-overlapping, every period starting on or before `on`.
            if (p.from > on) return "a period starts after the query date";
            if (p.from < start) return "a period starts before the indications";
            if (!last) {
                if (!p.until) return "an inner period without an end";
                if (*p.until + bg::days(1) != P[i + 1].from) return "periods are not contiguous";
                if (*p.until < p.from) return "a period ends before it starts";
            }
            // A document in every phase that requires one, none elsewhere.
            bool needs = p.state == State::reflection || p.state == State::provisional ||
                         p.state == State::temporary || p.state == State::indefinite;
            if (needs == p.document.empty()) return std::string("document rule broken in ") + state_name(p.state);
            // Closing is final.
            if (p.state == State::closed && !last) return "a period after closure";
            // Document dates follow R-DATE-*.
            const EndCount& k = p.count;
            if (k.kind == EndCount::days || k.kind == EndCount::months) {
                if (p.from < k.act) return "a document starts before its act";
                Date end = k.kind == EndCount::days ? last_day(k.act, Days(k.n), k.first_day)
                                                    : last_day(k.act, Months(k.n), k.convention, k.first_day);
                if (end != k.unrolled) return "unrolled end differs from R-DATE-DAYS/MONTHS";
                if (!p.doc_end || *p.doc_end != (k.rollover ? roll_forward(end) : end))
                    return "document end differs from R-DATE-* (roll-over)";
                if (p.from != k.act && p.from != k.act + bg::days(1)) return "document from is neither the act nor the day after";
            }
            if (p.doc_end && *p.doc_end < p.from) return "a document ends before it starts";
        }
        // No deadline or sensitivity earlier than the period that caused it.
        for (const auto& d : o.deadlines)
            if (d.date < P.back().from && d.id != "indefinite-request") return "deadline " + d.id + " before its period";
        for (size_t i = 1; i < o.deadlines.size(); ++i)
            if (o.deadlines[i].date < o.deadlines[i - 1].date) return "deadlines not sorted";
        for (const auto& w : o.warnings)
            if (w.date > on) return "a warning dated after the query";
        // Deterministic, with and without the explanation trace.
        std::string st = status_json(o, *book()).dump(), tl = timeline_json(o, *book()).dump();
        Outcome again = replay(cs, sel, on, ReplayOptions{false});
        if (status_json(again, *book()).dump() != st || timeline_json(again, *book()).dump() != tl)
            return "replay is not deterministic";
        // An outcome reused from case to case (simulate's way) gives the same.
        static Outcome reused;
        replay_into(reused, cs, sel, on, ReplayOptions{false});
        if (status_json(reused, *book()).dump() != st || timeline_json(reused, *book()).dump() != tl)
            return "a reused outcome keeps something of the previous case";
        // Same-day events that commute give the same result in any order.
        json shuffled = c;
        auto& ev = shuffled["events"];
        for (size_t i = 0; i + 1 < ev.size(); ++i)
            if (ev[i]["date"] == ev[i + 1]["date"] && commutes(ev[i]) && commutes(ev[i + 1]) &&
                ev[i]["type"] != "indications" && (shuffle_rng() & 1))
                std::swap(ev[i], ev[i + 1]);
        Outcome o2 = replay(parse_case(shuffled.dump()), sel, on);
        if (timeline_json(o2, *book()).dump() != tl) return "commuting same-day events change the timeline";
        // Closing is final at later dates too.
        if (o.state() == State::closed) {
            Date later = std::min(max_date(), on + bg::days(700));
            Outcome o3 = replay(cs, sel, later, ReplayOptions{false});
            if (o3.state() != State::closed || o3.closure_reason != o.closure_reason) return "a closed case reopened";
        }
    }
    return "";
}

// Seeds that once broke an invariant: they are checked first.
// 20274685, 20281356: a printed ai expiry a few days after issue put the
// prosecutor consultation before the document existed (scenario 46).
const uint64_t kRegressionSeeds[] = {20274685, 20281356};

}  // namespace

TEST(Properties, InvariantsHoldForRandomCases) {
    long n = 100000;
    if (const char* env = std::getenv("SEJOUR61_PROPERTY_CASES")) n = std::atol(env);
    uint64_t base = 20261129;
    if (const char* env = std::getenv("SEJOUR61_PROPERTY_SEED")) base = std::strtoull(env, nullptr, 10);
    std::mt19937_64 shuffle_rng(base);
    std::vector<uint64_t> seeds(std::begin(kRegressionSeeds), std::end(kRegressionSeeds));
    for (long i = 0; i < n; ++i) seeds.push_back(base + static_cast<uint64_t>(i));
    long failures = 0;
    for (uint64_t seed : seeds) {
        auto [c, on] = random_case(seed);
        std::string broken;
        try {
            broken = check(c, on, shuffle_rng);
        } catch (const std::exception& e) {
            broken = std::string("exception: ") + e.what();
        }
        if (!broken.empty()) {
            ADD_FAILURE() << "seed " << seed << " on " << format_date(on) << ": " << broken << "\n" << c.dump();
            if (++failures >= 5) break;
        }
    }
    RecordProperty("cases", static_cast<int>(seeds.size()));
}

// ---- Issue 14: differential invariants of R-61/5-INDEF and of facts under
// every rule set (procedure.md §7, §8), with reforms, ID@DATE and regime changes.
namespace {

bool is_trigger_type(const json& e) {
    std::string t = e["type"];
    return t == "requisitions" || t == "conviction" ||
           (t == "labour_proceedings" && e["status"] == "judgment" && e.value("favourable", false));
}

// The state in force on `d` (after the events of that day), and whether a period starts that day.
std::pair<State, bool> state_on(const Outcome& o, const Date& d) {
    State s = State::start;
    bool starts = false;
    for (const auto& p : o.periods) {
        if (p.from > d) break;
        s = p.state;
        starts = p.from == d;
    }
    return {s, starts};
}

// Point 1: a trigger outside provisional/temporary never changes a period.
std::string check_wrong_phase_triggers(const json& c, const Date& on, const Selection& sel) {
    const json& ev = c["events"];
    for (size_t i = 0; i < ev.size(); ++i) {
        if (!is_trigger_type(ev[i])) continue;
        json without = c;
        without["events"].erase(without["events"].begin() + static_cast<long>(i));
        Date d = *parse_date(ev[i]["date"].get<std::string>());
        Outcome a, b;
        try {
            a = replay(parse_case(without.dump()), sel, on, ReplayOptions{false});
            b = replay(parse_case(c.dump()), sel, on, ReplayOptions{false});
        } catch (const QueryError&) {
            continue;
        }
        auto [s, starts] = state_on(a, d);
        // Only where the phase on that day is unambiguous: no period starts on it.
        if (starts || s == State::provisional || s == State::temporary || s == State::start) continue;
        if (timeline_json(a, *book()).dump() != timeline_json(b, *book()).dump())
            return "a " + ev[i]["type"].get<std::string>() + " on " + format_date(d) + " in " + state_name(s) +
                   " changed the timeline";
    }
    return "";
}

// The first day without the right to stay under this procedure (closure), or max.
Date end_of_stay(const Outcome& o) {
    return o.state() == State::closed ? o.periods.back().from : max_date();
}

}  // namespace

TEST(Properties, TriggersOutsideTheirPhaseAndReformsAdoptedEarlier) {
    long n = 100000;
    if (const char* env = std::getenv("SEJOUR61_PROPERTY_CASES")) n = std::atol(env);
    uint64_t base = 20261201;
    if (const char* env = std::getenv("SEJOUR61_PROPERTY_SEED")) base = std::strtoull(env, nullptr, 10);
    long failures = 0, wrong_phase_checked = 0, reform_pairs = 0;
    for (long i = 0; i < n && failures < 5; ++i) {
        uint64_t seed = base + static_cast<uint64_t>(i);
        auto [c, on] = random_case(seed);
        Gen g(seed ^ 0x5eed);
        std::string broken;
        try {
            // Point 1 under the law, a reform, and a reform adopted as of a date.
            Date d0;
            for (const auto& e : c["events"])
                if (e["type"] == "indications") { d0 = *parse_date(e["date"].get<std::string>()); break; }
            std::string at = format_date(d0 + bg::days(g.uniform(0, 900)));
            // Often the pattern of the second review: a trigger early (reflection),
            // a decision on unlimited stay, and a later trigger.
            if (g.chance(0.5)) {
                auto trig = [&](int lo, int hi) {
                    json e{{"date", format_date(d0 + bg::days(g.uniform(lo, hi)))}};
                    if (g.chance(0.5)) {
                        e["type"] = "requisitions";
                        e["teh_charge"] = true;
                    } else {
                        e["type"] = "conviction";
                        e["final"] = g.chance(0.3);
                    }
                    return e;
                };
                c["events"].push_back(trig(0, 45));
                c["events"].push_back({{"date", format_date(d0 + bg::days(g.uniform(30, 250)))},
                                       {"type", "indefinite_decision"}, {"granted", g.chance(0.5)}});
                c["events"].push_back(trig(60, 400));
                std::stable_sort(c["events"].begin(), c["events"].end(), [](const json& a, const json& b) {
                    return a["date"].get<std::string>() < b["date"].get<std::string>();
                });
            }
            const std::vector<std::vector<std::string>> sets = {
                {}, {"diplomatic-labour-track"}, {"mena-unconditional@" + at}};
            Selection sel(book(), std::nullopt, sets[static_cast<size_t>(i % 3)]);
            broken = check_wrong_phase_triggers(c, on, sel);
            ++wrong_phase_checked;
            // Points 2-3: a domestic worker whose labour proceedings are pending
            // (a favourable finding, no judgment) never loses the stay sooner
            // when the reform is adopted earlier.
            if (broken.empty()) {
                json w = c;
                w["person"]["employer_immunity"] = true;
                json events = json::array();
                // Nothing else fails a condition at a document's end (the victim
                // status and the cooperation hold, the criminal proceedings end
                // only for immunity): otherwise an earlier A card shifts the
                // chain of 6-month cards and a failure unrelated to the reform
                // could fall due sooner, which is the chain, not the reform.
                for (json e : w["events"]) {
                    if (e["type"] == "labour_proceedings" || e["type"] == "labour_auditor_finding") continue;
                    if (e["type"] == "prosecutor_opinion") {
                        e["victim"] = true;
                        e["cooperating"] = true;
                    }
                    if (e["type"] == "proceedings_ended") e["outcome"] = "immunity";
                    events.push_back(e);
                }
                std::string pend = format_date(d0 + bg::days(g.uniform(-30, 400)));
                if (pend < format_date(d0)) pend = format_date(d0);
                events.push_back({{"date", pend}, {"type", "labour_proceedings"}, {"status", "pending"}});
                if (g.chance(0.7))
                    events.push_back({{"date", format_date(d0 + bg::days(g.uniform(0, 400)))},
                                      {"type", "labour_auditor_finding"}, {"teh", true}});
                std::stable_sort(events.begin(), events.end(), [](const json& a, const json& b) {
                    return a["date"].get<std::string>() < b["date"].get<std::string>();
                });
                w["events"] = events;
                Date early = d0 + bg::days(g.uniform(-200, 600));
                Date late = early + bg::days(g.uniform(1, 900));
                Date far = std::min(max_date(), d0 + bg::days(3000));
                Case wc = parse_case(w.dump());
                Selection se(book(), std::nullopt, {"diplomatic-labour-track@" + format_date(early)});
                Selection sl(book(), std::nullopt, {"diplomatic-labour-track@" + format_date(late)});
                Outcome oe = replay(wc, se, far, ReplayOptions{false});
                Outcome ol = replay(wc, sl, far, ReplayOptions{false});
                ++reform_pairs;
                // Facts are facts (§7): adopted just before or just after the
                // pending labour fact, with no act in between, the reform reads
                // the same facts and gives the same periods.
                Date pd = *parse_date(pend);
                Date a1 = pd - bg::days(g.uniform(0, 20)), a2 = pd + bg::days(g.uniform(1, 40));
                Selection s1(book(), std::nullopt, {"diplomatic-labour-track@" + format_date(a1)});
                Selection s2(book(), std::nullopt, {"diplomatic-labour-track@" + format_date(a2)});
                Outcome o1 = replay(wc, s1, far, ReplayOptions{false});
                Outcome o2 = replay(wc, s2, far, ReplayOptions{false});
                auto quiet = [&](const Outcome& o) {
                    for (const auto& p : o.periods)
                        if (p.from >= a1 && p.from <= a2) return false;
                    return true;
                };
                if (quiet(o1) && quiet(o2) && timeline_json(o1, *book())["periods"] != timeline_json(o2, *book())["periods"])
                    broken = "no act between " + format_date(a1) + " and " + format_date(a2) +
                             " but the adoption date changes the timeline\n" + w.dump();
                else if (end_of_stay(oe) < end_of_stay(ol))
                    broken = "adopted on " + format_date(early) + " the stay ends on " + format_date(end_of_stay(oe)) +
                             ", adopted on " + format_date(late) + " on " + format_date(end_of_stay(ol)) + "\n" + w.dump();
            }
        } catch (const QueryError&) {
        } catch (const std::exception& e) {
            broken = std::string("exception: ") + e.what();
        }
        if (!broken.empty()) {
            ADD_FAILURE() << "seed " << seed << " on " << format_date(on) << ": " << broken << "\n" << c.dump();
            ++failures;
        }
    }
    EXPECT_GE(reform_pairs, n / 2);
    RecordProperty("cases", static_cast<int>(wrong_phase_checked));
}

// ---- Issue 9 item 2: next steps follow the rules. For every step, replaying
// the case as of the query (no event after it) on the step's consequence date
// gives exactly the consequence's state, closure reason and document; a step
// is overdue exactly when its date is before the query; where the replay
// closes the case at the end of the document, a step says so, and it is the
// first step (procedure.md §10); the others are in date order, undated last
// (review of the fr/nl output, item 9); the
// consultation is not listed once a prosecutor opinion is dated within the
// current document (item 3, rules/README.md interpretation 23).
TEST(Properties, NextStepsFollowTheReplay) {
    long n = 100000;
    if (const char* env = std::getenv("SEJOUR61_PROPERTY_CASES")) n = std::atol(env);
    uint64_t base = 20261202;
    long failures = 0, checked = 0;
    for (long i = 0; i < n && failures < 5; ++i) {
        uint64_t seed = base + static_cast<uint64_t>(i);
        auto [c, on] = random_case(seed);
        std::string broken;
        try {
            Case cs = parse_case(c.dump());
            Selection sel(book(), std::nullopt, i % 2 ? std::vector<std::string>{} : std::vector<std::string>{"diplomatic-labour-track"});
            Outcome o = replay(cs, sel, on, ReplayOptions{false});
            Case visible = cs;
            visible.events.clear();
            for (const auto& e : cs.events)
                if (e.date <= on) visible.events.push_back(e);
            auto steps = next_steps(cs, o, sel);
            const auto decided = std::find_if(steps.begin(), steps.end(), [](const Step& s) { return s.id == "decided"; });
            const bool answered = o.current() && std::any_of(visible.events.begin(), visible.events.end(), [&](const Event& e) {
                return e.type == EventType::prosecutor_opinion && e.date >= o.current()->from;
            });
            for (size_t k = 0; k < steps.size() && broken.empty(); ++k) {
                const Step& st = steps[k];
                if (st.overdue != (st.by && *st.by < on)) broken = st.id + ": overdue flag wrong";
                if (st.id == "decided" && k != 0) broken = "the decided closure is not the first step";
                const Step* prev = k > 0 && steps[k - 1].id != "decided" ? &steps[k - 1] : nullptr;
                if (prev && prev->by && st.by && *st.by < *prev->by) broken = "the steps are not in date order";
                if (prev && !prev->by && st.by) broken = "a dated step after an undated one";
                if (st.id == "consult-prosecutor" && answered) broken = "consultation listed although an opinion answers it";
                if (!st.consequence) continue;
                ++checked;
                const Consequence& q = *st.consequence;
                Outcome r = replay(visible, sel, std::min(q.date, max_date()), ReplayOptions{false});
                const Period* p = r.current();
                std::string doc = p ? p->document : "";
                if (r.state() != q.state || r.closure_reason != q.closure_reason || doc != q.document)
                    broken = st.id + ": consequence on " + format_date(q.date) + " is " + state_name(q.state) +
                             " but the replay gives " + state_name(r.state());
                if (st.id == "request-a-card" && decided != steps.end() && decided->consequence &&
                    decided->consequence->kind == "closes")
                    broken = "request-a-card listed although the facts already close the case";
            }
        } catch (const QueryError&) {
        } catch (const std::exception& e) {
            broken = std::string("exception: ") + e.what();
        }
        if (!broken.empty()) {
            ADD_FAILURE() << "seed " << seed << " on " << format_date(on) << ": " << broken << "\n" << c.dump();
            ++failures;
        }
    }
    EXPECT_GT(checked, n / 2);
    RecordProperty("consequences", static_cast<int>(checked));
}
